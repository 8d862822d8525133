/**
 * List items of the article body. Each item is exactly one paragraph: the text format has no
 * nested lists or multi-paragraph items, and a fixed shape keeps the text projection simple.
 */

import { ListItem, type ListItemOptions } from "@tiptap/extension-list";

/** Options of {@link ArticleListItem}; the same as Tiptap's list item. */
export type ArticleListItemOptions = ListItemOptions;

/** The `listItem` node with content `paragraph`, rendered as `<li>`. */
export const ArticleListItem = ListItem.extend<ArticleListItemOptions>({
  content: "paragraph",
});
