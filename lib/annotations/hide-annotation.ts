import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";

import {
  annotationNotFound,
  annotationViewSelect,
  readableAnnotationWhere,
  toAnnotationView,
  type AnnotationView,
} from "./annotation-view";
import { recordAnnotationEvent } from "./record-annotation-event";
import { hideAnnotationSchema, parseAnnotationInput, type HideAnnotationInput } from "./schemas";

/**
 * Hides an annotation (moderators and admins): it stays in the database and in moderators' lists,
 * flagged hidden with the reason, and disappears for everyone else, its author included. Hiding
 * one that is already hidden changes nothing. A moderator can only hide what they can see: a
 * private or group annotation outside their scope is NOT_FOUND.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role), NOT_FOUND, INVALID_INPUT
 */
export async function hideAnnotation(
  actor: Actor | null,
  input: HideAnnotationInput,
): Promise<AnnotationView> {
  const moderator = authorize(actor, "content.hide");
  const { id, reason } = parseAnnotationInput(hideAnnotationSchema, input);
  const scope = await getVisibilityScope(moderator);
  const found = await prisma.annotation.findFirst({
    where: { AND: [{ id }, readableAnnotationWhere(scope, { includeHidden: true })] },
    select: { article: { select: { currentRevisionId: true } }, revisionId: true },
  });
  if (!found) {
    throw annotationNotFound();
  }
  const select = annotationViewSelect(found.article.currentRevisionId ?? found.revisionId);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({
      where: { id, hiddenAt: null, deletedAt: null },
      data: { hiddenAt: new Date(), hiddenById: moderator.id, hiddenReason: reason || null },
    });
    if (count > 0) {
      await recordAnnotationEvent(tx, {
        action: "annotation.hide",
        actorId: moderator.id,
        annotationId: id,
        data: { reason: reason || null },
      });
    }
    return toAnnotationView(await tx.annotation.findUniqueOrThrow({ where: { id }, select }));
  });
}
