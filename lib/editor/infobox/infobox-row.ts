/** One `Key: Value` row of the infobox, rendered as `<tr>`. */

import { mergeAttributes, Node } from "@tiptap/core";

/** Options of {@link InfoboxRow}. */
export interface InfoboxRowOptions {
  /** Extra HTML attributes for the `<tr>`. */
  HTMLAttributes: Record<string, unknown>;
}

/** A row: exactly one label cell followed by one value cell. */
export const InfoboxRow = Node.create<InfoboxRowOptions>({
  name: "infoboxRow",

  content: "infoboxLabel infoboxValue",

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    // Only rows of an infobox: a `<tr>` elsewhere is not an infobox row.
    return [{ tag: "tr", context: "infobox/" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["tr", mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },
});
