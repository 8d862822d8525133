import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { readCurrentRevisionForWrite } from "./annotation-context";
import { annotationViewSelect, toAnnotationView, type AnnotationView } from "./annotation-view";
import { assertTargetMatchesText, findSectionAnchor } from "./check-target";
import { findAnnotationForChange } from "./find-annotation-for-change";
import { recordAnnotationEvent } from "./record-annotation-event";
import {
  parseAnnotationInput,
  reattachAnnotationSchema,
  type ReattachAnnotationInput,
} from "./schemas";

/**
 * Places an annotation by hand on a passage of the article's current revision: the way back for
 * an orphan whose passage was rewritten, or a fix for a fuzzy match that landed wrong. Its author
 * or a moderator may. The anchor on that revision becomes MANUAL; the annotation's original
 * selectors stay as they were, and the anchor it replaces is kept in the audit event.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN / NOT_FOUND, INVALID_INPUT naming the selector,
 *   CONFLICT when the article was revised since the passage was selected
 */
export async function reattachAnnotation(
  actor: Actor | null,
  input: ReattachAnnotationInput,
): Promise<AnnotationView> {
  const user = authorize(actor, "annotation.create");
  const data = parseAnnotationInput(reattachAnnotationSchema, input);
  const annotation = await findAnnotationForChange(user, data.id, {
    deniedMessage: "Only the author or a moderator can re-attach this annotation.",
    moderatorsMay: true,
  });
  return prisma.$transaction(async (tx) => {
    const revision = await readCurrentRevisionForWrite(tx, annotation.articleId, data.revisionId);
    assertTargetMatchesText(revision.plainText, data.target);
    const { start, end } = data.target.position;
    const sectionAnchor = findSectionAnchor(revision.sections, start);
    const key = { annotationId: data.id, revisionId: data.revisionId };
    const previous = await tx.annotationAnchor.findUnique({
      where: { annotationId_revisionId: key },
      select: { start: true, end: true, strategy: true },
    });
    await tx.annotationAnchor.upsert({
      where: { annotationId_revisionId: key },
      create: { ...key, start, end, sectionAnchor, strategy: "MANUAL" },
      update: { start, end, sectionAnchor, strategy: "MANUAL" },
    });
    await recordAnnotationEvent(tx, {
      action: "annotation.reattach",
      actorId: user.id,
      annotationId: data.id,
      data: { revisionId: data.revisionId, start, end, previous },
    });
    return toAnnotationView(
      await tx.annotation.findUniqueOrThrow({
        where: { id: data.id },
        select: annotationViewSelect(data.revisionId),
      }),
      revision.plainText,
    );
  });
}
