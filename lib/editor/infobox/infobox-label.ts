/** The key cell of an infobox row, rendered as `<th scope="row">`. */

import { mergeAttributes, Node } from "@tiptap/core";

/** Options of {@link InfoboxLabel}. */
export interface InfoboxLabelOptions {
  /** Extra HTML attributes for the `<th>`, merged with `scope="row"`. */
  HTMLAttributes: Record<string, unknown>;
}

/** Text block with the field name, e.g. "Commander1"; may be empty. */
export const InfoboxLabel = Node.create<InfoboxLabelOptions>({
  name: "infoboxLabel",

  content: "inline*",

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    return [{ tag: "th", context: "infoboxRow/" }];
  },

  renderHTML({ HTMLAttributes }) {
    // `scope="row"` tells screen readers the header names its row, not a column.
    return [
      "th",
      mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { scope: "row" }),
      0,
    ];
  },
});
