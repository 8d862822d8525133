import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";

import type { AnnotationView } from "./annotation-view";
import { findAnnotation } from "./find-annotation";
import { updateAnnotation } from "./update-annotation";
import { fromWebAnnotation } from "./web-annotation";

/**
 * Replaces an annotation's content from a client's W3C Web Annotation (the protocol's PUT), as
 * `updateAnnotation` with its author-only rule and its version check.
 *
 * What plain JSON-LD cannot say is kept: when the text body is the annotation's current text, the
 * formatted body (links, lists) stays as it is rather than being flattened; when the client does
 * not name a visibility, the current one stays (a PUT never makes a private note public by
 * omission). The target is fixed: passages are re-attached in the reader, not by PUT.
 *
 * @param expectedVersion the version from the request's If-Match
 * @throws AppError as `updateAnnotation` (CONFLICT for a stale version) and INVALID_INPUT naming
 *   the JSON-LD field
 */
export async function updateWebAnnotation(
  actor: Actor | null,
  input: { id: string; expectedVersion: number; annotation: unknown },
): Promise<AnnotationView> {
  authorize(actor, "annotation.create");
  const current = await findAnnotation(actor, { id: input.id });
  const web = fromWebAnnotation(input.annotation);
  const visibility = web.visibility ?? (web.groupId ? "GROUP" : current.visibility);
  return updateAnnotation(actor, {
    id: input.id,
    expectedVersion: input.expectedVersion,
    kind: web.kind,
    flag: web.flag,
    body: web.body.text === current.bodyText ? current.body : web.body.doc,
    tags: web.tags,
    visibility,
    groupId: visibility === "GROUP" ? (web.groupId ?? current.groupId) : null,
  });
}
