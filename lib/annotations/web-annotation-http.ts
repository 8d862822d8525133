import "server-only";

import { readBodyWithLimit } from "@/lib/api/read-body";
import { AppError, isAppError } from "@/lib/errors";

import { annotationNotFound } from "./annotation-view";
import { annotationIdSchema } from "./schemas";

/**
 * HTTP details of the Web Annotation Protocol container (`app/api/annotations`): media type,
 * headers, ETags and If-Match, so that the route files stay thin.
 */

/** The media type of every annotation, page and collection the container sends. */
export const ANNOTATION_MEDIA_TYPE =
  'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** Largest annotation accepted in a POST or PUT: a body of 20,000 characters fits many times. */
export const MAX_ANNOTATION_REQUEST_BYTES = 512 * 1024;

/** Annotations per container page. */
export const CONTAINER_PAGE_SIZE = 20;

/** Headers of the container (LDP BasicContainer constrained by the annotation protocol). */
export const CONTAINER_HEADERS: Readonly<Record<string, string>> = {
  Link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
  Allow: "GET, HEAD, POST, OPTIONS",
  "Accept-Post": ANNOTATION_MEDIA_TYPE,
  Vary: "Accept",
};

/** Headers of one annotation. */
export const ITEM_HEADERS: Readonly<Record<string, string>> = {
  Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
  Allow: "GET, HEAD, PUT, DELETE, OPTIONS",
  Vary: "Accept",
};

/** The site's public origin for IRIs: NEXTAUTH_URL's origin when set, else the request's. */
export function baseUrlOf(request: Request): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting is next-auth's problem to report; fall back to the request.
    }
  }
  return new URL(request.url).origin;
}

/** The weak ETag of an annotation version: `W/"3"`. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** A JSON-LD response with the annotation media type. */
export function annotationJson(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": ANNOTATION_MEDIA_TYPE, ...init.headers },
  });
}

/** An empty answer to OPTIONS with the resource's headers. */
export function optionsResponse(headers: Readonly<Record<string, string>>): Response {
  return new Response(null, { status: 204, headers });
}

/** The annotation id of a route, or NOT_FOUND for something that cannot be one. */
export function parseAnnotationIdParam(id: string): string {
  const parsed = annotationIdSchema.safeParse(id);
  if (!parsed.success) {
    throw annotationNotFound();
  }
  return parsed.data;
}

/** The JSON of a POST or PUT, refused (400) when it is not JSON and (413) when it is too large. */
export async function readAnnotationJson(request: Request): Promise<unknown> {
  const bytes = await readBodyWithLimit(request, MAX_ANNOTATION_REQUEST_BYTES, "annotation");
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") {
    throw new AppError(
      "INVALID_INPUT",
      "annotation: the request body is empty; send a JSON-LD annotation.",
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(
      "INVALID_INPUT",
      `annotation: the request body is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`,
    );
  }
}

/** What an If-Match header asks for. */
export type IfMatch =
  /** No header. */
  | { kind: "absent" }
  /** `*`: whatever the current version is. */
  | { kind: "any" }
  /** A version from one of our ETags. */
  | { kind: "version"; version: number }
  /** Tags that are not ours: nothing can match them. */
  | { kind: "none" };

/**
 * Reads If-Match. Our ETags are weak (`W/"3"`); a client that strips the `W/` or sends a list is
 * understood too (the first of our tags counts).
 */
export function parseIfMatch(request: Request): IfMatch {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "") {
    return { kind: "absent" };
  }
  if (header.trim() === "*") {
    return { kind: "any" };
  }
  for (const tag of header.split(",")) {
    const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(tag);
    if (match?.[1]) {
      return { kind: "version", version: Number(match[1]) };
    }
  }
  return { kind: "none" };
}

/** 428: a PUT without If-Match could overwrite someone else's edit. */
export function preconditionRequired(): Response {
  return Response.json(
    {
      error: {
        code: "PRECONDITION_REQUIRED",
        message:
          'Precondition Required: send If-Match with the ETag from your last GET (for example If-Match: W/"1"), so that no one else\'s edit is overwritten.',
      },
    },
    { status: 428 },
  );
}

/** The 412 for an If-Match that is not the current version. */
export function preconditionFailed(currentVersion?: number): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    currentVersion === undefined
      ? "Precondition Failed: If-Match does not name a version of this annotation."
      : `Precondition Failed: This annotation was changed by someone else (now version ${currentVersion}, ETag W/"${currentVersion}"); GET it again and reapply your edit.`,
    currentVersion === undefined ? undefined : { currentVersion },
  );
}

/**
 * Runs a versioned write and turns the use case's CONFLICT about versions into the protocol's 412
 * Precondition Failed (the app's server actions keep 409).
 */
export async function withPrecondition<Result>(write: () => Promise<Result>): Promise<Result> {
  try {
    return await write();
  } catch (error) {
    if (
      isAppError(error) &&
      error.code === "CONFLICT" &&
      typeof error.details?.currentVersion === "number"
    ) {
      throw preconditionFailed(error.details.currentVersion);
    }
    throw error;
  }
}
