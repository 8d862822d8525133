import "server-only";

import type { JSONContent } from "@tiptap/core";

import { prisma } from "@/lib/db";

/** Everything the reading view needs for one article, from its current revision. */
export interface ArticleForReading {
  id: string;
  slug: string;
  title: string;
  revision: {
    id: string;
    number: number;
    createdAt: Date;
    /** The body as ProseMirror JSON for lib/editor's article extensions. */
    doc: JSONContent;
    /** Headings in document order, for the table of contents. */
    sections: { anchor: string; level: number; title: string; parentAnchor: string | null }[];
    infobox: { key: string; value: string }[];
    bibliography: {
      raw: string;
      author: string | null;
      title: string | null;
      year: number | null;
    }[];
  };
  /** How many revisions the article has had. */
  revisionCount: number;
}

/**
 * The current revision of the article with this slug, or null when there is none (unknown slug,
 * soft-deleted article, or an article that has no revision yet).
 */
export async function findArticleForReading(slug: string): Promise<ArticleForReading | null> {
  const article = await prisma.article.findFirst({
    where: { slug, deletedAt: null },
    include: {
      currentRevision: {
        include: {
          sections: { orderBy: { position: "asc" } },
          infoboxFields: { orderBy: { position: "asc" } },
          bibliographyEntries: { orderBy: { position: "asc" } },
        },
      },
      _count: { select: { revisions: true } },
    },
  });
  const revision = article?.currentRevision;
  if (!article || !revision) {
    return null;
  }
  return {
    id: article.id,
    slug: article.slug,
    title: revision.title,
    revision: {
      id: revision.id,
      number: revision.number,
      createdAt: revision.createdAt,
      doc: revision.doc as JSONContent,
      sections: revision.sections.map(({ anchor, level, title, parentAnchor }) => ({
        anchor,
        level,
        title,
        parentAnchor,
      })),
      infobox: revision.infoboxFields.map(({ key, value }) => ({ key, value })),
      bibliography: revision.bibliographyEntries.map(({ raw, author, title, year }) => ({
        raw,
        author,
        title,
        year,
      })),
    },
    revisionCount: article._count.revisions,
  };
}
