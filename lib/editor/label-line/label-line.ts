/**
 * Label lines: a short line such as `99th Missile Brigade:` that introduces the paragraph below
 * it, shown as a run-in bold label. It is its own block (not a bold mark in a paragraph) so that
 * its text stays a separate, annotatable block exactly as written.
 */

import { mergeAttributes, Node } from "@tiptap/core";

/** Options of {@link LabelLine}. */
export interface LabelLineOptions {
  /** Extra HTML attributes for the `<p>`, merged with `class="label-line"`. */
  HTMLAttributes: Record<string, unknown>;
}

/** CSS class that marks a paragraph as a label line, in rendered HTML and when parsing it back. */
export const LABEL_LINE_CLASS = "label-line";

/** Block node with inline content, rendered as `<p class="label-line"><strong>…</strong></p>`. */
export const LabelLine = Node.create<LabelLineOptions>({
  name: "labelLine",

  group: "block",

  content: "inline*",

  defining: true,

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    return [
      {
        tag: `p.${LABEL_LINE_CLASS}`,
        // Above the paragraph's default priority (50), or every label line would parse as a `<p>`.
        priority: 100,
        contentElement: (element) =>
          (element as HTMLElement).querySelector("strong") ?? (element as HTMLElement),
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      "p",
      mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { class: LABEL_LINE_CLASS }),
      ["strong", 0],
    ];
  },
});
