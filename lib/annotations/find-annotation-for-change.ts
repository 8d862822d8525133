import "server-only";

import { can, type Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AnnotationKind } from "@/lib/generated/prisma/enums";

import { annotationNotFound, canSeeHidden, readableAnnotationWhere } from "./annotation-view";

/** What a change to an annotation needs to know before it writes. */
export interface AnnotationForChange {
  id: string;
  authorId: string;
  articleId: string;
  articleSlug: string;
  kind: AnnotationKind;
  version: number;
  isHidden: boolean;
  /** The revision readers see, whose anchor the changed annotation is returned with. */
  currentRevisionId: string;
}

/**
 * Reads an annotation that `actor` wants to change, and checks that they may: it must be visible
 * to them (else NOT_FOUND, so that private and group annotations do not leak), and they must be
 * its author, or hold the site right `unlessAllowed` names (a moderator re-attaching).
 *
 * @param deniedMessage what a signed-in user who may see it but not change it is told (FORBIDDEN)
 */
export async function findAnnotationForChange(
  actor: Actor,
  id: string,
  options: { deniedMessage: string; moderatorsMay?: boolean },
): Promise<AnnotationForChange> {
  const scope = await getVisibilityScope(actor);
  const row = await prisma.annotation.findFirst({
    where: {
      AND: [{ id }, readableAnnotationWhere(scope, { includeHidden: canSeeHidden(actor) })],
    },
    select: {
      id: true,
      authorId: true,
      articleId: true,
      kind: true,
      version: true,
      hiddenAt: true,
      revisionId: true,
      article: { select: { slug: true, currentRevisionId: true } },
    },
  });
  if (!row) {
    throw annotationNotFound();
  }
  const isAuthor = row.authorId === actor.id;
  if (!isAuthor && !(options.moderatorsMay && can(actor, "content.hide"))) {
    throw new AppError("FORBIDDEN", options.deniedMessage);
  }
  return {
    id: row.id,
    authorId: row.authorId,
    articleId: row.articleId,
    articleSlug: row.article.slug,
    kind: row.kind,
    version: row.version,
    isHidden: row.hiddenAt !== null,
    currentRevisionId: row.article.currentRevisionId ?? row.revisionId,
  };
}

/** The CONFLICT of an edit made from an old version. */
export function versionConflict(currentVersion: number): AppError {
  return new AppError(
    "CONFLICT",
    `This annotation was changed by someone else (now version ${currentVersion}); reload and reapply your edit.`,
    { currentVersion },
  );
}
