import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { AnnotationView } from "./annotation-view";
import { completeTarget } from "./check-target";
import { createAnnotation } from "./create-annotation";
import { fromWebAnnotation } from "./web-annotation";

/**
 * Creates an annotation from a client's W3C Web Annotation (the protocol's POST to the container).
 * The target's source names the article; the selectors must point into its current revision (a
 * quote alone is looked up, a position alone is described). Then it is `createAnnotation`, with
 * the same permissions and checks.
 *
 * @throws AppError as `createAnnotation`, and INVALID_INPUT naming the JSON-LD field
 *   ("motivation: …", "target.source: …"); NOT_FOUND when the source is not an article
 */
export async function createWebAnnotation(
  actor: Actor | null,
  json: unknown,
): Promise<AnnotationView> {
  authorize(actor, "annotation.create");
  const input = fromWebAnnotation(json);
  const article = await prisma.article.findFirst({
    where: { slug: input.articleSlug, deletedAt: null },
    select: {
      id: true,
      currentRevision: { select: { id: true, number: true, plainText: true } },
    },
  });
  const revision = article?.currentRevision;
  if (!article || !revision) {
    throw new AppError("NOT_FOUND", `target.source: no article "${input.articleSlug}".`, {
      field: "target.source",
    });
  }
  if (input.revisionNumber !== undefined && input.revisionNumber !== revision.number) {
    throw new AppError(
      "CONFLICT",
      `apparatus:revision: the selectors are for revision ${input.revisionNumber}, but the article is at revision ${revision.number}; select the passage again.`,
      { field: "apparatus:revision" },
    );
  }
  const target = completeTarget(revision.plainText, input.target, "target.selector");
  return createAnnotation(actor, {
    articleId: article.id,
    revisionId: revision.id,
    target,
    kind: input.kind,
    flag: input.flag,
    body: input.body.doc,
    tags: input.tags,
    visibility: input.visibility ?? (input.groupId ? "GROUP" : "PUBLIC"),
    groupId: input.groupId,
  });
}
