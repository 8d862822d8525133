"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import type { ReactNode } from "react";

import { articleTextAttributes, readerExtensions } from "./reader-extensions";

/** Props of {@link ArticleBodyClient}. */
export interface ArticleBodyClientProps {
  /** The revision's ProseMirror JSON, loaded into the read-only editor. */
  doc: JSONContent;
  /** The server-rendered copy of the same document, shown until the editor exists. */
  children: ReactNode;
}

/** Class of the element that holds the ProseMirror root, static or live. */
const ARTICLE_BODY_CLASS = "article-body";

/**
 * Shows the server-rendered article until a read-only Tiptap editor is ready, then the editor in
 * its place. Both copies have the same wrapper and root classes, and the editor takes over in the
 * same commit (before paint), so nothing moves. `data-reader` tells tests and later features which
 * copy is on screen ("static" or "editor").
 *
 * The editor is created after hydration (`immediatelyRender: false`), without Tiptap's injected
 * stylesheet: app/globals.css styles both copies alike.
 */
export function ArticleBodyClient({ doc, children }: ArticleBodyClientProps) {
  const editor = useEditor({
    extensions: readerExtensions,
    content: doc,
    editable: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    injectCSS: false,
    editorProps: { attributes: { ...articleTextAttributes } },
  });

  if (!editor) {
    return (
      <div className={ARTICLE_BODY_CLASS} data-reader="static">
        {children}
      </div>
    );
  }
  return <EditorContent editor={editor} className={ARTICLE_BODY_CLASS} data-reader="editor" />;
}
