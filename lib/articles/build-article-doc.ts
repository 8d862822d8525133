/**
 * Turn a parsed article into ProseMirror JSON for `articleExtensions` (lib/editor). The JSON is
 * what a revision stores and what the reader, static renderer and exporters load.
 *
 * Pure: no React, Prisma or DOM.
 */

import type { JSONContent } from "@tiptap/core";

import type { ParsedArticle, ParsedBlock, ParsedInfoboxField } from "@/lib/articles/parse-article";

/**
 * Inline content for a text block. ProseMirror text nodes cannot be empty, so "" gives a block
 * with no content at all.
 */
function buildInlineContent(text: string): Pick<JSONContent, "content"> {
  return text === "" ? {} : { content: [{ type: "text", text }] };
}

/** One `<tr>`: label cell then value cell. */
function buildInfoboxRow(field: ParsedInfoboxField): JSONContent {
  return {
    type: "infoboxRow",
    content: [
      { type: "infoboxLabel", ...buildInlineContent(field.key) },
      { type: "infoboxValue", ...buildInlineContent(field.value) },
    ],
  };
}

/** The node (heading, paragraph, label line or bullet list) for one parsed block. */
function buildBlockNode(block: ParsedBlock): JSONContent {
  switch (block.type) {
    case "heading":
      return {
        type: "heading",
        attrs: { level: block.level, id: block.anchor },
        ...buildInlineContent(block.text),
      };
    case "paragraph":
      return { type: "paragraph", ...buildInlineContent(block.text) };
    case "label":
      return { type: "labelLine", ...buildInlineContent(block.text) };
    case "list":
      return {
        type: "bulletList",
        attrs: { bibliography: block.isBibliography },
        content: block.items.map((item) => ({
          type: "listItem",
          content: [{ type: "paragraph", ...buildInlineContent(item.text) }],
        })),
      };
  }
}

/**
 * Build the document: the infobox first (when the article has fields), then every block in
 * order. The title is not part of the document; it is stored and shown separately.
 *
 * @param parsed The output of `parseArticle`.
 * @returns A `doc` node valid for `getSchema(articleExtensions)`. An article with no body gets one
 *   empty paragraph, because a document needs at least one block.
 */
export function buildArticleDoc(parsed: ParsedArticle): JSONContent {
  const content: JSONContent[] = [];
  if (parsed.infobox.length > 0) {
    content.push({ type: "infobox", content: parsed.infobox.map(buildInfoboxRow) });
  }
  for (const block of parsed.blocks) {
    content.push(buildBlockNode(block));
  }
  if (content.length === 0) {
    content.push({ type: "paragraph" });
  }
  return { type: "doc", content };
}
