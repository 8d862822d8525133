import "server-only";

import { prisma } from "@/lib/db";

/** One row of the article index. */
export interface ArticleSummary {
  slug: string;
  title: string;
  revisionNumber: number;
  updatedAt: Date;
  sectionCount: number;
  /** The opening of the lead, for the index page. */
  excerpt: string;
}

/** Characters of plain text shown under each title on the index. */
const EXCERPT_LENGTH = 280;

/** All readable articles (not deleted, with a revision), alphabetically by title. */
export async function listArticles(): Promise<ArticleSummary[]> {
  const articles = await prisma.article.findMany({
    where: { deletedAt: null, currentRevisionId: { not: null } },
    orderBy: { title: "asc" },
    include: {
      currentRevision: {
        select: {
          number: true,
          createdAt: true,
          plainText: true,
          _count: { select: { sections: true, infoboxFields: true } },
        },
      },
    },
  });
  return articles.flatMap((article) => {
    const revision = article.currentRevision;
    if (!revision) {
      return [];
    }
    return [
      {
        slug: article.slug,
        title: article.title,
        revisionNumber: revision.number,
        updatedAt: revision.createdAt,
        sectionCount: revision._count.sections,
        excerpt: makeExcerpt(revision.plainText, revision._count.infoboxFields),
      },
    ];
  });
}

/**
 * The first prose of the article: skips the infobox rows (two text blocks per field, at the start
 * of the plain text) and cuts at a word boundary.
 */
function makeExcerpt(plainText: string, infoboxFieldCount: number): string {
  const blocks = plainText.split("\n").slice(infoboxFieldCount * 2);
  const lead = blocks.find((block) => block.trim().length > 0) ?? "";
  if (lead.length <= EXCERPT_LENGTH) {
    return lead;
  }
  const cut = lead.lastIndexOf(" ", EXCERPT_LENGTH);
  return `${lead.slice(0, cut > 0 ? cut : EXCERPT_LENGTH)}…`;
}
