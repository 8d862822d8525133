/**
 * Mentions of other scholars in annotation bodies and dispute replies: Tiptap's Mention node
 * (`{ type: "mention", attrs: { id, label } }`), where `id` is the mentioned user's id and `label`
 * the name shown. The server checks that every id is an existing, enabled account before storing
 * a reply (lib/disputes/mentions.ts); `parseAnnotationBody` checks the attributes' shape.
 *
 * The "@" suggestion popup is configured by the browser editor (`extension.configure({ suggestion
 * })`); here the node has no suggestion source, so the schema is the same on the server, in the
 * browser and in exports.
 */

import { Mention } from "@tiptap/extension-mention";

/** Name of the node, as stored in bodies' JSON. */
export const MENTION_NODE_NAME = "mention";

/** Longest label (the mentioned scholar's name as shown), in characters. */
export const MAX_MENTION_LABEL_LENGTH = 200;

/** CSS class of a rendered mention. */
export const MENTION_CLASS = "mention";

/** The text a mention reads as in plain text, search and export: "@Maria Moderator". */
export function mentionText(attrs: { id?: unknown; label?: unknown }): string {
  const label = typeof attrs.label === "string" && attrs.label !== "" ? attrs.label : attrs.id;
  return `@${String(label ?? "")}`;
}

/** The Mention node of annotation bodies, rendered as `<span class="mention" data-id=…>@Name</span>`. */
export const ScholarMention = Mention.configure({
  HTMLAttributes: { class: MENTION_CLASS },
  renderText: ({ node }) => mentionText(node.attrs),
  renderHTML: ({ options, node }) => [
    "span",
    { ...options.HTMLAttributes, "data-type": MENTION_NODE_NAME },
    mentionText(node.attrs),
  ],
});
