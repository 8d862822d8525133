/** The value cell of an infobox row, rendered as `<td>`. */

import { mergeAttributes, Node } from "@tiptap/core";

/** Options of {@link InfoboxValue}. */
export interface InfoboxValueOptions {
  /** Extra HTML attributes for the `<td>`. */
  HTMLAttributes: Record<string, unknown>;
}

/** Text block with the field value exactly as written; may be empty. */
export const InfoboxValue = Node.create<InfoboxValueOptions>({
  name: "infoboxValue",

  content: "inline*",

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    return [{ tag: "td", context: "infoboxRow/" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["td", mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },
});
