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
import {
  parseAnnotationInput,
  unhideAnnotationSchema,
  type UnhideAnnotationInput,
} from "./schemas";

/**
 * Shows a hidden annotation again (moderators and admins). Showing one that is not hidden changes
 * nothing.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role), NOT_FOUND, INVALID_INPUT
 */
export async function unhideAnnotation(
  actor: Actor | null,
  input: UnhideAnnotationInput,
): Promise<AnnotationView> {
  const moderator = authorize(actor, "content.hide");
  const { id } = parseAnnotationInput(unhideAnnotationSchema, input);
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
      where: { id, hiddenAt: { not: null }, deletedAt: null },
      data: { hiddenAt: null, hiddenById: null, hiddenReason: null },
    });
    if (count > 0) {
      await recordAnnotationEvent(tx, {
        action: "annotation.unhide",
        actorId: moderator.id,
        annotationId: id,
      });
    }
    return toAnnotationView(await tx.annotation.findUniqueOrThrow({ where: { id }, select }));
  });
}
