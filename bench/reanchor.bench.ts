/**
 * Benchmark: re-anchor 2,000 annotations onto an edited revision of the seed article, with our
 * `reanchorAnnotations` and with a baseline that uses `approx-string-match` the way the
 * Hypothesis client does. Run with `node --import tsx bench/reanchor.bench.ts`; results and a
 * description of the edit set are in bench/RESULTS.md.
 *
 * Everything is generated from a fixed seed, so every run sees the same texts and annotations:
 *
 * - OLD: the seed article with a few typos put in (the revision the annotations were made on);
 * - 2,000 annotations on OLD, from one word to a few sentences, including repeated phrases and
 *   Pashto;
 * - NEW: OLD with insertions, deletions, word substitutions, typo fixes and one moved paragraph.
 *
 * Each annotation's true place in NEW is computed by mapping its range through the edits (or it
 * should orphan when its passage is gone).
 */

import { searchApproximate, type ApproximateMatch } from "@/lib/anchoring/match-quote";
import {
  reanchorAnnotations,
  type AnnotationAnchor,
  type ReanchorResult,
} from "@/lib/anchoring/reanchor-annotations";
import { loadSeedArticleText } from "@/lib/anchoring/seed-article.fixture";
import { describeTextRange, type TextAnchor } from "@/lib/anchoring/selectors";

import { createSeededRandom } from "./seeded-random";

/** Seed of the generator (`--seed=N` picks another, equally valid edit set). */
const SEED = Number(
  process.argv.find((arg) => arg.startsWith("--seed="))?.slice("--seed=".length) ?? 1989,
);

/** Annotations to re-anchor (the target load: 2,000 on one article). */
const ANNOTATION_COUNT = 2000;

/** Timed runs per contender; the median is reported. One untimed warm-up run precedes them. */
const TIMED_RUNS = 5;

/** The figure ours must beat, in milliseconds. */
const TARGET_MS = 200;

/**
 * A placement counts as correct when both ends are within this many characters of the tracked
 * range. Edits that touch a quote's first or last word make its edge ambiguous by a character or
 * two ("Masoud" fixed to "Massoud": is the new "s" inside?); anything further is a wrong place.
 */
const EDGE_TOLERANCE = 2;

/**
 * How changed a passage may be and still be required to anchor: edit distance from the old quote
 * at most this share of its length. Beyond {@link MUST_ORPHAN_RATE} (or when nothing of it is
 * left) it must orphan; in between, anchoring at the tracked range and orphaning both count as
 * correct, so neither contender's error limit is favoured.
 */
const MUST_ANCHOR_RATE = 1 / 4;

/** See {@link MUST_ANCHOR_RATE}. */
const MUST_ORPHAN_RATE = 1 / 2;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** The data generator; the seed fixes the data. */
const { random, randomInt, pick } = createSeededRandom(SEED);

/**
 * The Hypothesis client's weights for quote, prefix, suffix and position (its `matchQuote`),
 * written out so that tuning ours never changes the baseline.
 */
const HYPOTHESIS_WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };

// ---------------------------------------------------------------------------------------------
// Text structure

/** A textblock of the projected text: `[start, end)` excludes the "\n" after it. */
interface Block {
  start: number;
  end: number;
}

/** A word: `[start, end)`. */
interface Word {
  start: number;
  end: number;
  text: string;
}

/** The textblocks of a projected text (the lines between "\n"s). */
function findBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    blocks.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  return blocks;
}

/** The words of `text.slice(from, to)`, in any script, with their offsets in `text`. */
function findWords(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  for (const match of text.slice(from, to).matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    const start = from + (match.index ?? 0);
    words.push({ start, end: start + match[0].length, text: match[0] });
  }
  return words;
}

/** Sentence starts inside a block: the block start and every offset after ". " before a capital. */
function findSentenceStarts(text: string, block: Block): number[] {
  const starts = [block.start];
  const body = text.slice(block.start, block.end);
  for (const match of body.matchAll(/[.!?]["”)]? (?=["“(]?[\p{Lu}\p{N}])/gu)) {
    starts.push(block.start + (match.index ?? 0) + match[0].length);
  }
  return starts;
}

/** Sentences of a block as `[start, end)`, `end` excluding the space before the next one. */
function findSentences(text: string, block: Block): Block[] {
  const starts = findSentenceStarts(text, block);
  return starts.map((start, index) => {
    const next = starts[index + 1];
    return { start, end: next === undefined ? block.end : next - 1 };
  });
}

/** Paragraph-like blocks: long enough to hold sentences (not headings or infobox lines). */
function findParagraphs(text: string, blocks: readonly Block[]): Block[] {
  return blocks.filter(
    (block) =>
      block.end - block.start >= 200 && /[.!?]["”)]?$/u.test(text.slice(block.start, block.end)),
  );
}

// ---------------------------------------------------------------------------------------------
// Edits and position tracking

/** Replace `[from, to)` of the old text by `insert`. */
interface Edit {
  from: number;
  to: number;
  insert: string;
  kind: EditKind;
}

type EditKind =
  | "insert sentence"
  | "insert clause"
  | "delete sentence"
  | "delete paragraph"
  | "substitute word"
  | "fix typo"
  | "edit Pashto";

/** Non-overlapping edits on one text, kept at least one character apart. */
class EditPlan {
  readonly edits: Edit[] = [];

  /** Add an edit unless it touches one already planned; returns whether it was added. */
  add(edit: Edit): boolean {
    for (const other of this.edits) {
      if (edit.from <= other.to + 1 && other.from <= edit.to + 1) {
        return false;
      }
    }
    this.edits.push(edit);
    return true;
  }

  /** Apply all edits to `text`. */
  apply(text: string): string {
    const sorted = [...this.edits].sort((a, b) => a.from - b.from);
    let result = "";
    let at = 0;
    for (const edit of sorted) {
      result += text.slice(at, edit.from) + edit.insert;
      at = edit.to;
    }
    return result + text.slice(at);
  }

  /**
   * Map a range's start: text inserted exactly at it stays outside (before) the range; a
   * replacement that starts at or straddles it is taken into the range.
   */
  mapStart(offset: number): number {
    let delta = 0;
    for (const edit of [...this.edits].sort((a, b) => a.from - b.from)) {
      if (edit.to <= offset) {
        delta += edit.insert.length - (edit.to - edit.from);
      } else if (edit.from < offset) {
        return edit.from + delta;
      } else {
        break;
      }
    }
    return offset + delta;
  }

  /**
   * Map a range's end: text inserted exactly at it stays outside (after) the range; a replacement
   * that ends at or straddles it is taken into the range.
   */
  mapEnd(offset: number): number {
    let delta = 0;
    for (const edit of [...this.edits].sort((a, b) => a.from - b.from)) {
      if (edit.to < offset || (edit.to === offset && edit.from < edit.to)) {
        delta += edit.insert.length - (edit.to - edit.from);
      } else if (edit.from < offset && offset < edit.to) {
        return edit.from + delta + edit.insert.length;
      } else {
        break;
      }
    }
    return offset + delta;
  }
}

/** Move `[from, to)` (a block with its "\n") to `target` (a block start outside it). */
interface Move {
  from: number;
  to: number;
  target: number;
}

/** Apply a paragraph move. */
function applyMove(text: string, move: Move): string {
  const chunk = text.slice(move.from, move.to);
  const without = text.slice(0, move.from) + text.slice(move.to);
  const target = move.target < move.from ? move.target : move.target - chunk.length;
  return without.slice(0, target) + chunk + without.slice(target);
}

/** Where an offset goes when a paragraph moves (offsets inside it move along). */
function mapThroughMove(offset: number, move: Move): number {
  const length = move.to - move.from;
  if (offset >= move.from && offset < move.to) {
    const target = move.target < move.from ? move.target : move.target - length;
    return target + (offset - move.from);
  }
  if (move.target < move.from && offset >= move.target && offset < move.from) {
    return offset + length;
  }
  if (move.target >= move.to && offset >= move.to && offset < move.target) {
    return offset - length;
  }
  return offset;
}

/** Levenshtein distance (two rows), for the ground truth only. */
function editDistance(a: string, b: string): number {
  let previous = new Int32Array(b.length + 1).map((_, index) => index);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (code === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The edit set

const INSERTED_SENTENCES = [
  "Contemporary accounts of these events differ considerably.",
  "The figures given here are disputed by several historians.",
  "Western diplomats in Islamabad followed the fighting closely.",
  "Casualty estimates for this period vary widely between sources.",
  "Local commanders often changed sides as the situation developed.",
  "Much of this account rests on later interviews with participants.",
  "Soviet archives opened in the 1990s shed further light on this.",
  "Reports reaching Peshawar at the time were often contradictory.",
  "Several of these claims could not be independently verified.",
  "The episode is barely mentioned in official Afghan histories.",
];

const INSERTED_CLAUSES = [
  ", according to later accounts,",
  " (as several sources note)",
  ", at least initially,",
  ", by most estimates,",
  " reportedly",
  ", in the view of some observers,",
  " (the exact date is disputed)",
  ", with Pakistani encouragement,",
];

/** Typo makers for OLD; the edit set fixes each one again. */
const TYPO_MAKERS: ((word: string) => string)[] = [
  (word) => word.slice(0, 2) + word.slice(3), // a dropped letter
  (word) => word.slice(0, 3) + word.charAt(3) + word.slice(3), // a doubled letter
  (word) => word.slice(0, 2) + word.charAt(3) + word.charAt(2) + word.slice(4), // swapped letters
];

/** Phrases that occur many times in the seed article. */
const REPEATED_PHRASES = [
  "Ahmad Shah Massoud",
  "Jalalabad",
  "Massoud",
  "Hekmatyar",
  "Kabul",
  "Najibullah",
  "mujahideen",
  "Salang Pass",
  "the Afghan government",
  "1989",
  "Hezb-e Islami",
];

/** The Pashto name in the lead sentence. */
const PASHTO = "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه";

/** Pashto for "first", inserted into the Pashto name ("Afghanistan's first civil war"). */
const PASHTO_INSERTION = "لومړۍ ";

/** Put typos into the seed text; returns OLD and the fixes (as edits on OLD). */
function makeOldText(seedText: string): { oldText: string; fixes: Edit[] } {
  const blocks = findParagraphs(seedText, findBlocks(seedText));
  const typos = new EditPlan();
  while (typos.edits.length < 25) {
    const block = pick(blocks);
    const word = pick(
      findWords(seedText, block.start, block.end).filter((w) => /^[A-Za-z]{6,}$/.test(w.text)),
    );
    const typo = pick(TYPO_MAKERS)(word.text);
    if (typo !== word.text) {
      typos.add({ from: word.start, to: word.end, insert: typo, kind: "fix typo" });
    }
  }
  const oldText = typos.apply(seedText);
  // Where each typo ended up in OLD, and the fix that restores the original word.
  const fixes = typos.edits.map((edit) => {
    const from = typos.mapStart(edit.from);
    return {
      from,
      to: from + edit.insert.length,
      insert: seedText.slice(edit.from, edit.to),
      kind: "fix typo" as const,
    };
  });
  // The seed's own typo, in a Salang passage.
  const masoud = oldText.indexOf("Masoud's forces");
  fixes.push({ from: masoud, to: masoud + "Masoud".length, insert: "Massoud", kind: "fix typo" });
  return { oldText, fixes };
}

/**
 * 2,000 annotations on OLD: words, phrases, sentences, passages, repeated phrases and Pashto, each
 * inside one textblock. Returns them with a count by kind.
 */
function makeAnnotations(oldText: string): {
  annotations: AnnotationAnchor[];
  kinds: Record<string, number>;
} {
  const blocks = findBlocks(oldText).filter((block) => block.end - block.start >= 20);
  const totalLength = blocks.reduce((sum, block) => sum + (block.end - block.start), 0);
  const pickBlock = (): Block => {
    let at = random() * totalLength;
    for (const block of blocks) {
      at -= block.end - block.start;
      if (at < 0) {
        return block;
      }
    }
    return blocks[blocks.length - 1] ?? { start: 0, end: oldText.length };
  };
  const pashtoStart = oldText.indexOf(PASHTO);
  const pashtoWords = findWords(oldText, pashtoStart, pashtoStart + PASHTO.length);

  const annotations: AnnotationAnchor[] = [];
  const kinds: Record<string, number> = {};
  while (annotations.length < ANNOTATION_COUNT) {
    const roll = random();
    let range: [number, number];
    let kind: string;
    if (roll < 0.07) {
      kind = "repeated phrase";
      const phrase = pick(REPEATED_PHRASES);
      const occurrences: number[] = [];
      for (let at = oldText.indexOf(phrase); at !== -1; at = oldText.indexOf(phrase, at + 1)) {
        occurrences.push(at);
      }
      const at = pick(occurrences);
      range = [at, at + phrase.length];
    } else if (roll < 0.085) {
      kind = "Pashto words";
      const first = randomInt(0, pashtoWords.length - 1);
      const last = Math.min(pashtoWords.length - 1, first + randomInt(0, 4));
      range = [pashtoWords[first]?.start ?? 0, pashtoWords[last]?.end ?? 0];
    } else {
      const block = pickBlock();
      const words = findWords(oldText, block.start, block.end);
      if (words.length === 0) {
        continue;
      }
      const sentences = findSentences(oldText, block);
      if (roll < 0.3) {
        kind = "word";
        const word = pick(words);
        range = [word.start, word.end];
      } else if (roll < 0.6) {
        kind = "phrase of 2–9 words";
        const first = randomInt(0, words.length - 1);
        const last = Math.min(words.length - 1, first + randomInt(1, 8));
        range = [words[first]?.start ?? 0, words[last]?.end ?? 0];
      } else if (roll < 0.85) {
        kind = "sentence";
        const sentence = pick(sentences);
        range = [sentence.start, sentence.end];
      } else {
        kind = "2–4 sentences";
        const first = randomInt(0, sentences.length - 1);
        const last = Math.min(sentences.length - 1, first + randomInt(1, 3));
        range = [sentences[first]?.start ?? 0, sentences[last]?.end ?? 0];
      }
    }
    if (range[1] > range[0]) {
      const anchor: TextAnchor = describeTextRange(oldText, range[0], range[1]);
      annotations.push({ id: `a${annotations.length}`, ...anchor });
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
  }
  return { annotations, kinds };
}

/** The edits from OLD to NEW (before the paragraph move), and a tally by kind. */
function makeEdits(oldText: string, fixes: readonly Edit[]): EditPlan {
  const plan = new EditPlan();
  for (const fix of fixes) {
    plan.add(fix);
  }
  const pashtoAt = oldText.indexOf("کورنۍ", oldText.indexOf(PASHTO));
  plan.add({ from: pashtoAt, to: pashtoAt, insert: PASHTO_INSERTION, kind: "edit Pashto" });

  const paragraphs = findParagraphs(oldText, findBlocks(oldText));
  const deletable = paragraphs.filter((p) => p.end - p.start >= 250 && p.end - p.start <= 700);
  const deletedParagraph = pick(deletable);
  plan.add({
    from: deletedParagraph.start,
    to: deletedParagraph.end + 1,
    insert: "",
    kind: "delete paragraph",
  });

  const count = (kind: EditKind): number => plan.edits.filter((edit) => edit.kind === kind).length;
  const vocabulary = findWords(oldText, 0, oldText.length)
    .map((word) => word.text)
    .filter((word) => word.length >= 4);

  while (count("delete sentence") < 12) {
    const sentences = findSentences(oldText, pick(paragraphs));
    const index = randomInt(0, sentences.length - 2);
    const sentence = sentences[index];
    const next = sentences[index + 1];
    if (sentence !== undefined && next !== undefined) {
      plan.add({ from: sentence.start, to: next.start, insert: "", kind: "delete sentence" });
    }
  }
  while (count("insert sentence") < 30) {
    const at = pick(findSentenceStarts(oldText, pick(paragraphs)));
    plan.add({ from: at, to: at, insert: `${pick(INSERTED_SENTENCES)} `, kind: "insert sentence" });
  }
  while (count("insert clause") < 25) {
    const paragraph = pick(paragraphs);
    const word = pick(findWords(oldText, paragraph.start, paragraph.end));
    if (oldText.charAt(word.end) === " ") {
      plan.add({
        from: word.end,
        to: word.end,
        insert: pick(INSERTED_CLAUSES),
        kind: "insert clause",
      });
    }
  }
  while (count("substitute word") < 40) {
    const paragraph = pick(paragraphs);
    const word = pick(
      findWords(oldText, paragraph.start, paragraph.end).filter((w) => w.text.length >= 4),
    );
    const replacement = pick(vocabulary);
    if (replacement !== word.text) {
      plan.add({ from: word.start, to: word.end, insert: replacement, kind: "substitute word" });
    }
  }
  return plan;
}

/** One paragraph of MID moved at least five blocks away. */
function makeMove(midText: string): Move {
  const blocks = findBlocks(midText);
  const paragraphs = findParagraphs(midText, blocks).filter(
    (p) => p.end - p.start >= 400 && p.end < midText.length,
  );
  const moved = pick(paragraphs);
  const movedIndex = blocks.findIndex((block) => block.start === moved.start);
  let targetIndex = movedIndex;
  while (Math.abs(targetIndex - movedIndex) < 5) {
    targetIndex = randomInt(1, blocks.length - 1);
  }
  return { from: moved.start, to: moved.end + 1, target: blocks[targetIndex]?.start ?? 0 };
}

/** What should become of an annotation. */
type Expectation = { kind: "anchor" | "either"; start: number; end: number } | { kind: "orphan" };

function makeExpectation(
  annotation: AnnotationAnchor,
  plan: EditPlan,
  move: Move,
  newText: string,
): Expectation {
  const midStart = plan.mapStart(annotation.position.start);
  const midEnd = plan.mapEnd(annotation.position.end);
  if (midEnd <= midStart) {
    return { kind: "orphan" };
  }
  const start = mapThroughMove(midStart, move);
  const end = mapThroughMove(midEnd - 1, move) + 1;
  const exact = annotation.quote.exact;
  const distance = editDistance(exact, newText.slice(start, end));
  if (distance <= exact.length * MUST_ANCHOR_RATE) {
    return { kind: "anchor", start, end };
  }
  if (distance <= exact.length * MUST_ORPHAN_RATE) {
    return { kind: "either", start, end };
  }
  return { kind: "orphan" };
}

// ---------------------------------------------------------------------------------------------
// The baseline: approx-string-match as the Hypothesis client uses it

/**
 * Hypothesis' `search`: verbatim occurrences if there are any, else the lowest-error approximate
 * matches (`src/annotator/anchoring/match-quote.ts`).
 */
function searchLikeHypothesis(
  text: string,
  pattern: string,
  maxErrors: number,
): ApproximateMatch[] {
  const exact: ApproximateMatch[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  return exact.length > 0 ? exact : searchApproximate(text, pattern, maxErrors);
}

/** Hypothesis' `textMatchScore`. */
function textMatchScoreLikeHypothesis(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) {
    return 0;
  }
  const [best] = searchLikeHypothesis(text, pattern, pattern.length);
  return best === undefined ? 0 : 1 - best.errors / pattern.length;
}

/**
 * Hypothesis' `matchQuote`: the whole text, up to min(256, length / 2) errors, each lowest-error
 * match scored 50/20/20/2 by quote, prefix, suffix and position.
 */
function matchQuoteLikeHypothesis(
  text: string,
  quote: string,
  context: { prefix: string; suffix: string; hint: number },
): ApproximateMatch | null {
  const maxErrors = Math.min(256, quote.length / 2);
  let best: ApproximateMatch | null = null;
  let bestScore = -Infinity;
  for (const match of searchLikeHypothesis(text, quote, maxErrors)) {
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScoreLikeHypothesis(
          text.slice(Math.max(0, match.start - context.prefix.length), match.start),
          context.prefix,
        )
      : 1;
    const suffixScore = context.suffix
      ? textMatchScoreLikeHypothesis(
          text.slice(match.end, match.end + context.suffix.length),
          context.suffix,
        )
      : 1;
    const positionScore = 1 - Math.abs(match.start - context.hint) / text.length;
    const score =
      HYPOTHESIS_WEIGHTS.quote * quoteScore +
      HYPOTHESIS_WEIGHTS.prefix * prefixScore +
      HYPOTHESIS_WEIGHTS.suffix * suffixScore +
      HYPOTHESIS_WEIGHTS.position * positionScore;
    if (score > bestScore) {
      best = match;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Hypothesis' `anchor()`: the position if the text there equals the quote, else `matchQuote`
 * hinted by the old position. One annotation at a time, nothing shared.
 */
function reanchorLikeHypothesis(
  newText: string,
  annotations: readonly AnnotationAnchor[],
): Map<string, ReanchorResult> {
  const results = new Map<string, ReanchorResult>();
  for (const { id, quote, position } of annotations) {
    if (newText.slice(position.start, position.end) === quote.exact) {
      results.set(id, {
        status: "anchored",
        start: position.start,
        end: position.end,
        strategy: "position",
      });
      continue;
    }
    const match = matchQuoteLikeHypothesis(newText, quote.exact, {
      prefix: quote.prefix,
      suffix: quote.suffix,
      hint: position.start,
    });
    results.set(
      id,
      match === null
        ? { status: "orphaned" }
        : {
            status: "anchored",
            start: match.start,
            end: match.end,
            strategy: match.errors === 0 ? "quote" : "fuzzy",
          },
    );
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Running and scoring

interface Tally {
  /** Median wall-clock time of the timed runs, in ms. */
  median: number;
  /** Wall-clock time of each timed run, in ms. */
  runs: number[];
  /** Median CPU time (user + system) of the timed runs, in ms, V8's background threads included. */
  cpuMedian: number;
  placedCorrectly: number;
  placedWrongly: number;
  orphaned: number;
  orphanedCorrectly: number;
  byStrategy: Record<string, number>;
}

/**
 * Whether a result is right: placed at the tracked range (within the edge tolerance), or orphaned
 * when that is allowed.
 */
function isCorrect(result: ReanchorResult, expected: Expectation): boolean {
  if (result.status === "orphaned") {
    return expected.kind !== "anchor";
  }
  return (
    expected.kind !== "orphan" &&
    Math.abs(result.start - expected.start) <= EDGE_TOLERANCE &&
    Math.abs(result.end - expected.end) <= EDGE_TOLERANCE
  );
}

/** Count the outcomes of one contender's results. */
function score(
  results: Map<string, ReanchorResult>,
  annotations: readonly AnnotationAnchor[],
  expectations: ReadonlyMap<string, Expectation>,
): Omit<Tally, "median" | "runs" | "cpuMedian"> {
  const tally = {
    placedCorrectly: 0,
    placedWrongly: 0,
    orphaned: 0,
    orphanedCorrectly: 0,
    byStrategy: {} as Record<string, number>,
  };
  for (const { id } of annotations) {
    const result = results.get(id);
    const expected = expectations.get(id);
    if (result === undefined || expected === undefined) {
      throw new Error(`no result or expectation for ${id}`);
    }
    const outcome = result.status === "orphaned" ? "orphaned" : result.strategy;
    tally.byStrategy[outcome] = (tally.byStrategy[outcome] ?? 0) + 1;
    if (result.status === "orphaned") {
      tally.orphaned += 1;
      tally.orphanedCorrectly += isCorrect(result, expected) ? 1 : 0;
    } else if (isCorrect(result, expected)) {
      tally.placedCorrectly += 1;
    } else {
      tally.placedWrongly += 1;
    }
  }
  return tally;
}

/** Time a contender: one warm-up run, then the median of {@link TIMED_RUNS}; score the last. */
function run(
  reanchor: (text: string, annotations: readonly AnnotationAnchor[]) => Map<string, ReanchorResult>,
  newText: string,
  annotations: readonly AnnotationAnchor[],
  expectations: ReadonlyMap<string, Expectation>,
): Tally {
  let results = reanchor(newText, annotations); // warm-up
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  for (let index = 0; index < TIMED_RUNS; index += 1) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    results = reanchor(newText, annotations);
    runs.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuRuns.push((cpu.user + cpu.system) / 1000);
  }
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return {
    median: median(runs),
    runs,
    cpuMedian: median(cpuRuns),
    ...score(results, annotations, expectations),
  };
}

/** A short checksum, so RESULTS.md can say which texts it measured. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** `--details`: every annotation ours got wrong, with what it found and what it should have. */
function printMisses(
  results: Map<string, ReanchorResult>,
  annotations: readonly AnnotationAnchor[],
  expectations: ReadonlyMap<string, Expectation>,
  newText: string,
): void {
  for (const { id, quote } of annotations) {
    const result = results.get(id);
    const expected = expectations.get(id);
    if (result === undefined || expected === undefined || isCorrect(result, expected)) {
      continue;
    }
    const found = result.status === "anchored" ? newText.slice(result.start, result.end) : null;
    const wanted = expected.kind === "orphan" ? null : newText.slice(expected.start, expected.end);
    console.log(JSON.stringify({ id, expected, result, quote: quote.exact, found, wanted }));
  }
}

/** Build the edit set, run both contenders, print the table. */
function main(): void {
  const seedText = loadSeedArticleText();
  const { oldText, fixes } = makeOldText(seedText);
  const { annotations, kinds } = makeAnnotations(oldText);
  const plan = makeEdits(oldText, fixes);
  const midText = plan.apply(oldText);
  const move = makeMove(midText);
  const newText = applyMove(midText, move);
  const expectations = new Map(
    annotations.map((annotation) => [
      annotation.id,
      makeExpectation(annotation, plan, move, newText),
    ]),
  );

  const edits = new Map<string, number>();
  for (const edit of plan.edits) {
    edits.set(edit.kind, (edits.get(edit.kind) ?? 0) + 1);
  }
  const expected = { anchor: 0, either: 0, orphan: 0 };
  for (const expectation of expectations.values()) {
    expected[expectation.kind] += 1;
  }
  const lengths = annotations.map((a) => a.quote.exact.length).sort((a, b) => a - b);

  console.log(
    `seed ${SEED}: OLD ${oldText.length} chars (${checksum(oldText)}), NEW ${newText.length} chars (${checksum(newText)})`,
  );
  console.log(
    `edits: ${[...edits].map(([kind, n]) => `${n} ${kind}`).join(", ")}, 1 moved paragraph (${move.to - move.from} chars)`,
  );
  console.log(
    `annotation kinds: ${Object.entries(kinds)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(", ")}`,
  );
  console.log(
    `annotations: ${annotations.length}, quote length min ${lengths[0]} / median ${lengths[lengths.length >> 1]} / max ${lengths[lengths.length - 1]}`,
  );
  console.log(
    `expected: ${expected.anchor} must anchor, ${expected.either} may anchor or orphan, ${expected.orphan} must orphan`,
  );
  console.log(
    "error limits: ours 1/4 near the expected place, 1/8 (at most 32) elsewhere; baseline 1/2 (at most 256) everywhere\n",
  );

  const ours = run(reanchorAnnotations, newText, annotations, expectations);
  const baseline = run(reanchorLikeHypothesis, newText, annotations, expectations);

  const row = (name: string, tally: Tally): string =>
    `| ${name} | ${tally.median.toFixed(1)} | ${tally.placedCorrectly} | ${tally.placedWrongly} | ${tally.orphaned} (${tally.orphanedCorrectly}) |`;
  console.log(
    "| | total ms (median of 5) | placed correctly | placed wrongly | orphaned (correctly) |",
  );
  console.log("|---|---:|---:|---:|---:|");
  console.log(row("ours: `reanchorAnnotations`", ours));
  console.log(row("baseline: Hypothesis-style", baseline));
  console.log(
    `\nruns (ms): ours ${ours.runs.map((ms) => ms.toFixed(1)).join(", ")}; baseline ${baseline.runs.map((ms) => ms.toFixed(1)).join(", ")}`,
  );
  console.log(
    `CPU time, median (ms): ours ${ours.cpuMedian.toFixed(1)}; baseline ${baseline.cpuMedian.toFixed(1)}`,
  );
  console.log(
    `strategies: ours ${JSON.stringify(ours.byStrategy)}; baseline ${JSON.stringify(baseline.byStrategy)}`,
  );

  if (process.argv.includes("--details")) {
    printMisses(reanchorAnnotations(newText, annotations), annotations, expectations, newText);
  }

  const isFast = ours.median < TARGET_MS;
  const isAccurate = ours.placedCorrectly >= baseline.placedCorrectly;
  console.log(
    `\n${isFast ? "✓" : "✗"} ours under ${TARGET_MS} ms; ${isAccurate ? "✓" : "✗"} ours places at least as many correctly`,
  );
  if (!isFast || !isAccurate) {
    process.exitCode = 1;
  }
}

main();
