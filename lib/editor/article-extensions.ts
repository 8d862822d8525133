/**
 * The one extension list for articles. The read-only reader (`@tiptap/react`), the server-side
 * `@tiptap/static-renderer`, `getSchema` in the importer and the exporters all build from it, so
 * a document valid in one place is valid everywhere. It must not import React or browser globals.
 */

import type { Extensions } from "@tiptap/core";
import { Document } from "@tiptap/extension-document";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";

import { ArticleBulletList } from "@/lib/editor/article-bullet-list/article-bullet-list";
import { ArticleListItem } from "@/lib/editor/article-list-item/article-list-item";
import { infoboxExtensions } from "@/lib/editor/infobox/infobox";
import { LabelLine } from "@/lib/editor/label-line/label-line";
import { SectionHeading } from "@/lib/editor/section-heading/section-heading";

/**
 * Nodes of an article document: paragraphs, section headings (h2–h6 with ids), label lines,
 * bullet lists (flagged when they are the bibliography) and the infobox table. No marks: article
 * text is plain, and annotations are drawn as decorations, not stored in the document.
 */
export const articleExtensions: Extensions = [
  Document,
  Paragraph,
  Text,
  SectionHeading,
  LabelLine,
  ArticleBulletList,
  ArticleListItem,
  ...infoboxExtensions,
];
