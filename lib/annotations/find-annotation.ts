import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";

import {
  annotationNotFound,
  annotationViewSelect,
  canSeeHidden,
  readableAnnotationWhere,
  toAnnotationView,
  type AnnotationView,
} from "./annotation-view";
import { findAnnotationSchema, parseAnnotationInput, type FindAnnotationInput } from "./schemas";

/**
 * One annotation, with its anchor on the given revision (by default the article's current one).
 * Anyone may read what is visible to them; a deleted annotation, one hidden by a moderator (except
 * for moderators), or one outside the reader's visibility scope is NOT_FOUND, never FORBIDDEN, so
 * that its existence does not leak.
 *
 * @throws AppError NOT_FOUND "id: …"; INVALID_INPUT for a malformed id
 */
export async function findAnnotation(
  actor: Actor | null,
  input: FindAnnotationInput,
): Promise<AnnotationView> {
  const { id, revisionId } = parseAnnotationInput(findAnnotationSchema, input);
  const scope = await getVisibilityScope(actor);
  const where = {
    AND: [{ id }, readableAnnotationWhere(scope, { includeHidden: canSeeHidden(actor) })],
  };
  const row = await prisma.annotation.findFirst({
    where,
    select: annotationViewSelect(revisionId ?? "current"),
  });
  if (!row) {
    throw annotationNotFound();
  }
  return toAnnotationView(row);
}
