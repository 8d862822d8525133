import type { JSONContent } from "@tiptap/core";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";

import { ArticleBodyClient } from "./article-body-client";
import {
  ARTICLE_TEXT_CLASS_NAME,
  articleTextAttributes,
  readerExtensions,
} from "./reader-extensions";

/** Props of {@link ArticleBody}. */
export interface ArticleBodyProps {
  /** The revision's ProseMirror JSON. */
  doc: JSONContent;
}

/**
 * The article text. The server renders the document to React elements with Tiptap's static
 * renderer (so the page reads without JavaScript, and React escapes every character of the text);
 * in the browser a read-only Tiptap editor then takes over the same markup, ready for annotation
 * decorations.
 */
export function ArticleBody({ doc }: ArticleBodyProps) {
  const content = renderToReactElement({ content: doc, extensions: readerExtensions });
  return (
    <ArticleBodyClient doc={doc}>
      <div
        className={ARTICLE_TEXT_CLASS_NAME}
        role={articleTextAttributes.role}
        aria-label={articleTextAttributes["aria-label"]}
        translate={articleTextAttributes.translate}
      >
        {content}
      </div>
    </ArticleBodyClient>
  );
}
