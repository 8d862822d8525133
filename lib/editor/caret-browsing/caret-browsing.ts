/**
 * Caret browsing for a read-only editor: the text can be focused and read, and passages selected,
 * with the keyboard alone. Browsers only move a caret through editable text (or with the user's
 * own caret-browsing mode), and a read-only ProseMirror view is `contenteditable="false"`, so
 * this extension does it itself:
 *
 * - the root is focusable (`tabindex="0"`); tabbing in puts the caret at the start of the first
 *   line in view;
 * - arrow keys move the caret, Shift+arrows extend the selection, Ctrl (Alt on macOS) moves by
 *   word or paragraph, Home/End to the line's ends, Ctrl+Home/End to the text's ends; Mod+A
 *   selects the whole text (not the whole page); Escape collapses the selection;
 * - a caret is drawn (browsers draw none in non-editable text) while the root has focus.
 *
 * The native `Selection.modify` does the moving, so lines, words and bidirectional text (Pashto)
 * move as the browser lays them out; ProseMirror reads the resulting DOM selection as it does for
 * mouse selections. Nothing happens while the view is editable: ProseMirror's own keys apply then.
 */

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/** Options of {@link CaretBrowsing}. */
export interface CaretBrowsingOptions {
  /** Class of the drawn caret element (appended to `<body>`, styled by the app). */
  caretClassName: string;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    caretBrowsing: {
      /**
       * Focuses the read-only text (without scrolling) and selects `from`–`to` with the head at
       * `from`, so that keyboard reading and selecting continue from the start of that passage.
       * @example editor.commands.focusTextRange({ from: 120, to: 180 })
       */
      focusTextRange: (range: { from: number; to: number }) => ReturnType;
    };
  }
}

/** The plugin's key. */
export const caretBrowsingKey = new PluginKey("caretBrowsing");

/** Pixels kept between a moved caret and the viewport's top and bottom edges. */
const SCROLL_MARGIN = 48;

/** Arguments for `Selection.modify`. */
type ModifyGranularity = "character" | "word" | "line" | "paragraph" | "lineboundary";

/**
 * The global object of the document the view is displayed in (its `defaultView`). Reached through
 * the view, never as a global, so that this module stays importable where there is no browser
 * (lib/editor is shared with the server).
 */
function viewWindow(view: EditorView): Window {
  const win = view.dom.ownerDocument.defaultView;
  if (!win) {
    throw new Error("caret browsing needs a view attached to a displayed document");
  }
  return win;
}

/** True when the node is inside the view's content. */
function isInView(view: EditorView, node: Node | null): boolean {
  return node !== null && view.dom.contains(node);
}

/** The first and last text positions of the document, or null for a document without text. */
function findTextBounds(view: EditorView): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  view.state.doc.descendants((node, pos) => {
    if (node.isText) {
      if (first === -1) {
        first = pos;
      }
      last = pos + node.nodeSize;
    }
    return true;
  });
  return first === -1 ? null : { first, last };
}

/** Sets the DOM selection (ProseMirror reads it back on `selectionchange`). */
function setDomSelection(view: EditorView, anchor: number, head: number): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection) {
    return;
  }
  const anchorDom = view.domAtPos(anchor);
  const headDom = view.domAtPos(head);
  selection.setBaseAndExtent(anchorDom.node, anchorDom.offset, headDom.node, headDom.offset);
}

/**
 * The position where reading starts: the first line in view of the first textblock in the left
 * half of the text (so a floated infobox beside the lead is skipped), or the start of that block
 * when the text begins below the top of the viewport. Measured from layout, not from the pointer,
 * so it works while the page is still scrolling the focused text into view.
 */
function findReadingStart(view: EditorView): number | null {
  const rect = view.dom.getBoundingClientRect();
  const visibleTop = Math.max(rect.top, 0);
  let target: number | null = null;
  view.state.doc.descendants((node, pos) => {
    if (target !== null) {
      return false;
    }
    if (!node.isTextblock) {
      return true;
    }
    const dom = view.nodeDOM(pos);
    if (node.content.size === 0 || !(dom instanceof HTMLElement)) {
      return false;
    }
    const box = dom.getBoundingClientRect();
    if (box.bottom <= visibleTop + 2 || box.left > rect.left + rect.width / 2) {
      return false;
    }
    const isCut = box.top < visibleTop && visibleTop + 8 < viewWindow(view).innerHeight;
    const found = isCut ? view.posAtCoords({ left: box.left + 2, top: visibleTop + 8 }) : null;
    target = found ? found.pos : pos + 1;
    return false;
  });
  return target;
}

/** Puts a collapsed caret at the start of the first line of text in view (or of the text). */
function placeCaretInView(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection();
  const bounds = findTextBounds(view);
  if (!selection || !bounds) {
    return;
  }
  const pos = Math.min(Math.max(findReadingStart(view) ?? bounds.first, bounds.first), bounds.last);
  const $pos = view.state.doc.resolve(pos);
  const target = $pos.parent.inlineContent ? pos : TextSelection.near($pos, 1).from;
  setDomSelection(view, target, target);
  // A position found by coordinates can be inside a word; start at the beginning of its line.
  selection.modify("move", "backward", "lineboundary");
  if (!isInView(view, selection.focusNode)) {
    setDomSelection(view, target, target);
  }
}

/** Puts a caret in the first line in view unless the DOM selection is already inside the view. */
function ensureCaret(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (selection && selection.rangeCount > 0 && isInView(view, selection.focusNode)) {
    return;
  }
  placeCaretInView(view);
}

/**
 * After keyboard focus: keeps a passage the reader selected before, or a caret they placed that is
 * on screen; anything else (ProseMirror's initial selection at the very start of the document, a
 * caret scrolled far away) is replaced by a caret at the first line in view.
 */
function placeCaretOnFocus(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (selection && selection.rangeCount > 0 && isInView(view, selection.focusNode)) {
    if (!selection.isCollapsed) {
      return;
    }
    const rect = findCaretRect(view);
    const isOnScreen =
      rect !== null && rect.top >= 0 && rect.top + rect.height <= viewWindow(view).innerHeight;
    const isAtDocumentStart = view.state.selection.head === findTextBounds(view)?.first;
    if (isOnScreen && !isAtDocumentStart) {
      return;
    }
  }
  placeCaretInView(view);
}

/** The caret's rectangle on screen, from the DOM selection or ProseMirror's coordinates. */
function findCaretRect(view: EditorView): { left: number; top: number; height: number } | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || !isInView(view, selection.focusNode)) {
    return null;
  }
  const range = view.dom.ownerDocument.createRange();
  range.setStart(selection.focusNode as Node, selection.focusOffset);
  range.collapse(true);
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  if (rect && rect.height > 0) {
    return { left: rect.left, top: rect.top, height: rect.height };
  }
  try {
    const coords = view.coordsAtPos(view.state.selection.head);
    return { left: coords.left, top: coords.top, height: coords.bottom - coords.top };
  } catch {
    return null;
  }
}

/** Scrolls the page just enough to show the caret with {@link SCROLL_MARGIN} around it. */
function scrollCaretIntoView(view: EditorView): void {
  const rect = findCaretRect(view);
  if (!rect) {
    return;
  }
  if (rect.top < SCROLL_MARGIN) {
    viewWindow(view).scrollBy({ top: rect.top - SCROLL_MARGIN, behavior: "instant" });
  } else if (rect.top + rect.height > viewWindow(view).innerHeight - SCROLL_MARGIN) {
    viewWindow(view).scrollBy({
      top: rect.top + rect.height - viewWindow(view).innerHeight + SCROLL_MARGIN,
      behavior: "instant",
    });
  }
}

/** Moves or extends the DOM selection; reverts when that would leave the view. */
function modifySelection(
  view: EditorView,
  alter: "move" | "extend",
  direction: "forward" | "backward" | "left" | "right",
  granularity: ModifyGranularity,
): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection) {
    return;
  }
  ensureCaret(view);
  const before = {
    anchorNode: selection.anchorNode,
    anchorOffset: selection.anchorOffset,
    focusNode: selection.focusNode,
    focusOffset: selection.focusOffset,
  };
  selection.modify(alter, direction, granularity);
  if (!isInView(view, selection.focusNode) || !isInView(view, selection.anchorNode)) {
    if (before.anchorNode && before.focusNode) {
      selection.setBaseAndExtent(
        before.anchorNode,
        before.anchorOffset,
        before.focusNode,
        before.focusOffset,
      );
    }
  }
  scrollCaretIntoView(view);
}

/** Moves the head to the first or last text position; the anchor stays when extending. */
function moveToTextEdge(view: EditorView, edge: "start" | "end", isExtending: boolean): void {
  const bounds = findTextBounds(view);
  if (!bounds) {
    return;
  }
  const head = edge === "start" ? bounds.first : bounds.last;
  const anchor = isExtending ? view.state.selection.anchor : head;
  setDomSelection(view, anchor, head);
  scrollCaretIntoView(view);
}

/** Views focused from the keyboard whose caret has not been placed yet (it waits a frame). */
const pendingFocusCarets = new WeakMap<EditorView, { left: number; top: number }>();

/**
 * Places the caret of a keyboard focus now, if it is still waiting. Browsers scroll a focused
 * element that is out of view to its middle, which for a whole article means pages away from
 * where the reader was; the scroll is put back and only the caret's line is brought into view.
 */
function flushFocusCaret(view: EditorView): void {
  const scroll = pendingFocusCarets.get(view);
  if (!scroll) {
    return;
  }
  pendingFocusCarets.delete(view);
  if (view.dom.ownerDocument.activeElement !== view.dom) {
    return;
  }
  viewWindow(view).scrollTo({ left: scroll.left, top: scroll.top, behavior: "instant" });
  placeCaretOnFocus(view);
  scrollCaretIntoView(view);
}

/** Handles a key in the read-only view; true when it was a caret key. */
function handleCaretKey(view: EditorView, event: KeyboardEvent): boolean {
  if (view.editable || event.defaultPrevented || event.isComposing) {
    return false;
  }
  flushFocusCaret(view);
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  const isWordModifier = isMac ? event.altKey : event.ctrlKey;
  const isDocModifier = isMac ? event.metaKey : event.ctrlKey;
  const alter = event.shiftKey ? "extend" : "move";

  switch (event.key) {
    case "ArrowLeft":
    case "ArrowRight": {
      if (event.altKey && !isMac) {
        // Alt+Left/Right is the browser's history navigation.
        return false;
      }
      const direction = event.key === "ArrowLeft" ? "left" : "right";
      const granularity =
        isMac && event.metaKey ? "lineboundary" : isWordModifier ? "word" : "character";
      modifySelection(view, alter, direction, granularity);
      break;
    }
    case "ArrowUp":
    case "ArrowDown": {
      const direction = event.key === "ArrowUp" ? "backward" : "forward";
      if (isMac && event.metaKey) {
        moveToTextEdge(view, event.key === "ArrowUp" ? "start" : "end", event.shiftKey);
      } else {
        modifySelection(view, alter, direction, isWordModifier ? "paragraph" : "line");
      }
      break;
    }
    case "Home":
    case "End": {
      if (isDocModifier) {
        moveToTextEdge(view, event.key === "Home" ? "start" : "end", event.shiftKey);
      } else {
        modifySelection(view, alter, event.key === "Home" ? "backward" : "forward", "lineboundary");
      }
      break;
    }
    case "a":
    case "A": {
      if (!(isMac ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey) {
        return false;
      }
      const bounds = findTextBounds(view);
      if (bounds) {
        setDomSelection(view, bounds.first, bounds.last);
      }
      break;
    }
    case "Escape": {
      const selection = view.dom.ownerDocument.getSelection();
      if (!selection || selection.isCollapsed || !isInView(view, selection.focusNode)) {
        return false;
      }
      selection.collapse(selection.focusNode, selection.focusOffset);
      break;
    }
    default:
      return false;
  }
  event.preventDefault();
  return true;
}

/** Draws the caret while the view has focus and the selection is collapsed inside it. */
class CaretView {
  private readonly caret: HTMLElement;
  private frame = 0;
  private isPointerDown = false;

  constructor(
    private view: EditorView,
    className: string,
  ) {
    const doc = view.dom.ownerDocument;
    this.caret = doc.createElement("div");
    this.caret.className = className;
    this.caret.setAttribute("aria-hidden", "true");
    this.caret.hidden = true;
    doc.body.appendChild(this.caret);
    doc.addEventListener("selectionchange", this.schedule);
    viewWindow(view).addEventListener("resize", this.schedule);
    view.dom.addEventListener("focus", this.handleFocus);
    view.dom.addEventListener("blur", this.schedule);
    view.dom.addEventListener("pointerdown", this.handlePointerDown);
    doc.addEventListener("pointerup", this.handlePointerUp);
  }

  update(view: EditorView): void {
    this.view = view;
    this.schedule();
  }

  destroy(): void {
    const doc = this.view.dom.ownerDocument;
    cancelAnimationFrame(this.frame);
    doc.removeEventListener("selectionchange", this.schedule);
    viewWindow(this.view).removeEventListener("resize", this.schedule);
    this.view.dom.removeEventListener("focus", this.handleFocus);
    this.view.dom.removeEventListener("blur", this.schedule);
    this.view.dom.removeEventListener("pointerdown", this.handlePointerDown);
    doc.removeEventListener("pointerup", this.handlePointerUp);
    this.caret.remove();
  }

  private readonly handlePointerDown = () => {
    this.isPointerDown = true;
  };

  private readonly handlePointerUp = () => {
    this.isPointerDown = false;
  };

  /**
   * Focus from the keyboard gets a caret at the first line in view; a click places its own. The
   * caret is placed a frame later, once the browser has scrolled the focused text into view.
   */
  private readonly handleFocus = () => {
    if (!this.isPointerDown && !this.view.editable) {
      const view = this.view;
      pendingFocusCarets.set(view, {
        left: viewWindow(view).scrollX,
        top: viewWindow(view).scrollY,
      });
      requestAnimationFrame(() => flushFocusCaret(view));
    }
    this.schedule();
  };

  private readonly schedule = () => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.draw());
  };

  private draw(): void {
    const { view, caret } = this;
    const doc = view.dom.ownerDocument;
    const selection = doc.getSelection();
    const isShown =
      !view.editable &&
      doc.activeElement === view.dom &&
      selection !== null &&
      selection.isCollapsed &&
      isInView(view, selection.focusNode);
    const rect = isShown ? findCaretRect(view) : null;
    if (!rect) {
      caret.hidden = true;
      return;
    }
    caret.style.left = `${rect.left + viewWindow(view).scrollX}px`;
    caret.style.top = `${rect.top + viewWindow(view).scrollY}px`;
    caret.style.height = `${rect.height}px`;
    caret.hidden = false;
    // Restart the blink so the caret is solid right after it moves.
    for (const animation of caret.getAnimations()) {
      animation.currentTime = 0;
    }
  }
}

/**
 * Keyboard reading and selecting in a read-only editor; see the module comment. Add it to the
 * reader's extension list; it does nothing while the editor is editable.
 */
export const CaretBrowsing = Extension.create<CaretBrowsingOptions>({
  name: "caretBrowsing",

  addOptions() {
    return { caretClassName: "reader-caret" };
  },

  addCommands() {
    return {
      focusTextRange:
        ({ from, to }) =>
        ({ tr, view, dispatch }) => {
          if (from < 0 || to > tr.doc.content.size || to < from) {
            return false;
          }
          if (dispatch) {
            tr.setSelection(TextSelection.create(tr.doc, to, from));
            view.dom.focus({ preventScroll: true });
            // The passage is the caret's place: no first-line-in-view caret for this focus.
            pendingFocusCarets.delete(view);
            setDomSelection(view, to, from);
          }
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const { caretClassName } = this.options;
    return [
      new Plugin({
        key: caretBrowsingKey,
        props: {
          attributes: { tabindex: "0" },
          handleDOMEvents: {
            keydown: (view, event) => handleCaretKey(view, event),
          },
        },
        view: (view) => new CaretView(view, caretClassName),
      }),
    ];
  },
});
