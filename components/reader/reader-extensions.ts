import type { Extensions } from "@tiptap/core";

import { articleExtensions } from "@/lib/editor/article-extensions";
import { Infobox } from "@/lib/editor/infobox/infobox";

/** The accessible name of the infobox table, read out when a screen reader enters it. */
export const INFOBOX_ACCESSIBLE_NAME = "Key facts";

/**
 * The article extensions as the reader renders them: the same schema as `articleExtensions`, with
 * an accessible name on the infobox table. Both the server's static render and the read-only
 * editor use this list, so the two produce the same markup.
 */
export const readerExtensions: Extensions = articleExtensions.map((extension) =>
  extension === Infobox
    ? Infobox.configure({ HTMLAttributes: { "aria-label": INFOBOX_ACCESSIBLE_NAME } })
    : extension,
);

/**
 * Attributes of the ProseMirror root element. Tiptap would make it `role="textbox"`; for a
 * read-only text `document` is right (browse mode, no editing hints). `translate="yes"` undoes
 * ProseMirror's default `translate="no"`, so readers can machine-translate the article.
 */
export const articleTextAttributes = {
  class: "article-text",
  role: "document",
  "aria-label": "Article text",
  translate: "yes",
} as const;

/** Classes of the ProseMirror root: Tiptap and ProseMirror add theirs before ours. */
export const ARTICLE_TEXT_CLASS_NAME = `tiptap ProseMirror ${articleTextAttributes.class}`;
