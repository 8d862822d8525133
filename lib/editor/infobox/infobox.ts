/**
 * The article infobox: the `- Key: Value` block at the top of an article, shown as a two-column
 * table. Keys and values are text blocks of their own, so each one can be annotated.
 *
 * Nodes: `infobox` (`<table class="infobox"><tbody>`) > `infoboxRow` (`<tr>`) >
 * `infoboxLabel` (`<th scope="row">`) + `infoboxValue` (`<td>`).
 */

import { mergeAttributes, Node } from "@tiptap/core";

import { InfoboxLabel } from "@/lib/editor/infobox/infobox-label";
import { InfoboxRow } from "@/lib/editor/infobox/infobox-row";
import { InfoboxValue } from "@/lib/editor/infobox/infobox-value";

/** Options of {@link Infobox}. */
export interface InfoboxOptions {
  /** Extra HTML attributes for the `<table>`, merged with `class="infobox"`. */
  HTMLAttributes: Record<string, unknown>;
}

/** CSS class of the infobox table, in rendered HTML and when parsing it back. */
export const INFOBOX_CLASS = "infobox";

/** Block node holding one or more rows, rendered as `<table class="infobox"><tbody>…`. */
export const Infobox = Node.create<InfoboxOptions>({
  name: "infobox",

  group: "block",

  content: "infoboxRow+",

  // The table is one unit: it is never split, joined or partially replaced.
  isolating: true,

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    return [
      {
        tag: `table.${INFOBOX_CLASS}`,
        // Rows sit in the `<tbody>` that renderHTML writes (and that browsers add anyway).
        contentElement: (element) =>
          (element as HTMLElement).querySelector("tbody") ?? (element as HTMLElement),
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      "table",
      mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { class: INFOBOX_CLASS }),
      ["tbody", 0],
    ];
  },
});

/** The infobox and its three child nodes, in the order the schema needs them. */
export const infoboxExtensions = [Infobox, InfoboxRow, InfoboxLabel, InfoboxValue];
