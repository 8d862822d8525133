import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { annotationNotFound } from "./annotation-view";
import { findAnnotationForChange, versionConflict } from "./find-annotation-for-change";
import { recordAnnotationEvent } from "./record-annotation-event";
import {
  deleteAnnotationSchema,
  parseAnnotationInput,
  type DeleteAnnotationInput,
} from "./schemas";

/**
 * Deletes an annotation, softly: it is marked deleted (when, by whom) and disappears from every
 * list, but the row, its anchors, its history and its claim are kept. Only its author may delete
 * it; moderators hide instead (`hideAnnotation`). With `expectedVersion` the delete is refused if
 * the annotation was edited since (the API's If-Match).
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN / NOT_FOUND, CONFLICT for a stale version
 */
export async function deleteAnnotation(
  actor: Actor | null,
  input: DeleteAnnotationInput,
): Promise<{ id: string; articleSlug: string }> {
  const user = authorize(actor, "annotation.create");
  const { id, expectedVersion } = parseAnnotationInput(deleteAnnotationSchema, input);
  const annotation = await findAnnotationForChange(user, id, {
    deniedMessage: "Only the author can delete this annotation; moderators can hide it.",
  });
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({
      where: {
        id,
        deletedAt: null,
        ...(expectedVersion === undefined ? {} : { version: expectedVersion }),
      },
      data: { deletedAt: new Date(), deletedById: user.id },
    });
    if (count === 0) {
      const now = await tx.annotation.findUnique({
        where: { id },
        select: { version: true, deletedAt: true },
      });
      if (!now || now.deletedAt) {
        throw annotationNotFound();
      }
      throw versionConflict(now.version);
    }
    await recordAnnotationEvent(tx, {
      action: "annotation.delete",
      actorId: user.id,
      annotationId: id,
    });
    return { id, articleSlug: annotation.articleSlug };
  });
}
