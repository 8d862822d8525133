/**
 * Between the editor and the anchors: an editor selection becomes a range of the revision's plain
 * text (and from there selectors, with `describeTextRange`), and an annotation's anchor becomes a
 * range of document positions to decorate. Both go through `projectDocText`, the projection the
 * server used for the revision's `plainText`, so an offset means the same thing on both sides.
 */
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

import { describeTextRange, MAX_EXACT_LENGTH, type TextAnchor } from "@/lib/anchoring/selectors";
import {
  docPosToTextOffset,
  textOffsetToDocPos,
  type TextProjection,
} from "@/lib/anchoring/text-projection";

/** A range of the projected text, `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** A passage chosen for an annotation: its selectors, ready for the create or re-attach action. */
export interface SelectedPassage {
  target: TextAnchor;
  /** Where it is in the editor, for the draft highlight. */
  from: number;
  to: number;
}

/** Why a selection cannot be annotated. */
export type PassageProblem = "empty" | "too-long";

/** The offset of a range start at `pos`, snapping forward to text when `pos` is on structure. */
function offsetAtOrAfter(projection: TextProjection, pos: number): number | null {
  const exact = docPosToTextOffset(projection, pos);
  if (exact !== null) {
    return exact;
  }
  const segment = projection.segments.find(
    (candidate) => candidate.docPos + (candidate.end - candidate.start) >= pos,
  );
  if (!segment) {
    return null;
  }
  return segment.docPos >= pos ? segment.start : segment.start + (pos - segment.docPos);
}

/** The offset of a range end at `pos`, snapping back to text when `pos` is on structure. */
function offsetAtOrBefore(projection: TextProjection, pos: number): number | null {
  const exact = docPosToTextOffset(projection, pos);
  if (exact !== null) {
    return exact;
  }
  const segment = projection.segments.findLast((candidate) => candidate.docPos <= pos);
  if (!segment) {
    return null;
  }
  return Math.min(segment.end, segment.start + (pos - segment.docPos));
}

/**
 * The text range of a document selection, with white space trimmed from both ends (a triple
 * click selects the line break too; a quote should not start or end with one).
 *
 * @returns the range, or null when the selection holds no text
 */
export function selectionToTextRange(
  projection: TextProjection,
  from: number,
  to: number,
): TextRange | null {
  let start = offsetAtOrAfter(projection, Math.min(from, to));
  let end = offsetAtOrBefore(projection, Math.max(from, to));
  if (start === null || end === null) {
    return null;
  }
  const { text } = projection;
  while (start < end && /\s/.test(text.charAt(start))) {
    start += 1;
  }
  while (end > start && /\s/.test(text.charAt(end - 1))) {
    end -= 1;
  }
  return end > start ? { start, end } : null;
}

/**
 * The passage of an editor selection as selectors, or the reason it cannot be annotated.
 *
 * @param projection The projection of the editor's document.
 * @param from The selection's start (document position).
 * @param to The selection's end.
 */
export function describeSelection(
  projection: TextProjection,
  from: number,
  to: number,
): { passage: SelectedPassage } | { problem: PassageProblem } {
  const range = selectionToTextRange(projection, from, to);
  if (!range) {
    return { problem: "empty" };
  }
  if (range.end - range.start > MAX_EXACT_LENGTH) {
    return { problem: "too-long" };
  }
  const target = describeTextRange(projection.text, range.start, range.end);
  const docRange = textRangeToDocRange(projection, range);
  return {
    passage: {
      target,
      from: docRange?.from ?? Math.min(from, to),
      to: docRange?.to ?? Math.max(from, to),
    },
  };
}

/** Document positions of a text range (an annotation's anchor), or null when it is off the text. */
export function textRangeToDocRange(
  projection: TextProjection,
  range: TextRange,
): { from: number; to: number } | null {
  const from = textOffsetToDocPos(projection, range.start, "start");
  const to = textOffsetToDocPos(projection, range.end, "end");
  if (from === null || to === null || to <= from) {
    return null;
  }
  return { from, to };
}

/** The id of the section heading at or before `pos`, or null in the lead. */
export function findSectionAt(doc: ProseMirrorNode, pos: number): string | null {
  let section: string | null = null;
  doc.forEach((node, offset) => {
    if (offset <= pos && node.type.name === "heading" && typeof node.attrs.id === "string") {
      section = node.attrs.id;
    }
  });
  return section;
}
