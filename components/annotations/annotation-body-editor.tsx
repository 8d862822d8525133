"use client";

import type { Editor, Extensions, JSONContent } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from "react";

import {
  annotationBodyExtensions,
  isAllowedAnnotationHref,
} from "@/lib/editor/annotation-body/annotation-body-extensions";

import styles from "./annotations.module.css";

/** Props of {@link AnnotationBodyEditor}. */
export interface AnnotationBodyEditorProps {
  /** The visible label ("Note"). */
  label: string;
  /** The starting content (an edit's current body); empty for a new annotation. */
  initialContent?: JSONContent;
  /** Called with the editor once it exists, so the form can read its JSON on submit. */
  onEditorChange: (editor: Editor | null) => void;
  /** A hint under the label. */
  hint?: string;
  /** The field's error from the server. */
  error?: string;
  /** Submits the form (Mod+Enter). */
  onSubmitShortcut?: () => void;
  /**
   * The body extensions, configured for this editor (the dispute thread adds @mention
   * suggestions); by default the shared list. Must build the same schema. Read once.
   */
  extensions?: Extensions;
  /** Extra attributes of the editable root (a suggestion popup's `aria-activedescendant`). */
  editableAttributes?: Record<string, string>;
}

/** One formatting button of the toolbar. */
interface ToolbarButton {
  name: string;
  label: string;
  glyph: ReactNode;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

/** Asks for a link address (or, with an empty answer, removes the link). */
function editLink(editor: Editor): void {
  const previous = (editor.getAttributes("link").href as string | undefined) ?? "";
  const answer = window.prompt("Link address (http, https or mailto):", previous);
  if (answer === null) {
    return;
  }
  const href = answer.trim();
  if (href === "") {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    return;
  }
  if (!isAllowedAnnotationHref(href)) {
    window.alert("Links must be full http, https or mailto addresses.");
    return;
  }
  editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
}

const TOOLBAR: readonly ToolbarButton[] = [
  {
    name: "bold",
    label: "Bold",
    glyph: "B",
    isActive: (editor) => editor.isActive("bold"),
    run: (editor) => editor.chain().focus().toggleBold().run(),
  },
  {
    name: "italic",
    label: "Italic",
    glyph: "I",
    isActive: (editor) => editor.isActive("italic"),
    run: (editor) => editor.chain().focus().toggleItalic().run(),
  },
  {
    name: "link",
    label: "Link",
    glyph: (
      <svg
        viewBox="0 0 16 16"
        width="14"
        height="14"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
      >
        <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8" />
      </svg>
    ),
    isActive: (editor) => editor.isActive("link"),
    run: editLink,
  },
  {
    name: "blockquote",
    label: "Quotation",
    glyph: "❝",
    isActive: (editor) => editor.isActive("blockquote"),
    run: (editor) => editor.chain().focus().toggleBlockquote().run(),
  },
  {
    name: "bulletList",
    label: "Bulleted list",
    glyph: (
      <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor">
        <circle cx="2.5" cy="4" r="1.5" />
        <circle cx="2.5" cy="8" r="1.5" />
        <circle cx="2.5" cy="12" r="1.5" />
        <rect x="6" y="3.25" width="9" height="1.5" />
        <rect x="6" y="7.25" width="9" height="1.5" />
        <rect x="6" y="11.25" width="9" height="1.5" />
      </svg>
    ),
    isActive: (editor) => editor.isActive("bulletList"),
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
  },
  {
    name: "orderedList",
    label: "Numbered list",
    glyph: (
      <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor">
        <rect x="2" y="2" width="1.5" height="4" />
        <rect x="1.25" y="9" width="3" height="1.2" />
        <rect x="3" y="10.2" width="1.2" height="2" />
        <rect x="1.25" y="12.2" width="3" height="1.2" />
        <rect x="6" y="3.25" width="9" height="1.5" />
        <rect x="6" y="7.25" width="9" height="1.5" />
        <rect x="6" y="11.25" width="9" height="1.5" />
      </svg>
    ),
    isActive: (editor) => editor.isActive("orderedList"),
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
  },
];

/**
 * The rich-text field of an annotation's note: a Tiptap editor with the body extensions (bold,
 * italic, links, quotations, lists) and a toolbar of toggle buttons. The editable root is a
 * labelled multi-line textbox, linked to its hint and error like the other fields.
 */
export function AnnotationBodyEditor({
  label,
  initialContent,
  onEditorChange,
  hint,
  error,
  onSubmitShortcut,
  extensions = annotationBodyExtensions,
  editableAttributes,
}: AnnotationBodyEditorProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ");

  const editor = useEditor({
    extensions,
    content: initialContent ?? { type: "doc", content: [{ type: "paragraph" }] },
    immediatelyRender: false,
    injectCSS: false,
    editorProps: {
      attributes: {
        class: styles.bodyInput ?? "",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": "true" } : {}),
        ...editableAttributes,
      },
      handleKeyDown: (_view, event) => {
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && onSubmitShortcut) {
          event.preventDefault();
          onSubmitShortcut();
          return true;
        }
        return false;
      },
    },
  });

  useEffect(() => {
    onEditorChange(editor);
    return () => onEditorChange(null);
  }, [editor, onEditorChange]);

  // The toolbar is one tab stop; the arrow keys move between its buttons (ARIA toolbar pattern).
  const [toolbarIndex, setToolbarIndex] = useState(0);
  function handleToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: toolbarIndex + 1,
      ArrowLeft: toolbarIndex - 1,
      Home: 0,
      End: TOOLBAR.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) {
      return;
    }
    event.preventDefault();
    const index = (next + TOOLBAR.length) % TOOLBAR.length;
    setToolbarIndex(index);
    const buttons = event.currentTarget.querySelectorAll<HTMLButtonElement>("button");
    buttons[index]?.focus();
  }

  const activeStates = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current ? TOOLBAR.map((button) => button.isActive(current)) : TOOLBAR.map(() => false),
  });

  return (
    <div className={styles.field}>
      <span id={labelId} className={styles.label}>
        {label}
      </span>
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      <div className={styles.bodyEditor} data-invalid={error ? "" : undefined}>
        <div
          className={styles.toolbar}
          role="toolbar"
          aria-label={`${label} formatting`}
          onKeyDown={handleToolbarKeyDown}
        >
          {TOOLBAR.map((button, index) => (
            <button
              key={button.name}
              type="button"
              tabIndex={index === toolbarIndex ? 0 : -1}
              onFocus={() => setToolbarIndex(index)}
              className={styles.toolbarButton}
              aria-pressed={activeStates?.[index] ?? false}
              aria-label={button.label}
              title={button.label}
              disabled={!editor}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                if (editor) {
                  button.run(editor);
                }
              }}
            >
              <span aria-hidden="true" className={styles[`glyph-${button.name}`]}>
                {button.glyph}
              </span>
            </button>
          ))}
        </div>
        {editor ? (
          <EditorContent editor={editor} />
        ) : (
          <div className={styles.bodyInput} aria-hidden="true" />
        )}
      </div>
      {error ? (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
