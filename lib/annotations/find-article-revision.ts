import "server-only";

import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * The revision that annotation lists and counts use: the one asked for, which must belong to the
 * article, or the article's current one.
 *
 * @throws AppError NOT_FOUND "articleId: …" / "revisionId: …"
 */
export async function findArticleRevision(
  articleId: string,
  revisionId: string | undefined,
): Promise<{ revisionId: string; isCurrent: boolean }> {
  const article = await prisma.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: { currentRevisionId: true },
  });
  if (!article?.currentRevisionId) {
    throw new AppError("NOT_FOUND", "articleId: no such article.", { field: "articleId" });
  }
  if (!revisionId || revisionId === article.currentRevisionId) {
    return { revisionId: article.currentRevisionId, isCurrent: true };
  }
  const revision = await prisma.articleRevision.findFirst({
    where: { id: revisionId, articleId },
    select: { id: true },
  });
  if (!revision) {
    throw new AppError("NOT_FOUND", "revisionId: no such revision of this article.", {
      field: "revisionId",
    });
  }
  return { revisionId, isCurrent: false };
}
