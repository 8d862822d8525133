/**
 * Find an annotation's passage in the current text of its article, cheapest strategy first:
 *
 * 1. **position**: the stored offsets, accepted only if the text there still equals the quote;
 * 2. **quote**: every verbatim occurrence of the quote, ranked by how well the text around each
 *    agrees with the stored prefix and suffix, then by distance from where it is expected;
 * 3. **fuzzy**: an approximate match with a bounded number of errors: first the expected range
 *    itself, then small stretches around the expected position, and only then the whole text.
 *
 * When all three fail the annotation is an orphan: `resolveAnchor` returns null and the caller
 * keeps the annotation and lists it as orphaned, never drops it. This mirrors `anchor()` in the
 * Hypothesis client (`src/annotator/anchoring/html.ts`). `reanchorAnnotations` runs the same
 * strategies over many annotations at once.
 *
 * Pure: no React, Prisma or DOM.
 */

import {
  computeEditDistance,
  findContextBoundary,
  matchQuote,
  maxErrorsFor,
  maxFarErrorsFor,
  scoreQuoteMatch,
  type QuoteMatch,
} from "@/lib/anchoring/match-quote";
import type { TextAnchor } from "@/lib/anchoring/selectors";

/** Which strategy found the passage. */
export type AnchorStrategy = "position" | "quote" | "fuzzy";

/** Where an annotation's passage is in the current text. */
export interface ResolvedAnchor {
  /** Offset of the passage's first character. */
  start: number;
  /** Offset just past the passage (exclusive). */
  end: number;
  /** The strategy that found it: "quote" for a verbatim match, "fuzzy" for one with errors. */
  strategy: AnchorStrategy;
}

/** Options of {@link resolveAnchor} and the strategy functions. */
export interface ResolveAnchorOptions {
  /**
   * Offsets in the current text where the passage is expected to start, best guess first. Defaults
   * to the stored position's start. `reanchorAnnotations` adds guesses from neighbouring
   * annotations that already anchored.
   */
  hints?: readonly number[];
  /**
   * Offsets where the passage is expected to end, best guess first. Defaults to each expected
   * start plus the quote's length. With `hints` they give whole expected ranges, which are checked
   * before anything is searched.
   */
  endHints?: readonly number[];
  /**
   * Where the passage must lie if the text kept its order: from the new place of the nearest
   * placed text before it to that of the nearest placed text after it. A candidate inside tight
   * bounds is trusted without context: its neighbours vouch for it. `reanchorAnnotations` sets
   * this from the annotations it has already placed.
   */
  bounds?: { start: number; end: number };
  /**
   * Believe only candidates that need no benefit of the doubt: near an expected start, inside the
   * bounds, long enough to identify themselves, or agreeing with the context on both sides.
   * `reanchorAnnotations` uses this before neighbours' shifts are known, so that doubtful cases
   * are decided later with better expectations.
   */
  isConservative?: boolean;
  /** An index of the current text from {@link createTextIndex}, shared across annotations. */
  index?: TextIndex;
}

/**
 * Characters at an edge that pin it when they read verbatim: the quote's first (last) characters
 * at a start (end), or the stored context's nearest ones just outside it. About a word: fewer and
 * a coincidental letter or two would pin an edge anywhere, more and an edit near the edge would
 * leave it unpinned.
 */
const EDGE_CHECK_LENGTH = 8;

/**
 * How well the stored context must agree with a candidate's surroundings (each side scored 0–1,
 * see `QuoteMatch.prefixScore`) for it to be believed. It is the quote's own error rate, 3/4,
 * applied to the context: an unrelated place scores about 0.3–0.6 with 32-character contexts.
 * Near the expected position the better side must reach it, since an edit next to the quote
 * leaves the other side changed; far from it both sides together must (their mean), or a quote
 * whose sentence was deleted would move onto a namesake elsewhere that shares one side, as
 * "People's" in "his People's Democratic Party" would onto "the People's Democratic Party".
 */
const MIN_CONTEXT_SCORE = 0.75;

/**
 * Quotes at least this long identify themselves: no surrounding text is needed to trust a match
 * (the seed article's longest verbatim repeat is 82 characters). This lets an annotation on most
 * of a moved paragraph follow it, though the text around it is all new.
 */
const DISTINCTIVE_QUOTE_LENGTH = 128;

/**
 * A verbatim quote at least this long that occurs exactly once, near where it is expected, is
 * trusted without context: 32 characters rarely recur by chance, and a passage whose neighbouring
 * sentences were both rewritten (or moved away) is still that passage.
 */
const MIN_UNIQUE_QUOTE_LENGTH = 32;

/**
 * A candidate this close to an expected position is trusted without context (and no closer than
 * the quote's own error limit: a two-letter "by" a character from where a deleted sentence was is
 * a coincidence, not evidence). An expected position from an unchanged neighbour is exact, so the
 * true passage starts there to within the edits at its start; a different passage within the
 * error limit starting there is very unlikely.
 */
const NEAR_HINT_DISTANCE = 8;

/**
 * Up to this far from an expected position a candidate is local: one good side of context is
 * enough. Beyond it, both sides are weighed (see {@link MIN_CONTEXT_SCORE}). A paragraph or so:
 * the reach of the wide stretch.
 */
const LOCAL_DISTANCE = 512;

/**
 * Bounds (see `ResolveAnchorOptions.bounds`) vouch for a candidate only when they are tight: at
 * most this much longer than the quote plus its error limit. That admits a couple of sentences
 * inserted around the passage, and keeps a namesake a paragraph away from being vouched for.
 */
const MAX_BOUNDS_SLACK = 256;

/**
 * …and at most this many characters of slack per quote character: a short quote is found by
 * chance in loose bounds (some "of" lies within any 50 characters), a long one is not.
 */
const BOUNDS_SLACK_PER_CHARACTER = 4;

/**
 * How far from an expected edge a pinned edge is looked for when checking expected ranges.
 * Neighbours' shifts predict edges exactly unless an edit sits right at the edge, so a word's
 * width is enough; each extra pinned candidate costs an edit-distance computation.
 */
const EXPECTED_EDGE_REACH = 8;

/**
 * Slack around an expected position for the first, narrow search. Narrow matters: the search only
 * reports the fewest-error matches, so a verbatim repeat of a short quote inside the stretch would
 * hide the edited original. 32 characters absorbs an edit of a few words before the quote.
 */
const NARROW_SEARCH_SLACK = 32;

/**
 * Slack for the second, wide search around each expected position: covers a paragraph's worth of
 * insertions or deletions before the quote when there is no better guess than the old offset.
 */
const WIDE_SEARCH_SLACK = LOCAL_DISTANCE;

/**
 * How often a narrow stretch is split around an untrusted verbatim match to look past it. Each
 * split costs one more search of at most the stretch; three lets a quote step over three repeats.
 */
const MAX_STRETCH_SPLITS = 3;

/**
 * Occurrences scored in full when a quote occurs more often (say "the Afghan government"): the
 * ones whose adjacent text agrees best, plus the ones nearest each expected position. Full scoring
 * compares each context approximately; cheap agreement finds the contenders first.
 */
const MAX_SCORED_OCCURRENCES = 8;

/** Length of the grams the text index is keyed on: "Mass", "asso", "ssou"… */
const GRAM_LENGTH = 4;

/** Grams of a pattern probed for the rarest one; probing all of a long quote would cost more. */
const MAX_PROBED_GRAMS = 16;

/**
 * If searching around the exact hits of the quote's pieces would cost more than scanning this
 * share of the text (counting each search's set-up as a quote's length), scan the whole text at
 * once instead.
 */
const MAX_PIECE_REGION_SHARE = 1 / 2;

/**
 * How many pieces of a quote must agree on where a match starts before the whole-text search
 * looks there: cut into n disjoint pieces, a quote matched with at most k errors keeps at least
 * n − k of them verbatim (each error touches at most one piece), each within k of where the match
 * start puts it. Pieces of about this many characters are rare enough in a text to make few
 * hits, so a long quote is cut into many and must have many agree.
 */
const PIECE_LENGTH = 8;

/** A letter, digit or combining mark of any script: what a word is made of. */
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * An index of every {@link GRAM_LENGTH}-character gram of a text, so that all verbatim occurrences
 * of a quote are found by checking the places of its rarest gram instead of scanning the text.
 * Building it is one pass over the text (under a millisecond for a 35 KB article); build it once
 * and share it when resolving many annotations on one text.
 */
export interface TextIndex {
  /** The indexed text. */
  readonly text: string;
  /** Latest position in each hash bucket's chain, or -1. */
  readonly heads: Int32Array;
  /** Next (earlier) position in the same bucket, or -1. */
  readonly next: Int32Array;
  /** Number of positions in each bucket: an upper bound on a gram's occurrences. */
  readonly counts: Int32Array;
  /** Bucket count − 1 (a power of two). */
  readonly mask: number;
}

/** Hash of the gram starting at `index` (collisions are fine: every hit is checked). */
function hashGram(text: string, index: number): number {
  let hash = 0;
  for (let offset = 0; offset < GRAM_LENGTH; offset += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index + offset), 0x01000193);
  }
  return (hash ^ (hash >>> 15)) >>> 0;
}

/**
 * Index a text for {@link findQuoteOccurrences}.
 *
 * @param text The current text of the article.
 * @returns The index; it holds the text, so it is only valid for that text.
 */
export function createTextIndex(text: string): TextIndex {
  const gramCount = Math.max(0, text.length - GRAM_LENGTH + 1);
  let size = 16;
  while (size < gramCount * 2) {
    size *= 2;
  }
  const mask = size - 1;
  const heads = new Int32Array(size).fill(-1);
  const counts = new Int32Array(size);
  const next = new Int32Array(gramCount);
  for (let index = 0; index < gramCount; index += 1) {
    const bucket = hashGram(text, index) & mask;
    next[index] = heads[bucket] ?? -1;
    heads[bucket] = index;
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { text, heads, next, counts, mask };
}

/**
 * Every offset where `pattern` occurs verbatim in the text, in ascending order (overlapping
 * occurrences included).
 *
 * @param text The text to search.
 * @param pattern A non-empty pattern.
 * @param index An index of `text`; without one the text is scanned.
 * @returns The start offsets.
 * @throws Error when `index` was built for another text.
 */
export function findQuoteOccurrences(text: string, pattern: string, index?: TextIndex): number[] {
  const occurrences: number[] = [];
  if (pattern.length === 0) {
    return occurrences;
  }
  if (index === undefined || pattern.length < GRAM_LENGTH) {
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
      occurrences.push(at);
    }
    return occurrences;
  }
  if (index.text !== text) {
    throw new Error("the text index was built for another text");
  }

  // Every occurrence contains every gram of the pattern: walk the rarest gram's bucket.
  const lastOffset = pattern.length - GRAM_LENGTH;
  const probes = Math.min(MAX_PROBED_GRAMS, lastOffset + 1);
  let bestOffset = 0;
  let bestBucket = hashGram(pattern, 0) & index.mask;
  for (let probe = 1; probe < probes; probe += 1) {
    const offset = Math.round((probe * lastOffset) / Math.max(1, probes - 1));
    const bucket = hashGram(pattern, offset) & index.mask;
    if ((index.counts[bucket] ?? 0) < (index.counts[bestBucket] ?? 0)) {
      bestBucket = bucket;
      bestOffset = offset;
    }
  }
  for (let at = index.heads[bestBucket] ?? -1; at !== -1; at = index.next[at] ?? -1) {
    const start = at - bestOffset;
    if (start >= 0 && text.startsWith(pattern, start)) {
      occurrences.push(start);
    }
  }
  // Buckets are chained latest first.
  return occurrences.reverse();
}

/** True when `[start, end)` is a non-empty integer range inside a text of `length`. */
function isRangeInside(start: number, end: number, length: number): boolean {
  return (
    Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length
  );
}

/** What is expected of a passage, and how much benefit of the doubt candidates get. */
interface Expectation {
  /** Expected starts, best guess first; never empty. */
  hints: readonly number[];
  /** Tight bounds that vouch for candidates inside them, if any. */
  bounds: { start: number; end: number } | null;
  /** Distance from an expected start within which one good side of context suffices. */
  localDistance: number;
  /** Length of the quote. */
  quoteLength: number;
}

/** Gather the expectation for an anchor from the options. */
function buildExpectation(anchor: TextAnchor, options: ResolveAnchorOptions): Expectation {
  const quoteLength = anchor.quote.exact.length;
  const given = options.hints?.filter((hint) => Number.isFinite(hint)) ?? [];
  const bounds = options.bounds;
  const isTight =
    bounds !== undefined &&
    bounds.start <= bounds.end &&
    bounds.end - bounds.start <=
      quoteLength +
        maxErrorsFor(quoteLength) +
        Math.min(MAX_BOUNDS_SLACK, BOUNDS_SLACK_PER_CHARACTER * quoteLength);
  return {
    hints: given.length > 0 ? given : [anchor.position.start],
    bounds: isTight ? bounds : null,
    localDistance: options.isConservative === true ? 0 : LOCAL_DISTANCE,
    quoteLength,
  };
}

/** The expected position closest to `offset`. */
function nearestHint(hints: readonly number[], offset: number): number {
  let nearest = hints[0] ?? offset;
  for (const hint of hints) {
    if (Math.abs(hint - offset) < Math.abs(nearest - offset)) {
      nearest = hint;
    }
  }
  return nearest;
}

/**
 * Whether a candidate is believable on its own terms: it sits where the passage is expected (near
 * an expected start, or inside tight bounds), or the quote is long enough to identify itself (or
 * fairly long, verbatim and the only occurrence nearby), or the text around it agrees with the
 * stored context (one side nearby, both sides far away). Scores rank candidates; this decides
 * whether the best one is good enough or the annotation is an orphan.
 */
function isMatchTrusted(
  match: QuoteMatch,
  expectation: Expectation,
  isOnlyOccurrence = false,
): boolean {
  const { bounds, hints, localDistance, quoteLength } = expectation;
  const distance = Math.abs(nearestHint(hints, match.start) - match.start);
  if (
    distance <= Math.min(NEAR_HINT_DISTANCE, maxErrorsFor(quoteLength)) ||
    quoteLength >= DISTINCTIVE_QUOTE_LENGTH ||
    (bounds !== null && match.start >= bounds.start && match.end <= bounds.end) ||
    (isOnlyOccurrence && quoteLength >= MIN_UNIQUE_QUOTE_LENGTH && distance <= localDistance)
  ) {
    return true;
  }
  const sides = [match.prefixScore, match.suffixScore].filter((side) => side !== null);
  if (sides.length === 0) {
    return true;
  }
  const agreement =
    distance <= localDistance
      ? Math.max(...sides)
      : sides.reduce((sum, side) => sum + side, 0) / sides.length;
  return agreement >= MIN_CONTEXT_SCORE;
}

/**
 * True when one side of the stored context, all of it, still reads verbatim right next to
 * `[start, end)`. A whole side, not just the nearest word: "Jalalabad" recurs 17 times, often after
 * "Battle of ", and a stale offset that now lands on another one must not pass for this one.
 */
function hasIntactContext(text: string, start: number, end: number, anchor: TextAnchor): boolean {
  const { prefix, suffix } = anchor.quote;
  // An empty side means the quote was at that end of the text; it agrees if it still is.
  const prefixAgrees = prefix === "" ? start === 0 : text.endsWith(prefix, start);
  const suffixAgrees = suffix === "" ? end === text.length : text.startsWith(suffix, end);
  return prefixAgrees || suffixAgrees;
}

/**
 * Strategy 1: the stored position, if the text there still equals the quote and one whole side
 * of the stored context still stands next to it (long quotes need no context). Without that check
 * a short quote such as "1989" would be "found" at its old offset whenever an edit shifted another
 * "1989" there; with it, such a quote goes on to the quote strategy, which weighs all of them.
 *
 * @param text The current text.
 * @param anchor The stored selectors.
 * @returns The stored range with strategy "position", or null.
 */
export function anchorByPosition(text: string, anchor: TextAnchor): ResolvedAnchor | null {
  const { start, end } = anchor.position;
  const { exact } = anchor.quote;
  if (
    exact === "" ||
    !isRangeInside(start, end, text.length) ||
    end - start !== exact.length ||
    !text.startsWith(exact, start)
  ) {
    return null;
  }
  if (exact.length < DISTINCTIVE_QUOTE_LENGTH && !hasIntactContext(text, start, end, anchor)) {
    return null;
  }
  return { start, end, strategy: "position" };
}

/**
 * How many characters next to an occurrence agree with the stored context, counted outward from
 * the quote on both sides: a cheap stand-in for the full context score.
 */
function countAdjacentAgreement(
  text: string,
  start: number,
  end: number,
  anchor: TextAnchor,
): number {
  const { prefix, suffix } = anchor.quote;
  let before = 0;
  while (
    before < prefix.length &&
    start - before - 1 >= 0 &&
    text.charCodeAt(start - before - 1) === prefix.charCodeAt(prefix.length - before - 1)
  ) {
    before += 1;
  }
  let after = 0;
  while (after < suffix.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) {
    after += 1;
  }
  return before + after;
}

/** Index of the first of the ascending `offsets` that is at least `offset`. */
function findFirstFrom(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((offsets[middle] ?? Infinity) < offset) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * The occurrences worth scoring in full: those whose adjacent text agrees best with the stored
 * context, plus the ones just before and after each expected position.
 */
function selectOccurrencesToScore(
  text: string,
  occurrences: readonly number[],
  anchor: TextAnchor,
  hints: readonly number[],
): number[] {
  if (occurrences.length <= MAX_SCORED_OCCURRENCES) {
    return [...occurrences];
  }
  const length = anchor.quote.exact.length;
  const selected = new Set(
    occurrences
      .map((start) => ({
        start,
        agreement: countAdjacentAgreement(text, start, start + length, anchor),
      }))
      .sort((a, b) => b.agreement - a.agreement)
      .slice(0, MAX_SCORED_OCCURRENCES)
      .map((candidate) => candidate.start),
  );
  for (const hint of hints) {
    const after = findFirstFrom(occurrences, hint);
    for (const at of [occurrences[after - 1], occurrences[after]]) {
      if (at !== undefined) {
        selected.add(at);
      }
    }
  }
  return [...selected];
}

/**
 * The best verbatim occurrence, trusted or not. Agreement with the stored context comes first,
 * distance from the nearest expected position second: when some occurrences sit between exactly
 * the stored prefix and suffix (the usual case once an edit has merely shifted the passage), the
 * nearest of them wins without further scoring.
 */
function scoreOccurrences(
  text: string,
  occurrences: readonly number[],
  anchor: TextAnchor,
  hints: readonly number[],
): QuoteMatch | null {
  const { exact, prefix, suffix } = anchor.quote;
  const score = (start: number): QuoteMatch =>
    scoreQuoteMatch(text, { start, end: start + exact.length, errors: 0 }, exact, {
      prefix,
      suffix,
      hint: nearestHint(hints, start),
    });
  const distance = (start: number): number => Math.abs(nearestHint(hints, start) - start);

  let nearestIntact: number | null = null;
  for (const start of occurrences) {
    const isIntact = text.endsWith(prefix, start) && text.startsWith(suffix, start + exact.length);
    if (isIntact && (nearestIntact === null || distance(start) < distance(nearestIntact))) {
      nearestIntact = start;
    }
  }
  if (nearestIntact !== null) {
    return score(nearestIntact);
  }

  let best: QuoteMatch | null = null;
  for (const start of selectOccurrencesToScore(text, occurrences, anchor, hints)) {
    const scored = score(start);
    if (best === null || scored.score > best.score) {
      best = scored;
    }
  }
  return best;
}

/**
 * Strategy 2: a verbatim occurrence of the quote. Occurrences are ranked by agreement of the text
 * around them with the stored prefix and suffix, then by distance from the nearest expected
 * position, so each of several "Ahmad Shah Massoud"s goes back to its own place. The winner must
 * be trusted (see `MIN_CONTEXT_SCORE` and friends), or a quote whose passage was deleted would
 * move onto a namesake.
 *
 * @param text The current text.
 * @param anchor The stored selectors.
 * @param options Expected positions and a shared text index.
 * @returns The occurrence with strategy "quote", or null.
 */
export function anchorByQuote(
  text: string,
  anchor: TextAnchor,
  options: ResolveAnchorOptions = {},
): ResolvedAnchor | null {
  const { exact } = anchor.quote;
  if (exact === "") {
    return null;
  }
  const expectation = buildExpectation(anchor, options);
  const occurrences = findQuoteOccurrences(text, exact, options.index);
  const best = scoreOccurrences(text, occurrences, anchor, expectation.hints);
  if (best === null || !isMatchTrusted(best, expectation, occurrences.length === 1)) {
    return null;
  }
  return { start: best.start, end: best.end, strategy: "quote" };
}

/** Keeps the best trusted match seen so far. */
class BestMatch {
  match: QuoteMatch | null = null;

  constructor(private readonly expectation: Expectation) {}

  /** Consider a match (the only verbatim occurrence, or not); returns whether it was trusted. */
  offer(match: QuoteMatch, isOnlyOccurrence = false): boolean {
    if (!isMatchTrusted(match, this.expectation, isOnlyOccurrence)) {
      return false;
    }
    if (this.match === null || match.score > this.match.score) {
      this.match = match;
    }
    return true;
  }
}

/** Offsets `at` with `from <= at <= to` where `pattern` occurs verbatim. */
function findVerbatimBetween(text: string, pattern: string, from: number, to: number): number[] {
  const found: number[] = [];
  const start = Math.max(0, from);
  if (pattern === "" || to < start) {
    return found;
  }
  // Search only the stretch that can hold a hit, not the rest of the text.
  const stretch = text.slice(start, to + pattern.length);
  for (let at = stretch.indexOf(pattern); at !== -1; at = stretch.indexOf(pattern, at + 1)) {
    found.push(start + at);
  }
  return found;
}

/**
 * Places within `reach` of `seeds` where an edge of the passage is pinned by verbatim text: for a
 * start, where the quote's first {@link EDGE_CHECK_LENGTH} characters begin or the prefix's last
 * ones end; for an end, where the quote's last ones end or the suffix's first ones begin.
 */
function findPinnedEdges(
  text: string,
  anchor: TextAnchor,
  seeds: readonly number[],
  reach: number,
  side: "start" | "end",
): number[] {
  const { exact, prefix, suffix } = anchor.quote;
  const edges = new Set<number>();
  for (const seed of seeds) {
    const from = seed - reach;
    const to = seed + reach;
    if (side === "start") {
      const head = exact.slice(0, EDGE_CHECK_LENGTH);
      const prefixTail = prefix.slice(Math.max(0, prefix.length - EDGE_CHECK_LENGTH));
      findVerbatimBetween(text, head, from, to).forEach((at) => edges.add(at));
      findVerbatimBetween(text, prefixTail, from - prefixTail.length, to - prefixTail.length)
        .map((at) => at + prefixTail.length)
        .forEach((at) => edges.add(at));
    } else {
      const tail = exact.slice(Math.max(0, exact.length - EDGE_CHECK_LENGTH));
      const suffixHead = suffix.slice(0, EDGE_CHECK_LENGTH);
      findVerbatimBetween(text, tail, from - tail.length, to - tail.length)
        .map((at) => at + tail.length)
        .forEach((at) => edges.add(at));
      findVerbatimBetween(text, suffixHead, from, to).forEach((at) => edges.add(at));
    }
  }
  return [...edges];
}

/**
 * Of every candidate start with every candidate end, the range closest to the quote by edit
 * distance (at most `maxErrors`); ties go to the earlier candidates. An inserted sentence just
 * before a quote pins one start after it (the quote's head) and one before it (the prefix):
 * fewest errors leaves it out, as it should.
 */
function chooseClosestRange(
  text: string,
  exact: string,
  starts: readonly number[],
  ends: readonly number[],
  maxErrors: number,
): { start: number; end: number; errors: number } | null {
  let best: { start: number; end: number; errors: number } | null = null;
  for (const start of starts) {
    for (const end of ends) {
      const limit = best === null ? maxErrors : best.errors - 1;
      if (!isRangeInside(start, end, text.length) || Math.abs(end - start - exact.length) > limit) {
        continue;
      }
      const errors = computeEditDistance(exact, text.slice(start, end), limit);
      if (errors !== null) {
        best = { start, end, errors };
      }
    }
  }
  return best;
}

/**
 * Check the expected ranges directly: every start near an expected start that is pinned by
 * verbatim text, with every such end, and the closest to the quote within the error limit. When
 * neighbours predict the range this finds an edited passage without a search, with its edges
 * exactly where the edits put them.
 */
function checkExpectedRanges(
  text: string,
  anchor: TextAnchor,
  hints: readonly number[],
  endHints: readonly number[],
  maxErrors: number,
  best: BestMatch,
): void {
  const { exact, prefix, suffix } = anchor.quote;
  const reach = Math.min(maxErrors, EXPECTED_EDGE_REACH);
  const starts = findPinnedEdges(text, anchor, hints, reach, "start");
  const ends = findPinnedEdges(text, anchor, endHints, reach, "end");
  const range = chooseClosestRange(text, exact, starts, ends, maxErrors);
  if (range !== null) {
    best.offer(
      scoreQuoteMatch(text, range, exact, {
        prefix,
        suffix,
        hint: nearestHint(hints, range.start),
      }),
    );
  }
}

/** True when the character at `index` is part of a word (false outside the text). */
function isWordCharacterAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && WORD_CHARACTER.test(text.charAt(index));
}

/** The quote's first word (or first character, if it does not start with a word). */
function findFirstWord(text: string): string {
  let end = 0;
  while (isWordCharacterAt(text, end)) {
    end += 1;
  }
  return end === 0 ? text.slice(0, 1) : text.slice(0, end);
}

/** The quote's last word (or last character, if it does not end with a word). */
function findLastWord(text: string): string {
  let start = text.length;
  while (isWordCharacterAt(text, start - 1)) {
    start -= 1;
  }
  return start === text.length ? text.slice(-1) : text.slice(start);
}

/**
 * Candidate places for one edge of a searched match, strongest evidence first:
 *
 * 1. the quote's own first (last) {@link EDGE_CHECK_LENGTH} characters, verbatim within reach:
 *    they mark the edge exactly, whether the search cut the quote short or took in text
 *    inserted next to it;
 * 2. the stored context, found approximately, when the match took it in (the passage cannot
 *    include the text that stood before it), or when the quote's first (last) word still stands
 *    right next to it (the search cut off "In the " from "In the reportedly spring"), or when
 *    only part of a word lies between them (the last word "operation" became "offensive");
 * 3. the search's own edge, moved out to the edge of the word it cuts when the quote began
 *    (ended) on a word boundary: "Shah" replaced by "Afghanistan" is matched as "stan", but the
 *    passage still starts at the word.
 *
 * Otherwise text between the context and the search's edge is left out: it may be a sentence
 * inserted next to the passage.
 */
function findEdgeCandidates(
  text: string,
  anchor: TextAnchor,
  edge: number,
  maxErrors: number,
  side: "start" | "end",
): number[] {
  const { exact, prefix, suffix } = anchor.quote;
  const reach = exact.length + maxErrors;
  const hasOwnEdges = exact.length >= 2 * EDGE_CHECK_LENGTH;
  if (side === "start") {
    const head = exact.slice(0, EDGE_CHECK_LENGTH);
    const heads = hasOwnEdges ? findVerbatimBetween(text, head, edge - reach, edge + reach) : [];
    if (heads.length > 0) {
      return heads;
    }
    const context = findContextBoundary(text, prefix, edge, reach, "before");
    if (
      context !== null &&
      (context > edge ||
        text.startsWith(findFirstWord(exact), context) ||
        !/\s/u.test(text.slice(context, edge)))
    ) {
      return [context];
    }
    const beganWord = isWordCharacterAt(exact, 0) && !isWordCharacterAt(prefix, prefix.length - 1);
    let start = edge;
    while (
      beganWord &&
      start > edge - maxErrors &&
      isWordCharacterAt(text, start - 1) &&
      isWordCharacterAt(text, start)
    ) {
      start -= 1;
    }
    return [start];
  }
  const tail = exact.slice(exact.length - EDGE_CHECK_LENGTH);
  const tails = hasOwnEdges
    ? findVerbatimBetween(text, tail, edge - reach - tail.length, edge + reach - tail.length).map(
        (at) => at + tail.length,
      )
    : [];
  if (tails.length > 0) {
    return tails;
  }
  const context = findContextBoundary(text, suffix, edge, reach, "after");
  if (
    context !== null &&
    (context < edge ||
      text.endsWith(findLastWord(exact), context) ||
      !/\s/u.test(text.slice(edge, context)))
  ) {
    return [context];
  }
  const endedWord = isWordCharacterAt(exact, exact.length - 1) && !isWordCharacterAt(suffix, 0);
  let end = edge;
  while (
    endedWord &&
    end < edge + maxErrors &&
    isWordCharacterAt(text, end) &&
    isWordCharacterAt(text, end - 1)
  ) {
    end += 1;
  }
  return [end];
}

/**
 * Move the edges of a searched match to where the evidence puts them (see
 * {@link findEdgeCandidates}), or give up on it. Fewest-errors alignment is blind at the edges,
 * so a search may cut a quote short where a clause was inserted near its end, or stretch it over
 * the text that replaced a deleted first sentence. If the passage so delimited is beyond the
 * error limit, it was rewritten and the match is only a fragment of it: no match.
 *
 * @returns The match with its edges placed, or null when the delimited passage is beyond the limit.
 */
function placeEdges(
  text: string,
  anchor: TextAnchor,
  match: QuoteMatch,
  maxErrors: number,
): QuoteMatch | null {
  if (match.errors === 0) {
    return match;
  }
  const range = chooseClosestRange(
    text,
    anchor.quote.exact,
    findEdgeCandidates(text, anchor, match.start, maxErrors, "start"),
    findEdgeCandidates(text, anchor, match.end, maxErrors, "end"),
    maxErrors,
  );
  return range === null ? null : { ...match, ...range };
}

/** A part of the text to search, with the expected position that led to it. */
interface SearchStretch {
  from: number;
  to: number;
  hint: number;
}

/**
 * Stretches of `slack` characters (plus the error limit) around each expected position, merged
 * where they overlap: neighbouring guesses usually differ by a few characters, and one search of
 * their union is cheaper than several.
 */
function buildStretches(
  textLength: number,
  quoteLength: number,
  maxErrors: number,
  hints: readonly number[],
  slack: number,
): SearchStretch[] {
  return mergeStretches(
    hints.map((hint) => ({
      from: Math.max(0, hint - maxErrors - slack),
      to: Math.min(textLength, hint + quoteLength + maxErrors + slack),
      hint,
    })),
  );
}

/** Merge overlapping stretches (sorting them); a merged stretch keeps its first hint. */
function mergeStretches(stretches: SearchStretch[]): SearchStretch[] {
  stretches.sort((a, b) => a.from - b.from);
  const merged: SearchStretch[] = [];
  for (const stretch of stretches) {
    const last = merged[merged.length - 1];
    if (last !== undefined && stretch.from <= last.to) {
      last.to = Math.max(last.to, stretch.to);
    } else {
      merged.push({ ...stretch });
    }
  }
  return merged;
}

/**
 * Search a stretch with `maxErrors`; when the best match there is an untrusted verbatim one (a
 * repeat of a short quote, which hides any edited original: the search reports only the fewest
 * errors), search again on each side of it, up to `splitsLeft` times.
 */
function searchStretch(
  text: string,
  anchor: TextAnchor,
  stretch: SearchStretch,
  maxErrors: number,
  best: BestMatch,
  splitsLeft: number,
): void {
  const { exact, prefix, suffix } = anchor.quote;
  if (stretch.to - stretch.from < exact.length - maxErrors) {
    return;
  }
  const match = matchQuote(text, exact, {
    prefix,
    suffix,
    hint: stretch.hint,
    from: stretch.from,
    to: stretch.to,
    maxErrors,
  });
  if (match === null || best.offer(match) || match.errors > 0 || splitsLeft === 0) {
    return;
  }
  searchStretch(text, anchor, { ...stretch, to: match.end - 1 }, maxErrors, best, splitsLeft - 1);
  searchStretch(
    text,
    anchor,
    { ...stretch, from: match.start + 1 },
    maxErrors,
    best,
    splitsLeft - 1,
  );
}

/** Estimated exact hits of a piece: the smallest bucket among its grams (an upper bound). */
function estimatePieceHits(index: TextIndex, piece: string): number {
  let fewest = Infinity;
  for (let offset = 0; offset + GRAM_LENGTH <= piece.length; offset += 1) {
    fewest = Math.min(fewest, index.counts[hashGram(piece, offset) & index.mask] ?? 0);
  }
  return fewest;
}

/**
 * Split the quote into `count` disjoint pieces of at least ⌊length / count⌋ characters, trying
 * each placement of the boundaries that the spare characters allow, and keep the split whose
 * pieces are rarest in the text (fewer hits, fewer regions to search).
 */
function choosePieces(index: TextIndex, quote: string, count: number): [number, number][] {
  const length = Math.floor(quote.length / count);
  const spare = quote.length - count * length;
  let bestPieces: [number, number][] = [];
  let bestHits = Infinity;
  for (let shift = 0; shift <= Math.min(spare, length - 1); shift += 1) {
    // The first piece is `shift` longer and the last takes what is left.
    const pieces: [number, number][] = [];
    let hits = 0;
    for (let piece = 0; piece < count; piece += 1) {
      const start = piece === 0 ? 0 : shift + piece * length;
      const end = piece === count - 1 ? quote.length : shift + (piece + 1) * length;
      pieces.push([start, end]);
      hits += estimatePieceHits(index, quote.slice(start, end));
    }
    if (hits < bestHits) {
      bestHits = hits;
      bestPieces = pieces;
    }
  }
  return bestPieces;
}

/**
 * Search the whole text with the stricter far error limit, only where the quote's pieces say a
 * match can be (see {@link PIECE_LENGTH}): places where enough different pieces occur verbatim
 * and agree on a start to within 2k. A short quote uses k + 2 pieces (two must agree) or, when
 * those would be under `GRAM_LENGTH` characters, k + 1 (one must occur).
 */
function searchWholeText(
  text: string,
  anchor: TextAnchor,
  index: TextIndex,
  hints: readonly number[],
  best: BestMatch,
): number {
  const { exact } = anchor.quote;
  const maxErrors = maxFarErrorsFor(exact.length);
  if (maxErrors === 0) {
    // Verbatim occurrences were already weighed.
    return maxErrors;
  }
  const canPair = Math.floor(exact.length / (maxErrors + 2)) >= GRAM_LENGTH;
  const pieceCount = Math.max(
    canPair ? maxErrors + 2 : maxErrors + 1,
    Math.floor(exact.length / PIECE_LENGTH),
  );
  const required = pieceCount - maxErrors;
  // Where each verbatim piece puts the match start, and which piece it was.
  const hits: { start: number; piece: number }[] = [];
  choosePieces(index, exact, pieceCount).forEach(([offset, end], piece) => {
    for (const at of findQuoteOccurrences(text, exact.slice(offset, end), index)) {
      hits.push({ start: at - offset, piece });
    }
  });
  hits.sort((a, b) => a.start - b.start);

  // Slide over the hits, keeping those within 2k of each other, and count the distinct pieces.
  const regions: SearchStretch[] = [];
  const counts = new Map<number, number>();
  let first = 0;
  hits.forEach((hit) => {
    counts.set(hit.piece, (counts.get(hit.piece) ?? 0) + 1);
    for (
      let earliest = hits[first];
      earliest !== undefined && hit.start - earliest.start > 2 * maxErrors;
      earliest = hits[first]
    ) {
      const left = (counts.get(earliest.piece) ?? 1) - 1;
      if (left === 0) {
        counts.delete(earliest.piece);
      } else {
        counts.set(earliest.piece, left);
      }
      first += 1;
    }
    if (counts.size >= required) {
      // The start is within k of every agreeing hit's, so the end within m + 2k of the last.
      const from = hits[first]?.start ?? hit.start;
      regions.push({
        from: Math.max(0, from - maxErrors),
        to: Math.min(text.length, hit.start + exact.length + 2 * maxErrors),
        hint: nearestHint(hints, from),
      });
    }
  });
  let stretches = mergeStretches(regions);
  // Each search also costs about a quote's length to set up.
  const cost = stretches.reduce(
    (sum, stretch) => sum + (stretch.to - stretch.from) + exact.length,
    0,
  );
  if (cost > text.length * MAX_PIECE_REGION_SHARE) {
    stretches = [{ from: 0, to: text.length, hint: hints[0] ?? 0 }];
  }
  for (const stretch of stretches) {
    searchStretch(text, anchor, stretch, maxErrors, best, 0);
  }
  return maxErrors;
}

/** The resolved form of a match: "quote" when it is verbatim. */
function toResolved(match: QuoteMatch): ResolvedAnchor {
  return {
    start: match.start,
    end: match.end,
    strategy: match.errors === 0 ? "quote" : "fuzzy",
  };
}

/**
 * Strategy 3: an approximate match, allowing up to a quarter of the quote in errors
 * (`maxErrorsFor`). First the expected ranges are checked by edit distance; then narrow stretches
 * around each expected start are searched, then wide ones, and only then the whole text, with an
 * eighth (`maxFarErrorsFor`): far from where it belongs, a passage must look more like the quote
 * to be believed. Verbatim occurrences compete too, scored against these expected positions.
 * Every winner must be trusted, as in {@link anchorByQuote}, and a searched one has its edges
 * placed where verbatim text or the context pins them.
 *
 * @param text The current text.
 * @param anchor The stored selectors.
 * @param options Expected positions and a shared text index (built here if absent and needed).
 * @returns The best match with strategy "fuzzy" ("quote" when it is verbatim), or null: an orphan.
 */
export function anchorByFuzzyQuote(
  text: string,
  anchor: TextAnchor,
  options: ResolveAnchorOptions = {},
): ResolvedAnchor | null {
  const { exact } = anchor.quote;
  if (exact === "") {
    return null;
  }
  const expectation = buildExpectation(anchor, options);
  const { hints } = expectation;
  const endHints =
    options.endHints !== undefined && options.endHints.length > 0
      ? options.endHints
      : hints.map((hint) => hint + exact.length);
  const maxErrors = maxErrorsFor(exact.length);
  const best = new BestMatch(expectation);

  const occurrences = findQuoteOccurrences(text, exact, options.index);
  const verbatim = scoreOccurrences(text, occurrences, anchor, hints);
  if (verbatim !== null) {
    best.offer(verbatim, occurrences.length === 1);
  }
  checkExpectedRanges(text, anchor, hints, endHints, maxErrors, best);
  if (best.match !== null) {
    return toResolved(best.match);
  }

  let searchErrors = maxErrors;
  const narrow = buildStretches(text.length, exact.length, maxErrors, hints, NARROW_SEARCH_SLACK);
  for (const stretch of narrow) {
    searchStretch(text, anchor, stretch, maxErrors, best, MAX_STRETCH_SPLITS);
  }
  if (best.match === null) {
    const wide = buildStretches(text.length, exact.length, maxErrors, hints, WIDE_SEARCH_SLACK);
    for (const stretch of wide) {
      searchStretch(text, anchor, stretch, maxErrors, best, 0);
    }
  }
  if (best.match === null) {
    const index = options.index ?? createTextIndex(text);
    searchErrors = searchWholeText(text, anchor, index, hints, best);
  }
  const placed = best.match === null ? null : placeEdges(text, anchor, best.match, searchErrors);
  return placed === null ? null : toResolved(placed);
}

/**
 * Find an annotation's passage in the current text: by position, then by verbatim quote, then by
 * approximate quote (see the module comment).
 *
 * @param text The article's current plain text (`projectDocText(doc).text`).
 * @param anchor The stored quote and position selectors.
 * @param options Expected positions (default: the stored position) and a shared text index.
 * @returns Where the passage is and which strategy found it, or null when it is an orphan. An
 *   empty quote is always an orphan.
 */
export function resolveAnchor(
  text: string,
  anchor: TextAnchor,
  options: ResolveAnchorOptions = {},
): ResolvedAnchor | null {
  return (
    anchorByPosition(text, anchor) ??
    anchorByQuote(text, anchor, options) ??
    anchorByFuzzyQuote(text, anchor, options)
  );
}
