/**
 * Approximate quote matching: find where a quote is in a text that may have been edited since the
 * quote was taken, and say how good each place is.
 *
 * This is the ONLY file that imports `approx-string-match` (Myers' bit-parallel approximate search,
 * O(⌈k/32⌉·n) for k errors in n characters). Everything that searches with errors comes through
 * here, so the error limits and scoring weights below are the whole policy. The scoring follows
 * the Hypothesis client (`src/annotator/anchoring/match-quote.ts`): the quote's similarity counts
 * most, then the text before and after it, then closeness to where we expect it.
 *
 * Pure: no React, Prisma or DOM.
 */

import search from "approx-string-match";

/**
 * Weight of the quote's own similarity (1 − errors / quote length). Highest: a passage that still
 * reads as the quote is the strongest evidence we have.
 */
export const QUOTE_WEIGHT = 50;

/**
 * Weight of the similarity between the stored prefix and the text before a candidate. Together
 * with {@link SUFFIX_WEIGHT} it is close to the quote's weight, so context can overturn a slightly
 * better quote match: "Masoud's forces" with intact surroundings beats a verbatim "Massoud's
 * forces" in another paragraph. It cannot overturn much more than that, because context is the
 * first thing an edit next to the quote destroys.
 */
export const PREFIX_WEIGHT = 20;

/** Weight of the similarity between the stored suffix and the text after a candidate. */
export const SUFFIX_WEIGHT = 20;

/**
 * Weight of closeness to the expected position (1 − distance / text length). Small on purpose: it
 * only breaks ties between candidates that read the same, like the repeated "Ahmad Shah Massoud",
 * because an insertion earlier in the article moves every later passage.
 */
export const POSITION_WEIGHT = 2;

/** The best possible raw score; scores are divided by it so they fall in [0, 1]. */
const MAX_RAW_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * Errors allowed per quote character near the expected position. Hypothesis allows 1/2, which
 * also "finds" a passage that was rewritten or deleted: with half the characters wrong, a short
 * quote matches almost any text of its length. A quarter still absorbs a substituted word in a
 * phrase, a typo fix or an inserted clause in a sentence, and orphans what was really rewritten.
 * It also halves the search's cost, which grows with the error limit.
 */
export const MAX_ERROR_RATE = 1 / 4;

/**
 * Errors allowed per quote character far from the expected position (a search of the whole
 * text). A match there claims the passage moved; claiming that it also changed by a quarter is
 * usually wrong (the seed article repeats whole phrases of up to 82 characters). Requiring twice
 * the similarity keeps those false finds out. It also keeps the whole-text search cheap: with few
 * errors allowed, a match must contain several of the quote's pieces verbatim, so the search can
 * start from the places where they occur instead of scanning everything.
 */
export const MAX_FAR_ERROR_RATE = 1 / 8;

/**
 * Upper bound on errors allowed far from the expected position. A long passage found elsewhere
 * with up to 32 changes (one 32-bit block of search) is plainly the moved passage; beyond that,
 * the whole-text search would have to cut the quote into many short, common pieces and look
 * around every hit, which costs milliseconds per orphan, for passages that were moved and
 * rewritten at once, which the author had better re-attach by hand.
 */
export const MAX_FAR_ERRORS_CAP = 32;

/**
 * Upper bound on allowed errors, however long the quote (Hypothesis uses the same). Search cost
 * grows by one 32-bit block per 32 allowed errors, so this keeps even a 5,000-character quote to
 * eight blocks. Quotes over 1,024 characters therefore tolerate a smaller share of changes; a
 * passage that long with more than 256 changed characters deserves a fresh look by its author.
 */
export const MAX_ERRORS_CAP = 256;

/**
 * Errors allowed per character when finding the stored prefix or suffix next to an approximate
 * match to place its edges (see {@link findContextBoundary}): the quote's own rate. A 32-character
 * context with 8 errors still occurs by chance almost never, and a word changed next to the quote
 * is still found.
 */
export const MAX_CONTEXT_ERROR_RATE = 1 / 4;

/** Bits in the machine word that {@link countFewestErrorsInWord} packs a pattern into. */
const WORD_BITS = 32;

/** Character codes looked up in an array rather than a map: Latin-1, most of article text. */
const LATIN_CODES = 256;

/** Word-sized chunks of a long quote checked before a full search (see `canMatchWithin`). */
const MAX_CHECKED_CHUNKS = 4;

/** A place where a quote (approximately) is. */
export interface QuoteMatch {
  /** Offset of the match's first character. */
  start: number;
  /** Offset just past the match (exclusive). */
  end: number;
  /** Insertions, deletions and substitutions between the quote and `text.slice(start, end)`. */
  errors: number;
  /** Weighted similarity of quote, context and position, from 0 (nothing alike) to 1 (identical). */
  score: number;
  /**
   * Similarity of the text before the match to the stored prefix, from 0 to 1; null when no
   * prefix was stored (the quote began the text). Low on both sides: the match sits among
   * unrelated text.
   */
  prefixScore: number | null;
  /** Similarity of the text after the match to the stored suffix; null when none was stored. */
  suffixScore: number | null;
}

/** What is known about the quote besides its text. */
export interface QuoteContext {
  /** Text expected just before the quote ("" or absent: unknown or start of text). */
  prefix?: string;
  /** Text expected just after the quote ("" or absent: unknown or end of text). */
  suffix?: string;
  /** Offset where the quote is expected to start; absent when there is no expectation. */
  hint?: number;
}

/** Options of {@link matchQuote}: the context plus where and how hard to search. */
export interface MatchQuoteOptions extends QuoteContext {
  /** Search only matches inside `text.slice(from, to)`; context is still read outside it. */
  from?: number;
  /** End of the searched part (exclusive); defaults to the end of the text. */
  to?: number;
  /** Errors allowed; defaults to {@link maxErrorsFor} the quote's length. */
  maxErrors?: number;
}

/** A raw match as `approx-string-match` reports it. */
export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * The error limit near the expected position: a quarter of the quote, capped.
 *
 * @param quoteLength Length of the quote in UTF-16 code units.
 * @returns ⌊length × {@link MAX_ERROR_RATE}⌋, at most {@link MAX_ERRORS_CAP}; 0 for quotes
 *   under four characters, which must then match exactly.
 */
export function maxErrorsFor(quoteLength: number): number {
  return Math.min(MAX_ERRORS_CAP, Math.floor(quoteLength * MAX_ERROR_RATE));
}

/**
 * The error limit for a search of the whole text: an eighth of the quote, at most 32.
 *
 * @param quoteLength Length of the quote in UTF-16 code units.
 * @returns ⌊length × {@link MAX_FAR_ERROR_RATE}⌋, at most {@link MAX_FAR_ERRORS_CAP}.
 */
export function maxFarErrorsFor(quoteLength: number): number {
  return Math.min(MAX_FAR_ERRORS_CAP, Math.floor(quoteLength * MAX_FAR_ERROR_RATE));
}

/**
 * All lowest-error approximate matches of `pattern` in `text`: the one doorway to
 * `approx-string-match`. Only the matches with the fewest errors are returned (a 0-error match
 * hides every 1-error one), each with the longest start for its end.
 *
 * @param text Text to search.
 * @param pattern Non-empty pattern.
 * @param maxErrors Errors allowed.
 * @returns Matches in order of their end offsets; empty when none is within `maxErrors`.
 */
export function searchApproximate(
  text: string,
  pattern: string,
  maxErrors: number,
): ApproximateMatch[] {
  if (pattern.length === 0 || text.length === 0) {
    return [];
  }
  return search(text, pattern, maxErrors);
}

/**
 * How similar `pattern` is to the best-matching part of `text`, from 0 to 1: 1 − (fewest errors
 * of `pattern` against any substring of `text`) / pattern length. Used for context, where an edit
 * may have shifted the expected text within the slice (Hypothesis' `textMatchScore`).
 *
 * Contexts are short (32 characters as we store them), so this runs its own single-word bit-vector
 * pass instead of setting up a general search: thousands of candidates may be scored per batch.
 *
 * @param text Usually the slice before or after a candidate, as long as `pattern`.
 * @param pattern The stored prefix or suffix.
 * @returns 1 for an empty pattern (nothing to disagree with), 0 for an empty text.
 */
export function scoreTextSimilarity(text: string, pattern: string): number {
  if (pattern.length === 0) {
    return 1;
  }
  if (text.length === 0) {
    return 0;
  }
  if (text.includes(pattern)) {
    return 1;
  }
  const errors =
    pattern.length <= WORD_BITS
      ? countFewestErrorsInWord(text, pattern)
      : countFewestErrorsByTable(text, pattern);
  return Math.max(0, 1 - errors / pattern.length);
}

/**
 * Fewest errors of `pattern` (at most 32 characters) against any substring of `text`, with the
 * single-word form of Myers' bit-vector algorithm: one pass of a few bit operations per character.
 */
function countFewestErrorsInWord(text: string, pattern: string): number {
  // Bit i of masks[c] is set when the pattern's character i is c: an array for Latin text, a map
  // for the rest of Unicode.
  const latinMasks = new Int32Array(LATIN_CODES);
  const otherMasks = new Map<number, number>();
  for (let index = 0; index < pattern.length; index += 1) {
    const code = pattern.charCodeAt(index);
    if (code < LATIN_CODES) {
      latinMasks[code] = (latinMasks[code] ?? 0) | (1 << index);
    } else {
      otherMasks.set(code, (otherMasks.get(code) ?? 0) | (1 << index));
    }
  }
  const lastBit = 1 << (pattern.length - 1);
  let positive = -1; // vertical +1 deltas: column 0 counts up 0, 1, 2…
  let negative = 0;
  let errors = pattern.length;
  let fewest = errors;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const equal = (code < LATIN_CODES ? latinMasks[code] : otherMasks.get(code)) ?? 0;
    const vertical = equal | negative;
    const horizontal = (((equal & positive) + positive) ^ positive) | equal;
    let horizontalPositive = negative | ~(horizontal | positive);
    let horizontalNegative = positive & horizontal;
    if ((horizontalPositive & lastBit) !== 0) {
      errors += 1;
    } else if ((horizontalNegative & lastBit) !== 0) {
      errors -= 1;
    }
    // A match may start anywhere: row 0 stays 0, so nothing is shifted in.
    horizontalPositive <<= 1;
    horizontalNegative <<= 1;
    positive = horizontalNegative | ~(vertical | horizontalPositive);
    negative = horizontalPositive & vertical;
    fewest = Math.min(fewest, errors);
  }
  return fewest;
}

/** {@link countFewestErrorsInWord} for longer patterns, as a plain dynamic programme. */
function countFewestErrorsByTable(text: string, pattern: string): number {
  // row[j]: fewest errors of the pattern's first i characters against a substring ending at j.
  let previous = new Int32Array(text.length + 1);
  let current = new Int32Array(text.length + 1);
  for (let i = 1; i <= pattern.length; i += 1) {
    current[0] = i;
    const code = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= text.length; j += 1) {
      const diagonal = (previous[j - 1] ?? 0) + (text.charCodeAt(j - 1) === code ? 0 : 1);
      current[j] = Math.min(diagonal, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    [previous, current] = [current, previous];
  }
  return Math.min(...previous);
}

/**
 * Levenshtein distance of `a` and `b` if it is at most `maxDistance`, else null, by Ukkonen's and
 * Landau–Vishkin's diagonal method: for each number of edits d, the furthest point reachable on
 * each diagonal, sliding along equal characters for free. O(n + d²) when the strings mostly agree.
 */
function computeDiagonalDistance(a: string, b: string, maxDistance: number): number | null {
  const target = b.length - a.length;
  const offset = maxDistance + 1;
  const unreachable = -2;
  // furthest[k + offset]: furthest row of `a` reached on diagonal k (column = row + k).
  let furthest = new Int32Array(2 * maxDistance + 3).fill(unreachable);
  let next = new Int32Array(2 * maxDistance + 3).fill(unreachable);
  for (let distance = 0; distance <= maxDistance; distance += 1) {
    const low = Math.max(-distance, -a.length);
    const high = Math.min(distance, b.length);
    for (let diagonal = low; diagonal <= high; diagonal += 1) {
      let row: number;
      if (distance === 0) {
        row = 0;
      } else {
        const substitute = (furthest[diagonal + offset] ?? unreachable) + 1;
        const remove = (furthest[diagonal + 1 + offset] ?? unreachable) + 1;
        const insert = furthest[diagonal - 1 + offset] ?? unreachable;
        row = Math.max(substitute, remove, insert);
        if (row < 0) {
          next[diagonal + offset] = unreachable;
          continue;
        }
        row = Math.min(row, a.length, b.length - diagonal);
      }
      while (
        row < a.length &&
        row + diagonal < b.length &&
        a.charCodeAt(row) === b.charCodeAt(row + diagonal)
      ) {
        row += 1;
      }
      next[diagonal + offset] = row;
      if (diagonal === target && row >= a.length) {
        return distance;
      }
    }
    [furthest, next] = [next, furthest];
    next.fill(unreachable);
  }
  return null;
}

/**
 * The Levenshtein distance between `a` and `b`, if it is at most `maxDistance`.
 *
 * Edits to a passage are usually few and local, so the common head and tail are skipped first and
 * the rest is compared diagonal by diagonal: about O(n + d²) for distance d rather than O(n²).
 * This checks a range predicted from neighbouring annotations without any search.
 *
 * @param a One string (the quote).
 * @param b The other (the candidate passage).
 * @param maxDistance Largest distance of interest.
 * @returns The distance, or null when it exceeds `maxDistance`.
 */
export function computeEditDistance(a: string, b: string, maxDistance: number): number | null {
  let head = 0;
  while (head < a.length && head < b.length && a.charCodeAt(head) === b.charCodeAt(head)) {
    head += 1;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA -= 1;
    endB -= 1;
  }
  const restA = a.slice(head, endA);
  const restB = b.slice(head, endB);
  const lengthDifference = Math.abs(restA.length - restB.length);
  if (lengthDifference > maxDistance) {
    return null;
  }
  if (restA.length === 0 || restB.length === 0) {
    return lengthDifference;
  }
  return computeDiagonalDistance(restA, restB, maxDistance);
}

/**
 * Score a candidate place for a quote: the weighted similarity of the quote, of the text around
 * the candidate to the stored context, and of its position to the hint.
 *
 * @param text The whole text (context is read around the candidate).
 * @param candidate Where the quote might be and how many errors it has there.
 * @param quote The quote.
 * @param context Stored prefix and suffix, and the expected position.
 * @returns The candidate with its scores.
 */
export function scoreQuoteMatch(
  text: string,
  candidate: ApproximateMatch,
  quote: string,
  context: QuoteContext,
): QuoteMatch {
  const prefix = context.prefix ?? "";
  const suffix = context.suffix ?? "";
  const quoteScore = 1 - candidate.errors / quote.length;
  // Cheap check first: untouched context is by far the most common case.
  const prefixScore = text.endsWith(prefix, candidate.start)
    ? 1
    : scoreTextSimilarity(
        text.slice(Math.max(0, candidate.start - prefix.length), candidate.start),
        prefix,
      );
  const suffixScore = text.startsWith(suffix, candidate.end)
    ? 1
    : scoreTextSimilarity(text.slice(candidate.end, candidate.end + suffix.length), suffix);
  const positionScore =
    context.hint === undefined || text.length === 0
      ? 1
      : Math.max(0, 1 - Math.abs(candidate.start - context.hint) / text.length);

  const rawScore =
    QUOTE_WEIGHT * quoteScore +
    PREFIX_WEIGHT * prefixScore +
    SUFFIX_WEIGHT * suffixScore +
    POSITION_WEIGHT * positionScore;
  return {
    start: candidate.start,
    end: candidate.end,
    errors: candidate.errors,
    score: rawScore / MAX_RAW_SCORE,
    prefixScore: prefix === "" ? null : prefixScore,
    suffixScore: suffix === "" ? null : suffixScore,
  };
}

/**
 * A cheap necessary condition for `quote` to match somewhere in `text` with at most `maxErrors`
 * errors. The quote is cut into word-sized chunks; an alignment of the whole quote aligns every
 * chunk somewhere, so its errors are at least the sum of each chunk's fewest errors anywhere in
 * the text. One bit-vector pass per chunk computes that sum. Most searches (orphans, stretches
 * around untrusted repeats) find nothing, and this says so without setting up the full search.
 */
function canMatchWithin(text: string, quote: string, maxErrors: number): boolean {
  const chunks = Math.ceil(quote.length / WORD_BITS);
  // Any subset of the chunks gives a lower bound too; a few spread over the quote are enough to
  // rule out most places, and each costs a pass over the text.
  const step = Math.max(1, Math.floor(chunks / MAX_CHECKED_CHUNKS));
  let lowerBound = 0;
  for (let chunk = 0; chunk < chunks; chunk += step) {
    const start = chunk * WORD_BITS;
    lowerBound += countFewestErrorsInWord(text, quote.slice(start, start + WORD_BITS));
    if (lowerBound > maxErrors) {
      return false;
    }
  }
  return true;
}

/**
 * Find the best place for `quote` in `text` (or in `text.slice(from, to)`), allowing errors.
 *
 * Every lowest-error match is scored by {@link scoreQuoteMatch} and the highest score wins; ties
 * go to the earlier match. Only matches with the fewest errors are considered (a limitation of
 * the search): callers that fear a verbatim repeat hiding an edited original search small
 * stretches.
 *
 * @param text The text to search.
 * @param quote The quote; an empty quote matches nothing.
 * @param options Context, hint, the part of the text to search and the error limit.
 * @returns The best match, or null when none is within the error limit.
 */
export function matchQuote(
  text: string,
  quote: string,
  options: MatchQuoteOptions = {},
): QuoteMatch | null {
  if (quote.length === 0) {
    return null;
  }
  const from = Math.max(0, Math.min(text.length, options.from ?? 0));
  const to = Math.max(from, Math.min(text.length, options.to ?? text.length));
  const maxErrors = options.maxErrors ?? maxErrorsFor(quote.length);
  if (to - from < quote.length - maxErrors) {
    return null;
  }

  const searched = from === 0 && to === text.length ? text : text.slice(from, to);
  if (!canMatchWithin(searched, quote, maxErrors)) {
    return null;
  }
  let best: QuoteMatch | null = null;
  for (const match of searchApproximate(searched, quote, maxErrors)) {
    const scored = scoreQuoteMatch(
      text,
      { start: match.start + from, end: match.end + from, errors: match.errors },
      quote,
      options,
    );
    if (best === null || scored.score > best.score) {
      best = scored;
    }
  }
  return best;
}

/**
 * Where the stored context puts one edge of a passage: the end of the stored prefix (or the start
 * of the stored suffix) found approximately within `reach` characters of `edge`, the nearest if it
 * is found more than once. Fewest-errors alignment is blind at a passage's edges (matching "Shah"
 * against the "stan" of its replacement "Afghanistan" costs less than taking in the new word), but
 * the context still sits exactly where the passage starts and ends.
 *
 * @param text The whole text.
 * @param context The stored prefix (`side` "before") or suffix (`side` "after").
 * @param edge Where the edge is now thought to be.
 * @param reach How far the edge may move.
 * @param side Which side of the passage the context is on.
 * @returns The edge the context gives, or null when the context is not there (within
 *   {@link MAX_CONTEXT_ERROR_RATE}).
 */
export function findContextBoundary(
  text: string,
  context: string,
  edge: number,
  reach: number,
  side: "before" | "after",
): number | null {
  if (context === "") {
    return null;
  }
  const from = Math.max(0, side === "before" ? edge - reach - context.length : edge - reach);
  const to = Math.min(
    text.length,
    side === "before" ? edge + reach : edge + reach + context.length,
  );
  const maxErrors = Math.floor(context.length * MAX_CONTEXT_ERROR_RATE);
  let best: number | null = null;
  for (const found of searchApproximate(text.slice(from, to), context, maxErrors)) {
    const at = from + (side === "before" ? found.end : found.start);
    if (best === null || Math.abs(at - edge) < Math.abs(best - edge)) {
      best = at;
    }
  }
  return best;
}
