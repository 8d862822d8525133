"use client";

import type { Editor, Extensions } from "@tiptap/core";
import { createContext, useContext } from "react";

/**
 * What a feature around the reading view (annotations) adds to the read-only article editor:
 * extensions, attributes of the text root, and a callback with the editor once it exists. The
 * reader itself knows nothing of annotations; it only honours this binding when one is provided.
 */
export interface ArticleEditorBinding {
  /** Extra extensions, added after the article's own. Must keep its identity between renders. */
  extensions: Extensions;
  /** Extra attributes of the ProseMirror root (`aria-describedby`, `aria-keyshortcuts`). */
  attributes?: Record<string, string>;
  /** Called with the editor once it is created, and with null when it is destroyed. */
  onEditorChange: (editor: Editor | null) => void;
}

/** The binding of the nearest provider, or null when the reader stands alone. */
export const ArticleEditorBindingContext = createContext<ArticleEditorBinding | null>(null);

/** The binding of the nearest provider, or null. */
export function useArticleEditorBinding(): ArticleEditorBinding | null {
  return useContext(ArticleEditorBindingContext);
}
