import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { findAnnotation } from "@/lib/annotations/find-annotation";
import { updateWebAnnotation } from "@/lib/annotations/update-web-annotation";
import { toWebAnnotation } from "@/lib/annotations/web-annotation";
import {
  annotationJson,
  baseUrlOf,
  etagOf,
  ITEM_HEADERS,
  optionsResponse,
  parseAnnotationIdParam,
  parseIfMatch,
  preconditionFailed,
  preconditionRequired,
  readAnnotationJson,
  withPrecondition,
} from "@/lib/annotations/web-annotation-http";
import { apiRoute } from "@/lib/api/api-route";
import { authorize } from "@/lib/auth/policy";

type Params = { id: string };

/** GET /api/annotations/:id: one annotation as W3C JSON-LD, with its ETag. */
export const GET = apiRoute<Params>(async ({ request, actor, params }) => {
  const annotation = await findAnnotation(actor, { id: parseAnnotationIdParam(params.id) });
  return annotationJson(toWebAnnotation(annotation, baseUrlOf(request)), {
    headers: { ...ITEM_HEADERS, ETag: etagOf(annotation.version) },
  });
});

/**
 * PUT /api/annotations/:id: replace the annotation's content (author only). If-Match is required
 * (428 without it) and must be the current ETag (412 otherwise); 200 with the new ETag.
 */
export const PUT = apiRoute<Params>(async ({ request, actor, params }) => {
  authorize(actor, "annotation.create");
  const id = parseAnnotationIdParam(params.id);
  const ifMatch = parseIfMatch(request);
  if (ifMatch.kind === "absent") {
    return preconditionRequired();
  }
  if (ifMatch.kind === "none") {
    throw preconditionFailed();
  }
  const annotation = await readAnnotationJson(request);
  const expectedVersion =
    ifMatch.kind === "version" ? ifMatch.version : (await findAnnotation(actor, { id })).version;
  const updated = await withPrecondition(() =>
    updateWebAnnotation(actor, { id, expectedVersion, annotation }),
  );
  return annotationJson(toWebAnnotation(updated, baseUrlOf(request)), {
    headers: { ...ITEM_HEADERS, ETag: etagOf(updated.version) },
  });
});

/** DELETE /api/annotations/:id: delete the annotation (author only); If-Match optional. 204. */
export const DELETE = apiRoute<Params>(async ({ request, actor, params }) => {
  const id = parseAnnotationIdParam(params.id);
  const ifMatch = parseIfMatch(request);
  if (ifMatch.kind === "none") {
    throw preconditionFailed();
  }
  await withPrecondition(() =>
    deleteAnnotation(actor, {
      id,
      expectedVersion: ifMatch.kind === "version" ? ifMatch.version : undefined,
    }),
  );
  return new Response(null, { status: 204 });
});

/** OPTIONS /api/annotations/:id: what an annotation allows. */
export function OPTIONS(): Response {
  return optionsResponse(ITEM_HEADERS);
}
