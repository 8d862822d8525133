/**
 * Where annotated passages start and end inside the revision's text, for writers that put
 * markers in the text (HTML, Markdown, TEI). Passages may overlap and may cross block boundaries,
 * so the text is cut into runs at every start and end; each run knows which passages cover it.
 *
 * Pure. A cursor is consumed in document order: ask for each text block once, in order.
 */
import type { EditionAnnotation, EditionText } from "../edition-model";

/** One piece of a text block: a run of text, or the start or end of a passage. */
export type PassageSegment =
  | {
      type: "text";
      text: string;
      /** The numbers of the passages covering this run, ascending. */
      covering: number[];
    }
  | { type: "start"; annotation: EditionAnnotation }
  | { type: "end"; annotation: EditionAnnotation };

/** A start or end of a placed passage. */
interface PassageEvent {
  offset: number;
  kind: "start" | "end";
  annotation: EditionAnnotation;
}

/** Cuts text blocks into segments, in document order. */
export interface PassageCursor {
  /** The segments of `text`; call once per text block, in document order. */
  segments(text: EditionText): PassageSegment[];
}

/**
 * A cursor over the placed passages of `annotations` (orphans have no passage). At one offset,
 * ends come before starts (a passage ending where the next begins closes first), ends in
 * descending and starts in ascending note order; an empty passage starts then ends.
 */
export function createPassageCursor(annotations: readonly EditionAnnotation[]): PassageCursor {
  const events: PassageEvent[] = [];
  for (const annotation of annotations) {
    const { start, end } = annotation.anchor;
    if (start === null || end === null) {
      continue;
    }
    events.push({ offset: start, kind: "start", annotation });
    events.push({ offset: Math.max(start, end), kind: "end", annotation });
  }
  events.sort((a, b) => {
    if (a.offset !== b.offset) {
      return a.offset - b.offset;
    }
    if (a.annotation === b.annotation) {
      return a.kind === "start" ? -1 : 1;
    }
    if (a.kind !== b.kind) {
      const aIsEmpty = a.annotation.anchor.start === a.annotation.anchor.end;
      const bIsEmpty = b.annotation.anchor.start === b.annotation.anchor.end;
      if (!aIsEmpty && !bIsEmpty) {
        return a.kind === "end" ? -1 : 1;
      }
    }
    return a.kind === "end" && b.kind === "end"
      ? b.annotation.number - a.annotation.number
      : a.annotation.number - b.annotation.number;
  });

  let next = 0;
  const open = new Set<number>();
  return {
    segments(text: EditionText): PassageSegment[] {
      const segments: PassageSegment[] = [];
      let position = text.start;
      const pushText = (until: number) => {
        if (until > position) {
          segments.push({
            type: "text",
            text: text.text.slice(position - text.start, until - text.start),
            covering: [...open].sort((a, b) => a - b),
          });
          position = until;
        }
      };
      while (next < events.length) {
        const event = events[next];
        if (!event) {
          break;
        }
        // An end at the block's last offset belongs here; a start there belongs to the next block
        // (the offset is the separator between the two).
        const isInBlock = event.kind === "end" ? event.offset <= text.end : event.offset < text.end;
        if (!isInBlock) {
          break;
        }
        pushText(Math.max(position, Math.min(event.offset, text.end)));
        if (event.kind === "start") {
          open.add(event.annotation.number);
        } else {
          open.delete(event.annotation.number);
        }
        segments.push({ type: event.kind, annotation: event.annotation });
        next += 1;
      }
      pushText(text.end);
      return segments;
    },
  };
}

/** The placed annotations, and the orphans (listed after the text, never dropped). */
export function partitionOrphans(annotations: readonly EditionAnnotation[]): {
  placed: EditionAnnotation[];
  orphans: EditionAnnotation[];
} {
  return {
    placed: annotations.filter((annotation) => !annotation.anchor.isOrphaned),
    orphans: annotations.filter((annotation) => annotation.anchor.isOrphaned),
  };
}
