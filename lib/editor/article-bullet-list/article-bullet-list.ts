/**
 * Bullet lists of the article body. A list in the Bibliography section carries
 * `bibliography: true`, rendered as `<ul class="bibliography">`, so the reader and exports can
 * style and find it without re-parsing the text.
 */

import { BulletList, type BulletListOptions } from "@tiptap/extension-list";

/** Options of {@link ArticleBulletList}; the same as Tiptap's bullet list. */
export type ArticleBulletListOptions = BulletListOptions;

/** CSS class of a bibliography list, in rendered HTML and when parsing it back. */
export const BIBLIOGRAPHY_LIST_CLASS = "bibliography";

/** The `bulletList` node with a boolean `bibliography` attribute. */
export const ArticleBulletList = BulletList.extend<ArticleBulletListOptions>({
  addAttributes() {
    return {
      ...this.parent?.(),
      bibliography: {
        default: false,
        parseHTML: (element: HTMLElement) => element.classList.contains(BIBLIOGRAPHY_LIST_CLASS),
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.bibliography === true ? { class: BIBLIOGRAPHY_LIST_CLASS } : {},
      },
    };
  },
});
