"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useState } from "react";

import styles from "./annotations.module.css";

/** Props of {@link AnnotationAdder}. */
export interface AnnotationAdderProps {
  /** The read-only article editor whose selection is annotated. */
  editor: Editor;
  /** Opens the composer for the selection. */
  onAnnotate: () => void;
}

/** Pixels between the end of the selection and the button. */
const GAP = 6;

/** Where the button goes, in page coordinates, or null while there is nothing to annotate. */
interface AdderPosition {
  top: number;
  left: number;
}

/**
 * The floating "Annotate" button that appears under a passage selected in the article text, as
 * in Hypothesis. It follows the DOM selection (not the editor's last one), hides while the mouse
 * is still selecting, and shows the keyboard shortcut that does the same.
 */
export function AnnotationAdder({ editor, onAnnotate }: AnnotationAdderProps) {
  const [position, setPosition] = useState<AdderPosition | null>(null);

  useEffect(() => {
    let isPointerDown = false;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const selection = document.getSelection();
        const root = editor.view.dom;
        if (
          isPointerDown ||
          !selection ||
          selection.isCollapsed ||
          selection.rangeCount === 0 ||
          !root.contains(selection.anchorNode) ||
          !root.contains(selection.focusNode)
        ) {
          setPosition(null);
          return;
        }
        const rects = selection.getRangeAt(0).getClientRects();
        const last = rects[rects.length - 1];
        if (!last) {
          setPosition(null);
          return;
        }
        const rootRect = root.getBoundingClientRect();
        setPosition({
          top: last.bottom + window.scrollY + GAP,
          left:
            Math.max(rootRect.left, Math.min(last.right - 48, rootRect.right - 140)) +
            window.scrollX,
        });
      });
    };
    const handlePointerDown = (event: PointerEvent) => {
      if (event.target instanceof Element && event.target.closest("[data-annotation-adder]")) {
        return;
      }
      isPointerDown = true;
      setPosition(null);
    };
    const handlePointerUp = () => {
      isPointerDown = false;
      update();
    };
    document.addEventListener("selectionchange", update);
    document.addEventListener("pointerdown", handlePointerDown, true);
    document.addEventListener("pointerup", handlePointerUp, true);
    window.addEventListener("resize", update);
    update();
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("selectionchange", update);
      document.removeEventListener("pointerdown", handlePointerDown, true);
      document.removeEventListener("pointerup", handlePointerUp, true);
      window.removeEventListener("resize", update);
    };
  }, [editor]);

  if (!position) {
    return null;
  }
  return (
    <button
      type="button"
      className={styles.adder}
      style={{ top: position.top, left: position.left }}
      data-annotation-adder=""
      aria-keyshortcuts="Alt+Shift+A"
      onMouseDown={(event) => event.preventDefault()}
      onClick={onAnnotate}
    >
      <span aria-hidden="true" className={styles.adderIcon}>
        ✎
      </span>
      Annotate
      <kbd className={styles.adderKeys} aria-hidden="true">
        Alt+Shift+A
      </kbd>
    </button>
  );
}
