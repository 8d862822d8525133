"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useEffect, useMemo, type ReactNode } from "react";

import { CaretBrowsing } from "@/lib/editor/caret-browsing/caret-browsing";

import { useArticleEditorBinding } from "./article-editor-binding";
import { articleTextAttributes, readerExtensions } from "./reader-extensions";

import "./reader-caret.css";

/** Props of {@link ArticleBodyClient}. */
export interface ArticleBodyClientProps {
  /** The revision's ProseMirror JSON, loaded into the read-only editor. */
  doc: JSONContent;
  /** The server-rendered copy of the same document, shown until the editor exists. */
  children: ReactNode;
}

/** Class of the element that holds the ProseMirror root, static or live. */
const ARTICLE_BODY_CLASS = "article-body";

/** The class of the caret that {@link CaretBrowsing} draws (styled in reader-caret.css). */
const READER_CARET_CLASS = "reader-caret";

/**
 * Shows the server-rendered article until a read-only Tiptap editor is ready, then the editor in
 * its place. Both copies have the same wrapper and root classes, and the editor takes over in the
 * same commit (before paint), so nothing moves. `data-reader` tells tests and later features which
 * copy is on screen ("static" or "editor").
 *
 * The editor is created after hydration (`immediatelyRender: false`), without Tiptap's injected
 * stylesheet: app/globals.css styles both copies alike. Its text can be read and selected with the
 * keyboard (caret browsing: Tab in, arrows, Shift+arrows). A surrounding feature (annotations) may
 * add extensions and root attributes through an {@link ArticleEditorBinding}.
 */
export function ArticleBodyClient({ doc, children }: ArticleBodyClientProps) {
  const binding = useArticleEditorBinding();
  const bindingExtensions = binding?.extensions;
  const extensions = useMemo(
    () => [
      ...readerExtensions,
      CaretBrowsing.configure({ caretClassName: READER_CARET_CLASS }),
      ...(bindingExtensions ?? []),
    ],
    [bindingExtensions],
  );
  const editor = useEditor({
    extensions,
    content: doc,
    editable: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    injectCSS: false,
    editorProps: { attributes: { ...articleTextAttributes, ...binding?.attributes } },
  });

  const onEditorChange = binding?.onEditorChange;
  useEffect(() => {
    if (!editor || !onEditorChange) {
      return;
    }
    onEditorChange(editor);
    return () => onEditorChange(null);
  }, [editor, onEditorChange]);

  if (!editor) {
    return (
      <div className={ARTICLE_BODY_CLASS} data-reader="static">
        {children}
      </div>
    );
  }
  return <EditorContent editor={editor} className={ARTICLE_BODY_CLASS} data-reader="editor" />;
}
