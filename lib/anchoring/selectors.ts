/**
 * W3C Web Annotation selectors for a range of an article's plain text (see `projectDocText`).
 *
 * Every annotation stores two: a {@link TextQuoteSelector} (what was selected, with some context)
 * and a {@link TextPositionSelector} (where it was). The position is the cheap way back to the
 * passage while the text is unchanged; the quote finds it again after the text was edited. This is
 * the pair the Hypothesis client stores (`src/types/api.ts`, `describe()` in
 * `src/annotator/anchoring/html.ts`).
 *
 * Pure: no React, Prisma or DOM.
 */

import { z } from "zod";

/**
 * Characters of context kept on each side of a quote. 32 is what Hypothesis keeps: enough to tell
 * apart the 17 "Jalalabad"s of the seed article, short enough that an edit a sentence away does not
 * disturb it.
 */
export const CONTEXT_LENGTH = 32;

/** Longest quote an annotation may hold, in UTF-16 code units (a few long paragraphs). */
export const MAX_EXACT_LENGTH = 5000;

/** Longest prefix or suffix accepted from clients: twice what we write, for other tools' selectors. */
export const MAX_CONTEXT_LENGTH = 64;

/** The selected text with the text just before and after it. */
export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  /** The selected text, exactly as it was. */
  exact: string;
  /** Up to {@link CONTEXT_LENGTH} characters just before `exact`; "" at the start of the text. */
  prefix: string;
  /** Up to {@link CONTEXT_LENGTH} characters just after `exact`; "" at the end of the text. */
  suffix: string;
}

/** Where the selection was: offsets in the article's plain text, `end` exclusive. */
export interface TextPositionSelector {
  type: "TextPositionSelector";
  /** Offset of the first selected character. */
  start: number;
  /** Offset just past the last selected character. */
  end: number;
}

/** Both selectors of one annotation: what `describeTextRange` makes and `resolveAnchor` reads. */
export interface TextAnchor {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Options of {@link describeTextRange}. */
export interface DescribeTextRangeOptions {
  /** Characters of context on each side; defaults to {@link CONTEXT_LENGTH}. */
  contextLength?: number;
}

/** True when the UTF-16 code unit at `index` is the second half of a surrogate pair. */
function isLowSurrogateAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Describe `text.slice(start, end)` with a quote and a position selector.
 *
 * The prefix and suffix are cut at the ends of the text, and never through a surrogate pair (so an
 * emoji or a rare CJK character at the cut is left out whole rather than halved).
 *
 * @param text The article's plain text, as `projectDocText` returns it.
 * @param start Offset of the first character of the range.
 * @param end Offset just past the range; must be greater than `start`.
 * @param options Context length.
 * @returns The quote and position selectors of the range.
 * @throws RangeError when the range is empty, inverted, not integral or outside the text.
 */
export function describeTextRange(
  text: string,
  start: number,
  end: number,
  options: DescribeTextRangeOptions = {},
): TextAnchor {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`range [${start}, ${end}) is not made of integer offsets`);
  }
  if (start < 0 || end > text.length) {
    throw new RangeError(`range [${start}, ${end}) is outside the text (length ${text.length})`);
  }
  if (end <= start) {
    throw new RangeError(`range [${start}, ${end}) is empty or inverted`);
  }
  const contextLength = options.contextLength ?? CONTEXT_LENGTH;
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`context length ${contextLength} is not a non-negative integer`);
  }

  let prefixStart = Math.max(0, start - contextLength);
  if (prefixStart > 0 && isLowSurrogateAt(text, prefixStart)) {
    prefixStart += 1;
  }
  let suffixEnd = Math.min(text.length, end + contextLength);
  if (suffixEnd < text.length && isLowSurrogateAt(text, suffixEnd)) {
    suffixEnd -= 1;
  }

  return {
    quote: {
      type: "TextQuoteSelector",
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: "TextPositionSelector", start, end },
  };
}

/** A quote selector as clients send it; see {@link TextQuoteSelector}. */
export const textQuoteSelectorSchema = z.object({
  /** Always "TextQuoteSelector" (the W3C name), so stored selectors are self-describing. */
  type: z.literal("TextQuoteSelector"),
  /** The selected text: not empty, at most {@link MAX_EXACT_LENGTH} characters. */
  exact: z
    .string()
    .min(1, "the quote is empty")
    .max(MAX_EXACT_LENGTH, `the quote is longer than ${MAX_EXACT_LENGTH} characters`),
  /** Text just before the quote; "" when the quote starts the text. */
  prefix: z
    .string()
    .max(MAX_CONTEXT_LENGTH, `the prefix is longer than ${MAX_CONTEXT_LENGTH} characters`),
  /** Text just after the quote; "" when the quote ends the text. */
  suffix: z
    .string()
    .max(MAX_CONTEXT_LENGTH, `the suffix is longer than ${MAX_CONTEXT_LENGTH} characters`),
}) satisfies z.ZodType<TextQuoteSelector>;

/** A position selector as clients send it; see {@link TextPositionSelector}. */
export const textPositionSelectorSchema = z
  .object({
    /** Always "TextPositionSelector" (the W3C name). */
    type: z.literal("TextPositionSelector"),
    /** Offset of the first selected character in the article's plain text. */
    start: z.int().nonnegative("start is negative"),
    /** Offset just past the last selected character; greater than `start`. */
    end: z.int().nonnegative("end is negative"),
  })
  .refine((selector) => selector.end > selector.start, {
    message: "end must be greater than start",
    path: ["end"],
  }) satisfies z.ZodType<TextPositionSelector>;

/**
 * Both selectors of an annotation. The position must span exactly as many characters as the
 * quote: they were taken from the same text, so anything else is a broken client.
 */
export const textAnchorSchema = z
  .object({
    /** What was selected, with context. */
    quote: textQuoteSelectorSchema,
    /** Where it was selected, in the revision the annotation was made on. */
    position: textPositionSelectorSchema,
  })
  .refine((anchor) => anchor.position.end - anchor.position.start === anchor.quote.exact.length, {
    message: "the position must span exactly the quote's length",
    path: ["position"],
  }) satisfies z.ZodType<TextAnchor>;
