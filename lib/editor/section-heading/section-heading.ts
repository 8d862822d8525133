/**
 * Article section headings: Tiptap's heading limited to levels 2–6 (the title lives outside the
 * document) with an `id` attribute, so `<h3 id="aftermath-2">` is a stable link target and the
 * table of contents can point at it.
 */

import { Heading, type HeadingOptions } from "@tiptap/extension-heading";

/** Options of {@link SectionHeading}; the same as Tiptap's heading. */
export type SectionHeadingOptions = HeadingOptions;

/** Heading levels an article body uses: the title is level 1 and is not part of the document. */
export const SECTION_HEADING_LEVELS: SectionHeadingOptions["levels"] = [2, 3, 4, 5, 6];

/**
 * The `heading` node with levels 2–6 and an `id` attribute rendered as `<hN id="…">`.
 *
 * Keeps the node name `heading` so Tiptap's own heading commands and the static renderer apply.
 */
export const SectionHeading = Heading.extend<SectionHeadingOptions>({
  addOptions() {
    return {
      ...this.parent?.(),
      levels: SECTION_HEADING_LEVELS,
      HTMLAttributes: {},
    };
  },

  addAttributes() {
    return {
      ...this.parent?.(),
      id: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute("id"),
        renderHTML: (attributes: Record<string, unknown>) =>
          typeof attributes.id === "string" && attributes.id !== "" ? { id: attributes.id } : {},
      },
    };
  },
});
