/**
 * Derive an article's sections (table of contents entries and their text spans) from its
 * document, in terms of the text projection that anchors use.
 *
 * Pure: no React, Prisma or DOM.
 */

import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

import {
  BLOCK_SEPARATOR,
  docPosToTextOffset,
  type TextProjection,
} from "@/lib/anchoring/text-projection";
import { slugify } from "@/lib/articles/slugify";

/** One heading and the span of text it governs. Field names match the `Section` table. */
export interface DerivedSection {
  /** The heading's `id` attribute, e.g. `aftermath-2`. */
  anchor: string;
  /** Heading level, 2–6. */
  level: number;
  /** The heading text. */
  title: string;
  /** 0-based order among the document's headings. */
  position: number;
  /** Anchor of the nearest earlier heading with a lower level, or null for a top-level section. */
  parentAnchor: string | null;
  /** Offset in the projected text where the heading text starts. */
  startOffset: number;
  /**
   * Offset (exclusive) where the section ends: just before the separator that precedes the next
   * heading of the same or a higher level, or the end of the text. Subsections are inside it.
   */
  endOffset: number;
}

/** Anchor for a heading that has no `id` (documents not built by `buildArticleDoc`). */
const SECTION_ANCHOR_FALLBACK = "section";

/**
 * List the document's headings as sections, with parents and text spans.
 *
 * @param doc The article document (built from `articleExtensions`).
 * @param projection `projectDocText(doc)`; offsets refer to its text.
 * @returns One section per heading, in document order.
 * @throws Error when `projection` was not made from `doc` (a heading has no offset in it).
 */
export function deriveSections(doc: ProseMirrorNode, projection: TextProjection): DerivedSection[] {
  const sections: DerivedSection[] = [];
  const usedAnchors = new Set<string>();
  /** Sections whose end is not known yet, from outermost to innermost. */
  const openSections: DerivedSection[] = [];

  doc.descendants((node, pos) => {
    if (node.type.name !== "heading") {
      // Headings are textblocks; nothing inside another textblock can be one.
      return !node.isTextblock;
    }
    const level = Number(node.attrs.level);
    const title = node.textContent;
    const startOffset = docPosToTextOffset(projection, pos + 1);
    if (startOffset === null) {
      throw new Error(`deriveSections: no text offset for the heading at position ${pos}`);
    }

    while (
      openSections.length > 0 &&
      (openSections[openSections.length - 1]?.level ?? 0) >= level
    ) {
      const closed = openSections.pop();
      if (closed !== undefined) {
        closed.endOffset = startOffset - BLOCK_SEPARATOR.length;
      }
    }

    const section: DerivedSection = {
      anchor: readUniqueAnchor(node.attrs.id, title, usedAnchors),
      level,
      title,
      position: sections.length,
      parentAnchor: openSections[openSections.length - 1]?.anchor ?? null,
      startOffset,
      endOffset: projection.text.length,
    };
    sections.push(section);
    openSections.push(section);
    return false;
  });

  return sections;
}

/** The heading's `id`, or (when it has none or repeats one) a slug made unique with `-2`, `-3`… */
function readUniqueAnchor(id: unknown, title: string, usedAnchors: Set<string>): string {
  const base = typeof id === "string" && id !== "" ? id : slugify(title, SECTION_ANCHOR_FALLBACK);
  let anchor = base;
  for (let suffix = 2; usedAnchors.has(anchor); suffix += 1) {
    anchor = `${base}-${suffix}`;
  }
  usedAnchors.add(anchor);
  return anchor;
}
