/**
 * Re-anchor all annotations of an article onto a new revision of its text at once.
 *
 * The strategies are those of `resolveAnchor`, run breadth-first so that work is shared:
 *
 * 1. the stored position of every annotation (a string comparison each);
 * 2. the verbatim quote of every annotation still unplaced, through one index of the new text,
 *    accepting only clear cases (see `isConservative`);
 * 3. the approximate quote of the rest, which are few. Their expected ranges come from the
 *    annotations placed so far: an edit shifts everything after it by the same amount, so the
 *    shifts of the nearest placed neighbours predict where a changed passage now starts and ends,
 *    usually to the character. A predicted range is checked by edit distance without any search;
 *    failing that, the approximate search stays in small stretches around it, which is both fast
 *    and accurate (a verbatim repeat elsewhere cannot outshine the edited original).
 *
 * Pure: no React, Prisma or DOM.
 */

import {
  anchorByFuzzyQuote,
  anchorByPosition,
  anchorByQuote,
  createTextIndex,
  type AnchorStrategy,
  type ResolvedAnchor,
  type TextIndex,
} from "@/lib/anchoring/resolve-anchor";
import type { TextAnchor } from "@/lib/anchoring/selectors";

/** An annotation's stored selectors, as re-anchoring needs them. */
export interface AnnotationAnchor extends TextAnchor {
  /** The annotation's id; results are keyed by it. */
  id: string;
}

/** Where an annotation's passage is in the new text, or that it has none. */
export type ReanchorResult =
  | {
      status: "anchored";
      /** Offset of the passage's first character in the new text. */
      start: number;
      /** Offset just past the passage (exclusive). */
      end: number;
      /** The strategy that found it. */
      strategy: AnchorStrategy;
    }
  | {
      /** No passage matches: keep the annotation and list it as orphaned. */
      status: "orphaned";
    };

/** Where an offset of the old text went: known at both ends of every verbatim-placed passage. */
interface Shift {
  oldOffset: number;
  newOffset: number;
}

/** Index of the first shift whose `oldOffset` is at least `offset` (shifts sorted by it). */
function findFirstShiftFrom(shifts: readonly Shift[], offset: number): number {
  let low = 0;
  let high = shifts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((shifts[middle]?.oldOffset ?? Infinity) < offset) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * Where an old offset is expected in the new text: moved by the shift of the nearest known offset
 * before it and of the nearest at or after it (an edit between them makes these differ; the
 * offset went with one of the two), then the old offset itself.
 */
function predictOffsets(shifts: readonly Shift[], oldOffset: number): number[] {
  const after = findFirstShiftFrom(shifts, oldOffset);
  const predictions: number[] = [];
  for (const neighbour of [shifts[after - 1], shifts[after]]) {
    if (neighbour !== undefined) {
      const predicted = oldOffset + (neighbour.newOffset - neighbour.oldOffset);
      if (!predictions.includes(predicted)) {
        predictions.push(predicted);
      }
    }
  }
  if (!predictions.includes(oldOffset)) {
    predictions.push(oldOffset);
  }
  return predictions;
}

/**
 * Where a passage must lie if the text kept its order: between the new places of the nearest
 * known offsets at or before its old start and at or after its old end. Null when either is
 * missing or they are out of order (a moved paragraph).
 */
function findBounds(
  shifts: readonly Shift[],
  oldStart: number,
  oldEnd: number,
): { start: number; end: number } | null {
  const before = shifts[findFirstShiftFrom(shifts, oldStart + 1) - 1];
  const after = shifts[findFirstShiftFrom(shifts, oldEnd)];
  if (before === undefined || after === undefined || before.newOffset > after.newOffset) {
    return null;
  }
  return { start: before.newOffset, end: after.newOffset };
}

/** Add a placed passage's two shifts, keeping `shifts` sorted. */
function insertShifts(
  shifts: Shift[],
  annotation: AnnotationAnchor,
  resolved: ResolvedAnchor,
): void {
  for (const shift of [
    { oldOffset: annotation.position.start, newOffset: resolved.start },
    { oldOffset: annotation.position.end, newOffset: resolved.end },
  ]) {
    shifts.splice(findFirstShiftFrom(shifts, shift.oldOffset), 0, shift);
  }
}

/**
 * The bounds placed neighbours give an annotation, as a key ("" for none): the evidence that can
 * turn an orphan into a placed passage on a second look.
 */
function describeExpectation(shifts: readonly Shift[], annotation: AnnotationAnchor): string {
  const bounds = findBounds(shifts, annotation.position.start, annotation.position.end);
  return bounds === null ? "" : `${bounds.start}-${bounds.end}`;
}

/** Resolve one annotation with the expectations its placed neighbours give. */
function resolveNearNeighbours(
  newText: string,
  annotation: AnnotationAnchor,
  shifts: readonly Shift[],
  index: TextIndex,
): { resolved: ResolvedAnchor | null; expectation: string } {
  const { start, end } = annotation.position;
  const resolved = anchorByFuzzyQuote(newText, annotation, {
    index,
    hints: predictOffsets(shifts, start),
    endHints: predictOffsets(shifts, end),
    bounds: findBounds(shifts, start, end) ?? undefined,
  });
  return { resolved, expectation: describeExpectation(shifts, annotation) };
}

/** Turn a resolved anchor (or its absence) into a result. */
function toResult(resolved: ResolvedAnchor | null): ReanchorResult {
  return resolved === null
    ? { status: "orphaned" }
    : { status: "anchored", start: resolved.start, end: resolved.end, strategy: resolved.strategy };
}

/**
 * Re-anchor many annotations onto one new text. Each annotation is resolved independently of the
 * others' passages (overlapping and nested annotations are fine); only the work and the expected
 * positions are shared. An orphan is reported, never dropped.
 *
 * @param newText The new revision's plain text (`projectDocText(doc).text`).
 * @param annotations The stored selectors of each annotation, made on an earlier revision.
 * @returns One result per annotation id (the last one wins if ids repeat).
 */
export function reanchorAnnotations(
  newText: string,
  annotations: readonly AnnotationAnchor[],
): Map<string, ReanchorResult> {
  const results = new Map<string, ReanchorResult>();
  const shifts: Shift[] = [];
  const record = (annotation: AnnotationAnchor, resolved: ResolvedAnchor): void => {
    results.set(annotation.id, toResult(resolved));
    shifts.push(
      { oldOffset: annotation.position.start, newOffset: resolved.start },
      { oldOffset: annotation.position.end, newOffset: resolved.end },
    );
  };

  // 1. Positions: unchanged passages before the first edit cost one comparison each.
  let unplaced: AnnotationAnchor[] = [];
  for (const annotation of annotations) {
    const resolved = anchorByPosition(newText, annotation);
    if (resolved === null) {
      unplaced.push(annotation);
    } else {
      record(annotation, resolved);
    }
  }
  if (unplaced.length === 0) {
    return results;
  }

  // 2. Verbatim quotes, through one index of the new text.
  const index = createTextIndex(newText);
  const changed: AnnotationAnchor[] = [];
  for (const annotation of unplaced) {
    // Only clear cases now; doubtful ones are decided in step 3 with neighbours' evidence.
    const resolved = anchorByQuote(newText, annotation, { index, isConservative: true });
    if (resolved === null) {
      changed.push(annotation);
    } else {
      record(annotation, resolved);
    }
  }
  unplaced = changed;

  // 3. The rest, in text order, expected where their placed neighbours' shifts put them. Each
  //    one placed becomes a neighbour for those after it; those left orphaned get a second look
  //    if passages placed after them now bound them more tightly.
  shifts.sort((a, b) => a.oldOffset - b.oldOffset);
  unplaced.sort((a, b) => a.position.start - b.position.start);
  const orphans: { annotation: AnnotationAnchor; expectation: string }[] = [];
  for (const annotation of unplaced) {
    const { resolved, expectation } = resolveNearNeighbours(newText, annotation, shifts, index);
    if (resolved === null) {
      orphans.push({ annotation, expectation });
      results.set(annotation.id, { status: "orphaned" });
    } else {
      results.set(annotation.id, toResult(resolved));
      insertShifts(shifts, annotation, resolved);
    }
  }
  for (const { annotation, expectation } of orphans) {
    const current = describeExpectation(shifts, annotation);
    if (current !== "" && current !== expectation) {
      const { resolved } = resolveNearNeighbours(newText, annotation, shifts, index);
      results.set(annotation.id, toResult(resolved));
    }
  }
  return results;
}
