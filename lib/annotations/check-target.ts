/**
 * Checks a new annotation's selectors against the text they claim to come from, and works out the
 * section a passage is in. Used wherever a passage is chosen: creating, re-attaching, importing.
 *
 * Pure: no Prisma.
 */

import { describeTextRange, type TextAnchor } from "@/lib/anchoring/selectors";
import { AppError } from "@/lib/errors";

/** The part of a Section row that places an offset. */
export interface SectionSpan {
  anchor: string;
  level: number;
  startOffset: number;
  endOffset: number;
}

/**
 * Throws unless `target` describes `text` exactly: the position lies inside the text, the text
 * there is the quote, and the prefix and suffix are the characters right before and after it.
 * Selectors are taken from the text the author saw, so any difference is a stale page or a broken
 * client, and storing them would make an anchor that never resolves.
 *
 * @param field the name of the selectors in the caller's input, for the messages ("target")
 * @throws AppError INVALID_INPUT naming the offending selector field
 */
export function assertTargetMatchesText(text: string, target: TextAnchor, field = "target"): void {
  const { start, end } = target.position;
  const { exact, prefix, suffix } = target.quote;
  if (end > text.length) {
    throw new AppError(
      "INVALID_INPUT",
      `${field}.position: the range ${start}–${end} is outside the text (${text.length} characters); reload the article and select again.`,
      { field: `${field}.position` },
    );
  }
  if (text.slice(start, end) !== exact) {
    throw new AppError(
      "INVALID_INPUT",
      `${field}.quote.exact: the quote is not the text at ${start}–${end}; reload the article and select again.`,
      { field: `${field}.quote.exact` },
    );
  }
  if (start < prefix.length || text.slice(start - prefix.length, start) !== prefix) {
    throw new AppError(
      "INVALID_INPUT",
      `${field}.quote.prefix: the prefix is not the text just before the quote.`,
      { field: `${field}.quote.prefix` },
    );
  }
  if (text.slice(end, end + suffix.length) !== suffix) {
    throw new AppError(
      "INVALID_INPUT",
      `${field}.quote.suffix: the suffix is not the text just after the quote.`,
      { field: `${field}.quote.suffix` },
    );
  }
}

/**
 * The anchor of the innermost section whose span holds `offset`, or null for text before the
 * first heading (the lead) and for orphans.
 */
export function findSectionAnchor(
  sections: readonly SectionSpan[],
  offset: number | null,
): string | null {
  if (offset === null) {
    return null;
  }
  let best: SectionSpan | null = null;
  for (const section of sections) {
    if (section.startOffset <= offset && offset < section.endOffset) {
      if (best === null || section.level > best.level) {
        best = section;
      }
    }
  }
  return best?.anchor ?? null;
}

/** Selectors as a Web Annotation client may send them: a quote, a position, or both. */
export interface PartialTarget {
  quote?: { exact: string; prefix: string; suffix: string };
  position?: { start: number; end: number };
}

/**
 * Both selectors for a target that a client gave one of: a position alone is described from the
 * text; a quote alone is looked up, and must occur exactly once with its prefix and suffix. Both
 * are returned as given (`assertTargetMatchesText` checks them afterwards).
 *
 * @param field the name of the selectors in the caller's input, for the messages
 * @throws AppError INVALID_INPUT naming the field when the quote is missing or ambiguous, or the
 *   position is outside the text
 */
export function completeTarget(text: string, target: PartialTarget, field: string): TextAnchor {
  const { quote, position } = target;
  if (quote && position) {
    return {
      quote: { type: "TextQuoteSelector", ...quote },
      position: { type: "TextPositionSelector", ...position },
    };
  }
  if (position) {
    const { start, end } = position;
    if (!(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      0 <= start &&
      start < end &&
      end <= text.length
    )) {
      throw new AppError(
        "INVALID_INPUT",
        `${field}: the TextPositionSelector ${start}–${end} is not a range inside the text (${text.length} characters).`,
        { field },
      );
    }
    return describeTextRange(text, start, end);
  }
  if (!quote || quote.exact === "") {
    throw new AppError(
      "INVALID_INPUT",
      `${field}: give a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end).`,
      { field },
    );
  }
  const starts: number[] = [];
  for (
    let found = text.indexOf(quote.exact);
    found !== -1;
    found = text.indexOf(quote.exact, found + 1)
  ) {
    const end = found + quote.exact.length;
    if (
      text.slice(found - quote.prefix.length, found) === quote.prefix &&
      found >= quote.prefix.length &&
      text.slice(end, end + quote.suffix.length) === quote.suffix
    ) {
      starts.push(found);
    }
  }
  if (starts.length !== 1) {
    throw new AppError(
      "INVALID_INPUT",
      starts.length === 0
        ? `${field}: the quote is not in the article's current text.`
        : `${field}: the quote occurs ${starts.length} times; add a prefix and suffix or a TextPositionSelector.`,
      { field },
    );
  }
  const start = starts[0] ?? 0;
  return {
    quote: { type: "TextQuoteSelector", ...quote },
    position: { type: "TextPositionSelector", start, end: start + quote.exact.length },
  };
}
