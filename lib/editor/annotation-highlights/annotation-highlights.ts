/**
 * Annotation highlights for the read-only article editor: every annotation placed on the revision
 * is drawn as ProseMirror inline DECORATIONS over its passage, never as marks in the article, so
 * the document stays exactly the revision that was imported (see STYLE.md, "Editor extensions").
 *
 * The app computes where each annotation sits (from its resolved anchor, through the text
 * projection) and hands the list over with `setAnnotations`; this extension only draws it:
 *
 * - one `<mark>` per annotation and text run, with `data-annotation-id`, classes for its kind,
 *   flag, claim status, colour tone and overlap depth, and an accessible description. Separate
 *   `<mark>` elements (not merged attributes) keep nested and overlapping annotations apart: each
 *   keeps its own id and its own underline, and their translucent backgrounds add up, so overlaps
 *   read darker;
 * - a margin mark (a zero-width widget whose glyph CSS draws in the text's left margin) where
 *   passages start, so flags are told apart by shape as well as by colour, without reflowing the
 *   text;
 * - an optional draft range (the passage being annotated while the composer has focus).
 *
 * It reaches the app only through option callbacks: `onSelectAnnotation` when a highlight or
 * margin mark is clicked, `onCaretAnnotationsChange` when the keyboard caret enters or leaves
 * highlights. Built after docmost `packages/editor-ext/src/lib/comment/comment-decoration.ts` and
 * outline `shared/editor/plugins/DraftCommentAnchorPlugin.ts`.
 */

import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";

/** One annotation to draw, in document positions of the article being read. */
export interface AnnotationHighlight {
  /** The annotation's id, written to `data-annotation-id`. */
  id: string;
  /** Document position where the passage starts. */
  from: number;
  /** Document position just past the passage; greater than `from`. */
  to: number;
  /** The annotation kind (COMMENT, QUESTION, HIGHLIGHT, CLAIM); becomes a class. */
  kind: string;
  /** The claim flag (DISPUTED, …) of a claim, else null; becomes a class (the underline pattern). */
  flag: string | null;
  /** The claim's status (OPEN, ACCEPTED, …), else null; becomes a class. */
  status: string | null;
  /** The annotation the reader is looking at: drawn emphasised. */
  isActive: boolean;
  /** Colour token chosen by the app (by flag and status, or by tag); defaults to the kind/flag. */
  tone?: string;
  /** A short glyph drawn as the passage's margin mark (the same as the sidebar's icon). */
  glyph?: string;
  /** What a screen reader says about the highlight ("Disputed claim by …"). */
  description?: string;
  /** Hidden by a moderator (only moderators get these): drawn struck through. */
  isHidden?: boolean;
}

/** A passage being annotated, drawn while the composer is open. */
export interface AnnotationDraftRange {
  from: number;
  to: number;
}

/** Options of {@link AnnotationHighlights}. */
export interface AnnotationHighlightsOptions {
  /** The highlights drawn when the editor is created; later lists come with `setAnnotations`. */
  highlights: AnnotationHighlight[];
  /**
   * Called when the reader clicks a highlight or a margin mark (not when they finish selecting
   * text), with the ids under the pointer, innermost first.
   */
  onSelectAnnotation: ((ids: string[]) => void) | null;
  /**
   * Called while the editor has focus, when the set of highlights around the selection head changes
   * (the keyboard caret entered or left a passage), innermost first; `[]` when it left them all.
   */
  onCaretAnnotationsChange: ((ids: string[]) => void) | null;
  /** How many underline offsets nesting uses before deeper passages share the last one. */
  maxDepth: number;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    annotationHighlights: {
      /**
       * Replaces the drawn annotations.
       * @example editor.commands.setAnnotations([{ id, from, to, kind: "CLAIM", flag: "DISPUTED", status: "OPEN", isActive: false }])
       */
      setAnnotations: (highlights: AnnotationHighlight[]) => ReturnType;
      /** Draws (or, with null, removes) the range being annotated. */
      setAnnotationDraft: (range: AnnotationDraftRange | null) => ReturnType;
    };
  }
}

/** What the plugin keeps: the input lists and the decorations built from them. */
interface AnnotationHighlightsState {
  highlights: AnnotationHighlight[];
  draft: AnnotationDraftRange | null;
  decorations: DecorationSet;
}

/** A change of the plugin state, carried as transaction meta. */
type AnnotationHighlightsMeta =
  { highlights: AnnotationHighlight[] } | { draft: AnnotationDraftRange | null };

/** The plugin's key: read its state with `annotationHighlightsKey.getState(editor.state)`. */
export const annotationHighlightsKey = new PluginKey<AnnotationHighlightsState>(
  "annotationHighlights",
);

/** Class of every highlight `<mark>`; modifiers are `${HIGHLIGHT_CLASS}--…`. */
export const HIGHLIGHT_CLASS = "annotation-highlight";

/** Class of the margin-mark widget. */
export const MARGIN_MARK_CLASS = "annotation-margin-mark";

/** "CITATION_NEEDED" → "citation-needed", for class names. */
function toClassToken(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** True when a highlight's range lies inside the document and is not empty. */
function isDrawable(doc: ProseMirrorNode, range: { from: number; to: number }): boolean {
  return (
    Number.isInteger(range.from) &&
    Number.isInteger(range.to) &&
    range.from >= 0 &&
    range.to <= doc.content.size &&
    range.to > range.from
  );
}

/**
 * Nesting depth of each highlight: the lowest level not taken by an overlapping highlight that
 * started earlier (greedy interval colouring, optimal when taken in order of start). Nested and
 * overlapping passages thus get different underline offsets.
 */
export function assignHighlightDepths(
  highlights: readonly AnnotationHighlight[],
): Map<string, number> {
  const sorted = [...highlights].sort(
    (a, b) => a.from - b.from || b.to - a.to || a.id.localeCompare(b.id),
  );
  const levelEnds: number[] = [];
  const depths = new Map<string, number>();
  for (const highlight of sorted) {
    let level = levelEnds.findIndex((end) => end <= highlight.from);
    if (level === -1) {
      level = levelEnds.length;
    }
    levelEnds[level] = highlight.to;
    depths.set(highlight.id, level);
  }
  return depths;
}

/** The classes of one highlight's `<mark>`. */
function highlightClassName(highlight: AnnotationHighlight, depth: number): string {
  const classes = [
    HIGHLIGHT_CLASS,
    `${HIGHLIGHT_CLASS}--kind-${toClassToken(highlight.kind)}`,
    `${HIGHLIGHT_CLASS}--depth-${depth}`,
    `${HIGHLIGHT_CLASS}--tone-${toClassToken(highlight.tone ?? highlight.flag ?? highlight.kind)}`,
  ];
  if (highlight.flag) {
    classes.push(`${HIGHLIGHT_CLASS}--flag-${toClassToken(highlight.flag)}`);
  }
  if (highlight.status) {
    classes.push(`${HIGHLIGHT_CLASS}--status-${toClassToken(highlight.status)}`);
  }
  if (highlight.isActive) {
    classes.push(`${HIGHLIGHT_CLASS}--active`);
  }
  if (highlight.isHidden) {
    classes.push(`${HIGHLIGHT_CLASS}--hidden`);
  }
  return classes.join(" ");
}

/** The margin mark of the passages starting at one position: their glyphs and ids. */
function createMarginMark(glyphs: string, ids: string[]): HTMLElement {
  const mark = document.createElement("span");
  mark.className = MARGIN_MARK_CLASS;
  mark.setAttribute("aria-hidden", "true");
  mark.dataset.glyphs = glyphs;
  mark.dataset.annotationIds = ids.join(" ");
  return mark;
}

/**
 * Builds the decorations: a `<mark>` per highlight (outer passages first, so nesting follows the
 * passages), a margin mark per start position with glyphs, and the draft range.
 */
function buildDecorations(
  doc: ProseMirrorNode,
  highlights: readonly AnnotationHighlight[],
  draft: AnnotationDraftRange | null,
  maxDepth: number,
): DecorationSet {
  const drawable = highlights.filter((highlight) => isDrawable(doc, highlight));
  const depths = assignHighlightDepths(drawable);
  const ordered = [...drawable].sort(
    (a, b) => a.from - b.from || b.to - a.to || a.id.localeCompare(b.id),
  );
  const decorations: Decoration[] = [];
  const marginMarks = new Map<number, { glyphs: string; ids: string[] }>();

  for (const highlight of ordered) {
    const depth = Math.min(depths.get(highlight.id) ?? 0, Math.max(0, maxDepth - 1));
    const attributes: Record<string, string> = {
      nodeName: "mark",
      class: highlightClassName(highlight, depth),
      "data-annotation-id": highlight.id,
    };
    if (highlight.description) {
      attributes["aria-description"] = highlight.description;
    }
    decorations.push(
      Decoration.inline(highlight.from, highlight.to, attributes, {
        annotationId: highlight.id,
        inclusiveStart: false,
        inclusiveEnd: false,
      }),
    );
    if (highlight.glyph) {
      const entry = marginMarks.get(highlight.from) ?? { glyphs: "", ids: [] };
      entry.glyphs += highlight.glyph;
      entry.ids.push(highlight.id);
      marginMarks.set(highlight.from, entry);
    }
  }

  for (const [pos, { glyphs, ids }] of marginMarks) {
    decorations.push(
      Decoration.widget(pos, () => createMarginMark(glyphs, ids), {
        side: -1,
        ignoreSelection: true,
        key: `margin-mark:${pos}:${glyphs}:${ids.join(",")}`,
      }),
    );
  }

  if (draft && isDrawable(doc, draft)) {
    decorations.push(
      Decoration.inline(draft.from, draft.to, {
        nodeName: "mark",
        class: `${HIGHLIGHT_CLASS} ${HIGHLIGHT_CLASS}--draft`,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

/** The annotation ids at a clicked element: a margin mark's, or every `<mark>` around it. */
function findClickedAnnotationIds(view: EditorView, target: EventTarget | null): string[] {
  if (!(target instanceof Element) || !view.dom.contains(target)) {
    return [];
  }
  const marginMark = target.closest(`.${MARGIN_MARK_CLASS}`);
  if (marginMark instanceof HTMLElement) {
    return (marginMark.dataset.annotationIds ?? "").split(" ").filter(Boolean);
  }
  const ids: string[] = [];
  let mark = target.closest("mark[data-annotation-id]");
  while (mark && view.dom.contains(mark)) {
    const id = mark.getAttribute("data-annotation-id");
    if (id && !ids.includes(id)) {
      ids.push(id);
    }
    mark = mark.parentElement?.closest("mark[data-annotation-id]") ?? null;
  }
  return ids;
}

/** Ids of the highlights around the selection head, innermost (shortest) first. */
function findHighlightsAtHead(state: EditorState): string[] {
  const highlights = annotationHighlightsKey.getState(state)?.highlights ?? [];
  const head = state.selection.head;
  return highlights
    .filter((highlight) => highlight.from <= head && head < highlight.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from))
    .map((highlight) => highlight.id);
}

/**
 * Draws annotations as decorations over the article text; see the module comment. Commands:
 * `setAnnotations(highlights)` and `setAnnotationDraft(range | null)`.
 */
export const AnnotationHighlights = Extension.create<AnnotationHighlightsOptions>({
  name: "annotationHighlights",

  addOptions() {
    return {
      highlights: [],
      onSelectAnnotation: null,
      onCaretAnnotationsChange: null,
      maxDepth: 3,
    };
  },

  addCommands() {
    return {
      setAnnotations:
        (highlights) =>
        ({ tr, dispatch }) => {
          if (dispatch) {
            tr.setMeta(annotationHighlightsKey, { highlights } satisfies AnnotationHighlightsMeta);
          }
          return true;
        },
      setAnnotationDraft:
        (range) =>
        ({ tr, dispatch }) => {
          if (dispatch) {
            tr.setMeta(annotationHighlightsKey, {
              draft: range,
            } satisfies AnnotationHighlightsMeta);
          }
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<AnnotationHighlightsState>({
        key: annotationHighlightsKey,
        state: {
          init: (_config, state) => ({
            highlights: options.highlights,
            draft: null,
            decorations: buildDecorations(state.doc, options.highlights, null, options.maxDepth),
          }),
          apply: (tr, previous, _oldState, newState) => {
            const meta = tr.getMeta(annotationHighlightsKey) as
              AnnotationHighlightsMeta | undefined;
            if (meta) {
              const highlights = "highlights" in meta ? meta.highlights : previous.highlights;
              const draft = "draft" in meta ? meta.draft : previous.draft;
              return {
                highlights,
                draft,
                decorations: buildDecorations(newState.doc, highlights, draft, options.maxDepth),
              };
            }
            if (!tr.docChanged) {
              return previous;
            }
            // The reader never changes the document; map anyway, so that nothing points past it.
            return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => annotationHighlightsKey.getState(state)?.decorations ?? null,
          handleDOMEvents: {
            click: (view, event) => {
              const selection = view.dom.ownerDocument.getSelection();
              if (selection && !selection.isCollapsed) {
                // The click ended a text selection: the reader is selecting, not choosing.
                return false;
              }
              const ids = findClickedAnnotationIds(view, event.target);
              if (ids.length > 0) {
                options.onSelectAnnotation?.(ids);
              }
              return false;
            },
          },
        },
        view: () => {
          let lastIds = "";
          return {
            update: (view, previousState) => {
              const state = view.state;
              if (
                state.selection.eq(previousState.selection) &&
                annotationHighlightsKey.getState(state) ===
                  annotationHighlightsKey.getState(previousState)
              ) {
                return;
              }
              if (!view.hasFocus()) {
                return;
              }
              const ids = findHighlightsAtHead(state);
              const key = ids.join(" ");
              if (key !== lastIds) {
                lastIds = key;
                options.onCaretAnnotationsChange?.(ids);
              }
            },
          };
        },
      }),
    ];
  },
});
