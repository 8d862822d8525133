/**
 * THE projection of a ProseMirror document onto plain text, with a map back to document
 * positions. Anchors (quote + position selectors), the importer's `plainText` and the exporters
 * all go through `projectDocText`, so an offset means the same thing everywhere.
 *
 * The text is every textblock's text, in document order, joined by {@link BLOCK_SEPARATOR}.
 * Pure: no React, Prisma or DOM; runs in the reader, route handlers and exports alike.
 */

import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

/**
 * A run of projected text that is contiguous in the document: `text.slice(start, end)` equals the
 * document text starting at `docPos`. An empty textblock gets a zero-length segment
 * (`start === end`) at its content position, so positions inside it still map to an offset.
 */
export interface TextSegment {
  /** Offset of the run's first character in the projected text. */
  start: number;
  /** Offset just past the run's last character (exclusive). */
  end: number;
  /** Document position of the run's first character. */
  docPos: number;
}

/** The plain text of a document plus the segments that map it back to document positions. */
export interface TextProjection {
  text: string;
  /** Ordered by `start` and by `docPos`; they never overlap. */
  segments: TextSegment[];
}

/**
 * Put between consecutive textblocks: exactly one between two blocks, none before the first or
 * after the last. A newline keeps quotes from running words of two blocks together
 * ("Aftermath" + "Contrary…" would otherwise read "AftermathContrary…").
 */
export const BLOCK_SEPARATOR = "\n";

/**
 * Project a document onto plain text in one pass over its nodes (O(n) in the document size).
 *
 * Only text nodes contribute characters; non-text inline leaves (none in articles today)
 * contribute nothing. An empty textblock contributes nothing but its separator, so block
 * boundaries stay visible in the text.
 *
 * @param doc A document (or any node; positions are relative to its content).
 * @returns The text and its segments.
 */
export function projectDocText(doc: ProseMirrorNode): TextProjection {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  let isFirstTextblock = true;

  doc.descendants((node, pos) => {
    if (!node.isTextblock) {
      return true;
    }
    if (!isFirstTextblock) {
      parts.push(BLOCK_SEPARATOR);
      length += BLOCK_SEPARATOR.length;
    }
    isFirstTextblock = false;

    const blockStart = length;
    let previous: TextSegment | null = null;
    node.forEach((child, childOffset) => {
      const text = child.text;
      if (!child.isText || text === undefined || text === "") {
        return;
      }
      const docPos = pos + 1 + childOffset;
      // Text nodes split only by marks are one run: extend the previous segment instead.
      if (
        previous !== null &&
        previous.end === length &&
        previous.docPos + (length - previous.start) === docPos
      ) {
        previous.end += text.length;
      } else {
        previous = { start: length, end: length + text.length, docPos };
        segments.push(previous);
      }
      parts.push(text);
      length += text.length;
    });
    if (length === blockStart) {
      segments.push({ start: blockStart, end: blockStart, docPos: pos + 1 });
    }
    // A textblock's children are inline; there is nothing below it to visit.
    return false;
  });

  return { text: parts.join(""), segments };
}

/** True for the zero-length segment of an empty textblock: it holds a position but no text. */
function isEmptySegment(segment: TextSegment | undefined): boolean {
  return segment !== undefined && segment.start === segment.end;
}

/** Index of the first segment whose `end` is greater than `offset`, or `segments.length`. */
function findFirstSegmentEndingAfter(segments: readonly TextSegment[], offset: number): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((segments[middle]?.end ?? Infinity) > offset) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

/** Index of the last segment whose `start` is less than `offset`, or -1. */
function findLastSegmentStartingBefore(segments: readonly TextSegment[], offset: number): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((segments[middle]?.start ?? Infinity) < offset) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low - 1;
}

/**
 * Map an offset in the projected text to a document position (binary search, O(log n)).
 *
 * Offsets between segments (on a block separator) snap to real text: a range *start* moves
 * forward to the next text, a range *end* moves back to the previous text, so a range never
 * begins or ends on structure (empty textblocks are skipped too). At the boundary of two adjacent segments, `"start"` picks the
 * later one and `"end"` the earlier one.
 *
 * @param projection The result of {@link projectDocText} for the document.
 * @param offset Offset in `projection.text`, from 0 to `text.length` inclusive.
 * @param bias Whether the offset starts a range (default) or ends one.
 * @returns The document position, or null when the offset is out of range or there is no text to
 *   snap to in the bias direction.
 */
export function textOffsetToDocPos(
  projection: TextProjection,
  offset: number,
  bias: "start" | "end" = "start",
): number | null {
  const { segments, text } = projection;
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    return null;
  }
  if (bias === "start") {
    let index = findFirstSegmentEndingAfter(segments, offset);
    while (segments[index] !== undefined && isEmptySegment(segments[index])) {
      index += 1;
    }
    const segment = segments[index];
    if (segment !== undefined) {
      return segment.docPos + Math.max(0, offset - segment.start);
    }
    // Past all text: only the very end of the last text is a valid start (an empty range).
    const last = segments.findLast((candidate) => !isEmptySegment(candidate));
    return last !== undefined && last.end === offset ? last.docPos + (last.end - last.start) : null;
  }
  let index = findLastSegmentStartingBefore(segments, offset);
  while (segments[index] !== undefined && isEmptySegment(segments[index])) {
    index -= 1;
  }
  const segment = segments[index];
  if (segment !== undefined) {
    return segment.docPos + (Math.min(offset, segment.end) - segment.start);
  }
  // Before all text: only the very start of the first text is a valid end (an empty range).
  const first = segments.find((candidate) => !isEmptySegment(candidate));
  return first !== undefined && first.start === offset ? first.docPos : null;
}

/**
 * Map a document position to an offset in the projected text (binary search, O(log n)).
 *
 * @param projection The result of {@link projectDocText} for the document.
 * @param pos A document position.
 * @returns The offset, or null when the position is not inside (or at an edge of) a text run or
 *   an empty textblock, e.g. between two blocks.
 */
export function docPosToTextOffset(projection: TextProjection, pos: number): number | null {
  const { segments } = projection;
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((segments[middle]?.docPos ?? Infinity) <= pos) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const segment = segments[low - 1];
  if (segment === undefined || pos - segment.docPos > segment.end - segment.start) {
    return null;
  }
  return segment.start + (pos - segment.docPos);
}
