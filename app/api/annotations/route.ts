import { createWebAnnotation } from "@/lib/annotations/create-web-annotation";
import { listAnnotationsPage } from "@/lib/annotations/list-annotations-page";
import {
  annotationIri,
  toAnnotationCollection,
  toAnnotationPage,
  toWebAnnotation,
} from "@/lib/annotations/web-annotation";
import {
  annotationJson,
  baseUrlOf,
  CONTAINER_HEADERS,
  CONTAINER_PAGE_SIZE,
  etagOf,
  optionsResponse,
  readAnnotationJson,
} from "@/lib/annotations/web-annotation-http";
import { apiRoute } from "@/lib/api/api-route";
import { authorize } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

/**
 * GET /api/annotations: the W3C Web Annotation Protocol container of every annotation the caller
 * may see, as an AnnotationCollection whose first page is embedded; `?page=N` (from 0) gives one
 * AnnotationPage; `?article=<slug>` keeps one article's annotations.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  const query = new URL(request.url).searchParams;
  const pageParam = query.get("page");
  const page = pageParam === null ? 0 : Number(pageParam);
  if (!Number.isInteger(page) || page < 0) {
    throw new AppError("INVALID_INPUT", "page: must be a whole number from 0.");
  }
  const articleSlug = query.get("article") ?? undefined;
  const result = await listAnnotationsPage(actor, {
    articleSlug,
    page,
    pageSize: CONTAINER_PAGE_SIZE,
  });
  const paging = { ...result, baseUrl: baseUrlOf(request) };
  const body =
    pageParam === null
      ? toAnnotationCollection(result.items, paging)
      : toAnnotationPage(result.items, paging);
  return annotationJson(body, { headers: { ...CONTAINER_HEADERS } });
});

/**
 * POST /api/annotations: create an annotation from a W3C Web Annotation (JSON-LD). 201 with its
 * representation, `Location` and `ETag`.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  // Refuse before reading a body from someone who may not annotate.
  authorize(actor, "annotation.create");
  const created = await createWebAnnotation(actor, await readAnnotationJson(request));
  const baseUrl = baseUrlOf(request);
  return annotationJson(toWebAnnotation(created, baseUrl), {
    status: 201,
    headers: {
      ...CONTAINER_HEADERS,
      Location: annotationIri(baseUrl, created.id),
      ETag: etagOf(created.version),
    },
  });
});

/** OPTIONS /api/annotations: what the container allows. */
export function OPTIONS(): Response {
  return optionsResponse(CONTAINER_HEADERS);
}
