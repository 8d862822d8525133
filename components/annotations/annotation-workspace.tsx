"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import { useRouter } from "next/navigation";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";

import {
  ArticleEditorBindingContext,
  type ArticleEditorBinding,
} from "@/components/reader/article-editor-binding";
import { projectDocText, type TextProjection } from "@/lib/anchoring/text-projection";
import {
  createAnnotationAction,
  deleteAnnotationAction,
  hideAnnotationAction,
  reattachAnnotationAction,
  unhideAnnotationAction,
  updateAnnotationAction,
  type AnnotationActionState,
} from "@/lib/annotations/actions";
import {
  AnnotationHighlights,
  type AnnotationHighlight,
} from "@/lib/editor/annotation-highlights/annotation-highlights";
import type { AnnotationKind, ClaimFlag, Visibility } from "@/lib/generated/prisma/enums";

import { AnnotationAdder } from "./annotation-adder";
import {
  annotationGlyph,
  annotationTone,
  annotationTypeLabel,
  assignTagTones,
  countAnnotations,
  describeAnnotation,
  type AnnotationItem,
  type AnnotationViewer,
} from "./annotation-display";
import {
  compareInDocumentOrder,
  countBySection,
  DEFAULT_VIEW_STATE,
  filterAnnotations,
  hasActiveFilters,
  isOrphan,
  LEAD_SECTION,
  viewStateToQuery,
  type AnnotationViewState,
} from "./annotation-filters";
import {
  describeSelection,
  findSectionAt,
  textRangeToDocRange,
  type SelectedPassage,
} from "./text-range";

import "./annotation-highlights.css";

/** The keyboard shortcut that opens the composer, in `aria-keyshortcuts` syntax. */
export const ANNOTATE_SHORTCUT = "Alt+Shift+A";

/** Element id of the hidden text that tells keyboard users how to read, select and annotate. */
export const KEYBOARD_HINT_ID = "article-text-keyboard-hint";

/** Element id of the annotations panel (the sidebar). */
export const ANNOTATIONS_PANEL_ID = "annotations-panel";

/** The element id of an annotation's entry in the sidebar; also its permalink's fragment. */
export function annotationElementId(id: string): string {
  return `annotation-${id}`;
}

/** The annotation id a location hash points at (`#annotation-<id>`), or null. */
function readAnnotationHash(hash: string): string | null {
  const match = /^#annotation-([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] ?? null;
}

/** A section of the article as the annotations need it: its anchor and title. */
export interface AnnotationSection {
  anchor: string;
  title: string;
}

/** Annotation counts per section anchor as the server computed them (for the first render). */
export interface InitialSectionCounts {
  bySection: Record<string, number>;
  inLead: number;
}

/** What the composer and the edit form send: every editable field of an annotation. */
export interface AnnotationFields {
  kind: AnnotationKind;
  flag: ClaimFlag | null;
  body: JSONContent;
  tags: string[];
  visibility: Visibility;
  groupId: string | null;
}

/** The composer for a new annotation: the passage it is about. */
export interface ComposerState {
  passage: SelectedPassage;
  /** Changes when the composer is opened again, so that it resets and takes focus. */
  key: number;
}

/** A visible message in the sidebar (not an error of a form). */
export interface WorkspaceNotice {
  text: string;
  /** A link to offer with it (sign in). */
  href?: string;
  linkText?: string;
}

/** Everything the sidebar, the contents badges and the text share. */
export interface AnnotationWorkspaceValue {
  articleId: string;
  revisionId: string;
  articleSlug: string;
  viewer: AnnotationViewer | null;
  /** Where "Sign in to annotate" leads (back to this article afterwards). */
  signInHref: string;
  sections: AnnotationSection[];
  /** Every annotation the viewer can see, in document order. */
  annotations: AnnotationItem[];
  /** Those of the chosen layer that pass the filters: the sidebar list and the highlights. */
  shown: AnnotationItem[];
  view: AnnotationViewState;
  setView: (view: AnnotationViewState) => void;
  /** Tone index of each coloured tag. */
  tagTones: ReadonlyMap<string, number>;
  /** Shown annotations per section anchor (the lead under `LEAD_SECTION`). */
  sectionCounts: Record<string, number>;
  /** Annotations being looked at: emphasised in the text and the sidebar. */
  activeIds: string[];
  /** True once the page runs in the browser (JavaScript is on). */
  isEnhanced: boolean;
  /** True once the read-only editor draws highlights. */
  isEditorReady: boolean;
  /** Whether the annotations panel is open (it is a sheet over the text on narrow screens). */
  isPanelOpen: boolean;
  setPanelOpen: (isOpen: boolean) => void;
  composer: ComposerState | null;
  notice: WorkspaceNotice | null;
  /** Opens the composer for the current selection of the text (Alt+Shift+A). */
  openComposer: () => void;
  closeComposer: () => void;
  createAnnotation: (fields: AnnotationFields) => Promise<AnnotationActionState>;
  updateAnnotation: (
    annotation: AnnotationItem,
    fields: AnnotationFields,
    expectedVersion: number,
  ) => Promise<AnnotationActionState>;
  deleteAnnotation: (annotation: AnnotationItem) => Promise<AnnotationActionState>;
  hideAnnotation: (annotation: AnnotationItem, reason: string) => Promise<AnnotationActionState>;
  unhideAnnotation: (annotation: AnnotationItem) => Promise<AnnotationActionState>;
  /** Places an annotation on the passage selected in the text. */
  reattachAnnotation: (annotation: AnnotationItem) => Promise<AnnotationActionState>;
  /** Scrolls to an annotation's passage, emphasises it and puts the keyboard there. */
  showPassage: (id: string) => void;
  /** Refreshes the server data (after a conflict). */
  refresh: () => void;
  /** Says something in the polite live region. */
  announce: (message: string) => void;
}

const AnnotationWorkspaceContext = createContext<AnnotationWorkspaceValue | null>(null);

/** The workspace of the surrounding {@link AnnotationWorkspace}. */
export function useAnnotationWorkspace(): AnnotationWorkspaceValue {
  const value = useContext(AnnotationWorkspaceContext);
  if (!value) {
    throw new Error("useAnnotationWorkspace needs an <AnnotationWorkspace> around it.");
  }
  return value;
}

/** Props of {@link AnnotationWorkspace}. */
export interface AnnotationWorkspaceProps {
  articleId: string;
  revisionId: string;
  articleSlug: string;
  /** The annotations the viewer can see, in document order, with anchors on `revisionId`. */
  initialAnnotations: AnnotationItem[];
  /** The server's counts per section (used while nothing was changed or filtered). */
  initialCounts: InitialSectionCounts;
  /** The view named by the page's query string. */
  initialView: AnnotationViewState;
  viewer: AnnotationViewer | null;
  signInHref: string;
  sections: AnnotationSection[];
  children: ReactNode;
}

/** Where the reader's window scrolls a passage to: a quarter down the viewport. */
const PASSAGE_SCROLL_FRACTION = 0.25;

/** `useSyncExternalStore` helpers that tell the server render (and hydration) from the browser. */
function subscribeToNothing(): () => void {
  return () => undefined;
}
function isInBrowser(): boolean {
  return true;
}
function isOnServer(): boolean {
  return false;
}

/** The callbacks the highlight extension is configured with, pointing at the latest handlers. */
interface HighlightCallbacks {
  setHandlers: (handlers: {
    select: (ids: string[]) => void;
    caret: (ids: string[]) => void;
  }) => void;
  select: (ids: string[]) => void;
  caret: (ids: string[]) => void;
}

/**
 * Stable callbacks for the extension (configured once, when the editor is created) that call
 * whatever handlers the latest render set.
 */
function createHighlightCallbacks(): HighlightCallbacks {
  let handlers = {
    select: (_ids: string[]) => undefined,
    caret: (_ids: string[]) => undefined,
  } as {
    select: (ids: string[]) => void;
    caret: (ids: string[]) => void;
  };
  return {
    setHandlers: (next) => {
      handlers = next;
    },
    select: (ids) => handlers.select(ids),
    caret: (ids) => handlers.caret(ids),
  };
}

/** Inserts or replaces an annotation, keeping document order. */
function upsertAnnotation(list: AnnotationItem[], annotation: AnnotationItem): AnnotationItem[] {
  const rest = list.filter((item) => item.id !== annotation.id);
  return [...rest, annotation].sort(compareInDocumentOrder);
}

/**
 * The annotation layer of the reading view, around the whole article: it holds the annotations
 * and the reader's choices (layer, filters, colours, the active annotation), binds the highlight
 * extension to the read-only editor, runs the server actions, and answers the keyboard shortcut,
 * permalinks (`#annotation-<id>`) and the live region. The sidebar and the contents badges read it
 * with {@link useAnnotationWorkspace}.
 */
export function AnnotationWorkspace({
  articleId,
  revisionId,
  articleSlug,
  initialAnnotations,
  initialCounts,
  initialView,
  viewer,
  signInHref,
  sections,
  children,
}: AnnotationWorkspaceProps) {
  const router = useRouter();
  const [annotations, setAnnotations] = useState(initialAnnotations);
  const [syncedAnnotations, setSyncedAnnotations] = useState(initialAnnotations);
  if (syncedAnnotations !== initialAnnotations) {
    // The server sent fresh data (after an action revalidated the page): it wins.
    setSyncedAnnotations(initialAnnotations);
    setAnnotations(initialAnnotations);
  }
  const [view, setViewState] = useState(initialView);
  const [activeIds, setActiveIds] = useState<string[]>([]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const isEnhanced = useSyncExternalStore(subscribeToNothing, isInBrowser, isOnServer);
  const [isPanelOpen, setPanelOpen] = useState(false);
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [notice, setNotice] = useState<WorkspaceNotice | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focusRequest, setFocusRequest] = useState<{
    id: string;
    /** A passage to scroll the window to once the entry has focus. */
    passageFrom?: number;
    nonce: number;
  } | null>(null);

  const shown = useMemo(() => filterAnnotations(annotations, view), [annotations, view]);
  const tagTones = useMemo(() => assignTagTones(annotations), [annotations]);
  const projection = useMemo<TextProjection | null>(
    () => (editor ? projectDocText(editor.state.doc) : null),
    [editor],
  );

  const isServerState = annotations === initialAnnotations;
  const isDefaultView = view.layer.type === "all" && !hasActiveFilters({ ...view, section: null });
  // Counts follow the layer and filters, but not the section filter (every section keeps its own).
  const sectionCounts = useMemo(
    () =>
      isServerState && isDefaultView
        ? { ...initialCounts.bySection, [LEAD_SECTION]: initialCounts.inLead }
        : countBySection(filterAnnotations(annotations, { ...view, section: null })),
    [isServerState, isDefaultView, initialCounts, annotations, view],
  );

  /** Says `message` in the live region (again, even when it is the same sentence). */
  const announce = useCallback((message: string) => {
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  /** Pieces of one announcement gathered during one task (caret moves say two things at once). */
  const pendingAnnouncementRef = useRef<string[]>([]);
  const queueAnnouncement = useCallback(
    (part: string) => {
      const pending = pendingAnnouncementRef.current;
      pending.push(part);
      if (pending.length === 1) {
        queueMicrotask(() => {
          announce(pendingAnnouncementRef.current.join(" "));
          pendingAnnouncementRef.current = [];
        });
      }
    },
    [announce],
  );

  /** The document range of a placed annotation in the editor, or null. */
  const findPassageRange = useCallback(
    (annotation: AnnotationItem | undefined) => {
      if (!annotation || !projection || isOrphan(annotation)) {
        return null;
      }
      const { start, end } = annotation.anchor ?? {};
      if (typeof start !== "number" || typeof end !== "number") {
        return null;
      }
      return textRangeToDocRange(projection, { start, end });
    },
    [projection],
  );

  /** Scrolls the window so that the passage at `from` sits a quarter down the viewport. */
  const scrollToPassage = useCallback(
    (from: number) => {
      if (!editor) {
        return;
      }
      try {
        const coords = editor.view.coordsAtPos(from);
        window.scrollTo({
          top: Math.max(
            0,
            coords.top + window.scrollY - window.innerHeight * PASSAGE_SCROLL_FRACTION,
          ),
          behavior: "instant",
        });
      } catch {
        // A position the view cannot measure (detached DOM): leave the scroll where it is.
      }
    },
    [editor],
  );

  // Focus an entry of the sidebar once React has rendered it (and then show its passage).
  useEffect(() => {
    if (!focusRequest) {
      return;
    }
    const element = document.getElementById(annotationElementId(focusRequest.id));
    if (element) {
      element.focus({ preventScroll: true });
      element.scrollIntoView({ block: "nearest", behavior: "instant" });
    }
    if (focusRequest.passageFrom !== undefined) {
      scrollToPassage(focusRequest.passageFrom);
    }
  }, [focusRequest, scrollToPassage]);

  const requestCardFocus = useCallback((id: string, passageFrom?: number) => {
    setFocusRequest({ id, passageFrom, nonce: Date.now() });
  }, []);

  const setView = useCallback(
    (next: AnnotationViewState) => {
      setViewState(next);
      const query = viewStateToQuery(next);
      window.history.replaceState(
        window.history.state,
        "",
        `${window.location.pathname}${query}${window.location.hash}`,
      );
      announce(`${countAnnotations(filterAnnotations(annotations, next).length)} shown.`);
    },
    [annotations, announce],
  );

  /** A highlight was clicked: emphasise it and bring its entry into view with focus. */
  const selectAnnotations = useCallback(
    (ids: string[]) => {
      const [first] = ids;
      if (!first) {
        return;
      }
      setActiveIds(ids);
      setPanelOpen(true);
      requestCardFocus(first);
    },
    [requestCardFocus],
  );

  const showPassage = useCallback(
    (id: string) => {
      const annotation = annotations.find((item) => item.id === id);
      const range = findPassageRange(annotation);
      setActiveIds([id]);
      if (!editor || !range) {
        return;
      }
      scrollToPassage(range.from);
      // Head at the start, so that the caret is inside the passage and the live region says so.
      editor.commands.focusTextRange(range);
      setPanelOpen(false);
    },
    [annotations, editor, findPassageRange, scrollToPassage],
  );

  // Draw the shown annotations in the text.
  useEffect(() => {
    if (!editor || !projection || editor.isDestroyed) {
      return;
    }
    const highlights: AnnotationHighlight[] = [];
    for (const annotation of shown) {
      const range = findPassageRange(annotation);
      if (!range) {
        continue;
      }
      highlights.push({
        id: annotation.id,
        from: range.from,
        to: range.to,
        kind: annotation.kind,
        flag: annotation.flag,
        status: annotation.claim?.status ?? null,
        isActive: activeIds.includes(annotation.id),
        tone: annotationTone(annotation, view.colorMode, tagTones),
        glyph: annotationGlyph(annotation),
        description: describeAnnotation(annotation),
        isHidden: annotation.isHidden,
      });
    }
    editor.commands.setAnnotations(highlights);
  }, [editor, projection, shown, activeIds, view.colorMode, tagTones, findPassageRange]);

  // Draw the passage being annotated while the composer is open.
  useEffect(() => {
    if (!editor || editor.isDestroyed) {
      return;
    }
    editor.commands.setAnnotationDraft(
      composer ? { from: composer.passage.from, to: composer.passage.to } : null,
    );
  }, [editor, composer]);

  const openComposer = useCallback(() => {
    if (!viewer) {
      setNotice({ text: "Sign in to annotate.", href: signInHref, linkText: "Sign in" });
      setPanelOpen(true);
      announce("Sign in to annotate.");
      return;
    }
    if (!viewer.canAnnotate) {
      announce("Your account can read annotations but not add them.");
      return;
    }
    if (!editor || !projection) {
      return;
    }
    const { from, to } = editor.state.selection;
    const result = describeSelection(projection, from, to);
    if ("problem" in result) {
      const text =
        result.problem === "too-long"
          ? "The selection is too long to annotate; select at most 5,000 characters."
          : "Select a passage in the text first (with the mouse, or with Shift and the arrow keys), then choose Annotate.";
      setNotice({ text });
      setPanelOpen(true);
      announce(text);
      return;
    }
    setNotice(null);
    setPanelOpen(true);
    setComposer((previous) => ({ passage: result.passage, key: (previous?.key ?? 0) + 1 }));
  }, [announce, editor, projection, signInHref, viewer]);

  const closeComposer = useCallback(() => {
    setComposer(null);
  }, []);

  const createAnnotation = useCallback(
    async (fields: AnnotationFields): Promise<AnnotationActionState> => {
      if (!composer) {
        return { status: "error", message: "Select a passage first." };
      }
      const state = await createAnnotationAction({
        articleId,
        revisionId,
        target: composer.passage.target,
        ...fields,
      });
      if (state.status === "success" && state.annotation) {
        const created = state.annotation;
        setAnnotations((list) => upsertAnnotation(list, created));
        setComposer(null);
        setActiveIds([created.id]);
        // A new annotation the current filters would hide is still shown: clear them.
        if (filterAnnotations([created], view).length === 0) {
          setView({ ...DEFAULT_VIEW_STATE, colorMode: view.colorMode });
        }
        requestCardFocus(created.id);
        announce(`Annotation created: ${annotationTypeLabel(created)}.`);
      }
      return state;
    },
    [announce, articleId, composer, requestCardFocus, revisionId, setView, view],
  );

  const updateAnnotation = useCallback(
    async (
      annotation: AnnotationItem,
      fields: AnnotationFields,
      expectedVersion: number,
    ): Promise<AnnotationActionState> => {
      const state = await updateAnnotationAction({ id: annotation.id, expectedVersion, ...fields });
      if (state.status === "success" && state.annotation) {
        const updated = state.annotation;
        setAnnotations((list) => upsertAnnotation(list, updated));
        requestCardFocus(updated.id);
        announce("Annotation updated.");
      } else if (state.code === "CONFLICT") {
        // Fetch the version someone else saved; the form keeps the reader's text.
        router.refresh();
        announce(state.message ?? "This annotation was changed by someone else.");
      }
      return state;
    },
    [announce, requestCardFocus, router],
  );

  const deleteAnnotation = useCallback(
    async (annotation: AnnotationItem): Promise<AnnotationActionState> => {
      const state = await deleteAnnotationAction({
        id: annotation.id,
        expectedVersion: annotation.version,
      });
      if (state.status === "success") {
        setAnnotations((list) => list.filter((item) => item.id !== annotation.id));
        setActiveIds((ids) => ids.filter((id) => id !== annotation.id));
        announce("Annotation deleted.");
        document.getElementById(ANNOTATIONS_PANEL_ID)?.focus({ preventScroll: true });
      }
      return state;
    },
    [announce],
  );

  const hideAnnotation = useCallback(
    async (annotation: AnnotationItem, reason: string): Promise<AnnotationActionState> => {
      const state = await hideAnnotationAction({
        id: annotation.id,
        reason: reason.trim() === "" ? undefined : reason,
      });
      if (state.status === "success" && state.annotation) {
        const hidden = state.annotation;
        setAnnotations((list) => upsertAnnotation(list, hidden));
        requestCardFocus(hidden.id);
        announce("Annotation hidden from everyone but moderators.");
      }
      return state;
    },
    [announce, requestCardFocus],
  );

  const unhideAnnotation = useCallback(
    async (annotation: AnnotationItem): Promise<AnnotationActionState> => {
      const state = await unhideAnnotationAction({ id: annotation.id });
      if (state.status === "success" && state.annotation) {
        const shownAgain = state.annotation;
        setAnnotations((list) => upsertAnnotation(list, shownAgain));
        requestCardFocus(shownAgain.id);
        announce("Annotation shown again.");
      }
      return state;
    },
    [announce, requestCardFocus],
  );

  const reattachAnnotation = useCallback(
    async (annotation: AnnotationItem): Promise<AnnotationActionState> => {
      if (!editor || !projection) {
        return { status: "error", message: "The text is still loading; try again in a moment." };
      }
      const { from, to } = editor.state.selection;
      const result = describeSelection(projection, from, to);
      if ("problem" in result) {
        return {
          status: "error",
          message:
            result.problem === "too-long"
              ? "The selection is too long; select at most 5,000 characters."
              : "Select the new passage in the text first, then press “Re-attach here”.",
        };
      }
      const state = await reattachAnnotationAction({
        id: annotation.id,
        revisionId,
        target: result.passage.target,
      });
      if (state.status === "success" && state.annotation) {
        const placed = state.annotation;
        setAnnotations((list) => upsertAnnotation(list, placed));
        setActiveIds([placed.id]);
        requestCardFocus(placed.id);
        announce("Annotation re-attached to the selected passage.");
      }
      return state;
    },
    [announce, editor, projection, requestCardFocus, revisionId],
  );

  // Permalinks: `#annotation-<id>` scrolls to the passage and focuses the entry.
  const showLinkedAnnotation = useCallback(() => {
    const id = readAnnotationHash(window.location.hash);
    if (!id) {
      return;
    }
    const annotation = annotations.find((item) => item.id === id);
    if (!annotation) {
      setNotice({
        text: "The linked annotation is not available: it may have been deleted or hidden, or be in a layer you cannot see.",
      });
      setPanelOpen(true);
      return;
    }
    if (filterAnnotations([annotation], view).length === 0) {
      setView({ ...DEFAULT_VIEW_STATE, colorMode: view.colorMode });
    }
    setActiveIds([id]);
    setPanelOpen(true);
    requestCardFocus(id, findPassageRange(annotation)?.from);
  }, [annotations, findPassageRange, requestCardFocus, setView, view]);
  const showLinkedAnnotationRef = useRef(showLinkedAnnotation);
  useEffect(() => {
    showLinkedAnnotationRef.current = showLinkedAnnotation;
  }, [showLinkedAnnotation]);
  const isEditorReady = editor !== null && projection !== null;
  useEffect(() => {
    if (!isEditorReady) {
      return;
    }
    // Once when the text can be measured (the page was opened from a permalink), then on every
    // change of the fragment (a permalink followed on this page).
    showLinkedAnnotationRef.current();
    const handleHashChange = () => showLinkedAnnotationRef.current();
    window.addEventListener("hashchange", handleHashChange);
    return () => window.removeEventListener("hashchange", handleHashChange);
  }, [isEditorReady]);

  // Alt+Shift+A anywhere on the page opens the composer for the text's selection.
  const openComposerRef = useRef(openComposer);
  useEffect(() => {
    openComposerRef.current = openComposer;
  }, [openComposer]);
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (
        event.altKey &&
        event.shiftKey &&
        !event.ctrlKey &&
        !event.metaKey &&
        event.code === "KeyA"
      ) {
        event.preventDefault();
        openComposerRef.current();
      }
    };
    document.addEventListener("keydown", handleKeyDown);
    return () => document.removeEventListener("keydown", handleKeyDown);
  }, []);

  // Keyboard reading: say which section the caret entered, with its count, and which
  // annotations it is in.
  const caretStateRef = useRef({ section: "" });
  const shownRef = useRef(shown);
  const sectionCountsRef = useRef(sectionCounts);
  useEffect(() => {
    shownRef.current = shown;
    sectionCountsRef.current = sectionCounts;
  }, [shown, sectionCounts]);
  const isPointerDownRef = useRef(false);
  useEffect(() => {
    const handlePointerDown = () => {
      isPointerDownRef.current = true;
    };
    const handlePointerUp = () => {
      isPointerDownRef.current = false;
    };
    document.addEventListener("pointerdown", handlePointerDown, true);
    document.addEventListener("pointerup", handlePointerUp, true);
    return () => {
      document.removeEventListener("pointerdown", handlePointerDown, true);
      document.removeEventListener("pointerup", handlePointerUp, true);
    };
  }, []);
  const handleCaretAnnotationsChange = useCallback(
    (ids: string[]) => {
      // While the mouse selects, leave the text alone (the click handler selects annotations).
      if (ids.length === 0 || isPointerDownRef.current) {
        return;
      }
      setActiveIds(ids);
      const descriptions = ids
        .map((id) => shownRef.current.find((annotation) => annotation.id === id))
        .filter((annotation): annotation is AnnotationItem => annotation !== undefined)
        .map(describeAnnotation);
      queueAnnouncement(`Annotated passage. ${descriptions.join(" ")}`);
    },
    [queueAnnouncement],
  );
  useEffect(() => {
    if (!editor) {
      return;
    }
    const handleSelectionUpdate = () => {
      if (!editor.view.hasFocus() || isPointerDownRef.current) {
        return;
      }
      const anchor = findSectionAt(editor.state.doc, editor.state.selection.head);
      const key = anchor ?? LEAD_SECTION;
      if (key === caretStateRef.current.section) {
        return;
      }
      caretStateRef.current.section = key;
      const title = anchor
        ? (sections.find((section) => section.anchor === anchor)?.title ?? anchor)
        : "Introduction";
      const count = sectionCountsRef.current[key] ?? 0;
      queueAnnouncement(`${title}: ${countAnnotations(count)} in this section.`);
    };
    editor.on("selectionUpdate", handleSelectionUpdate);
    return () => {
      editor.off("selectionUpdate", handleSelectionUpdate);
    };
  }, [editor, queueAnnouncement, sections]);

  // The highlight extension, created once: its callbacks call the latest handlers.
  const [highlightCallbacks] = useState(createHighlightCallbacks);
  useEffect(() => {
    highlightCallbacks.setHandlers({
      select: selectAnnotations,
      caret: handleCaretAnnotationsChange,
    });
  }, [highlightCallbacks, selectAnnotations, handleCaretAnnotationsChange]);
  const binding = useMemo<ArticleEditorBinding>(
    () => ({
      extensions: [
        AnnotationHighlights.configure({
          onSelectAnnotation: highlightCallbacks.select,
          onCaretAnnotationsChange: highlightCallbacks.caret,
        }),
      ],
      attributes: {
        "aria-describedby": KEYBOARD_HINT_ID,
        ...(viewer?.canAnnotate ? { "aria-keyshortcuts": ANNOTATE_SHORTCUT } : {}),
      },
      onEditorChange: setEditor,
    }),
    [highlightCallbacks, viewer?.canAnnotate],
  );

  const value = useMemo<AnnotationWorkspaceValue>(
    () => ({
      articleId,
      revisionId,
      articleSlug,
      viewer,
      signInHref,
      sections,
      annotations,
      shown,
      view,
      setView,
      tagTones,
      sectionCounts,
      activeIds,
      isEnhanced,
      isEditorReady: editor !== null,
      isPanelOpen,
      setPanelOpen,
      composer,
      notice,
      openComposer,
      closeComposer,
      createAnnotation,
      updateAnnotation,
      deleteAnnotation,
      hideAnnotation,
      unhideAnnotation,
      reattachAnnotation,
      showPassage,
      refresh: () => router.refresh(),
      announce,
    }),
    [
      activeIds,
      annotations,
      announce,
      articleId,
      articleSlug,
      closeComposer,
      composer,
      createAnnotation,
      deleteAnnotation,
      editor,
      hideAnnotation,
      isEnhanced,
      isPanelOpen,
      notice,
      openComposer,
      reattachAnnotation,
      revisionId,
      router,
      sectionCounts,
      sections,
      setView,
      showPassage,
      shown,
      signInHref,
      tagTones,
      unhideAnnotation,
      updateAnnotation,
      view,
      viewer,
    ],
  );

  return (
    <AnnotationWorkspaceContext.Provider value={value}>
      <ArticleEditorBindingContext.Provider value={binding}>
        {children}
        <p id={KEYBOARD_HINT_ID} hidden>
          {viewer?.canAnnotate
            ? "Use the arrow keys to move through the text and Shift with the arrow keys to select a passage. Press Alt+Shift+A to annotate the selection."
            : "Use the arrow keys to move through the text and Shift with the arrow keys to select."}
        </p>
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
        {viewer?.canAnnotate && editor && !composer ? (
          <AnnotationAdder editor={editor} onAnnotate={openComposer} />
        ) : null}
      </ArticleEditorBindingContext.Provider>
    </AnnotationWorkspaceContext.Provider>
  );
}
