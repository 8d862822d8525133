import { describeTextRange } from "@/lib/anchoring/selectors";

/** A quoted passage located in the article's text, as passage evidence sends it. */
export interface ResolvedPassage {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/** The outcome of {@link resolvePassage}: the passage, or a sentence saying why not. */
export type PassageResolution =
  { ok: true; passage: ResolvedPassage } | { ok: false; reason: string };

/**
 * Finds the words a scholar quoted in the article's plain text: the quote (its spaces tidied)
 * must occur exactly once, so that the evidence points at one passage. Returns its offsets and
 * context (the server checks them again against the revision).
 *
 * @param plainText the revision's plain text (lib/anchoring's projection)
 * @param quote the words as typed or pasted
 */
export function resolvePassage(plainText: string, quote: string): PassageResolution {
  const exact = quote.replace(/\s+/g, " ").trim();
  if (exact === "") {
    return { ok: false, reason: "Quote the words of the passage." };
  }
  const first = plainText.indexOf(exact);
  if (first < 0) {
    return {
      ok: false,
      reason: "These words are not in the article's current text; copy them from the article.",
    };
  }
  if (plainText.indexOf(exact, first + 1) >= 0) {
    return {
      ok: false,
      reason: "These words occur more than once in the article; quote a few more of them.",
    };
  }
  const anchor = describeTextRange(plainText, first, first + exact.length);
  return {
    ok: true,
    passage: {
      exact: anchor.quote.exact,
      prefix: anchor.quote.prefix,
      suffix: anchor.quote.suffix,
      start: first,
      end: first + exact.length,
    },
  };
}
