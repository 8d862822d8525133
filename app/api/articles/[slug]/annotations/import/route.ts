import { MAX_IMPORT_BYTES } from "@/lib/annotations/import-schemas";
import { importWebAnnotations } from "@/lib/annotations/import-web-annotations";
import { apiRoute } from "@/lib/api/api-route";
import { readBodyWithLimit } from "@/lib/api/read-body";
import { decodeSlug } from "@/lib/articles/decode-slug";
import { authorize } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

type Params = { slug: string };

/** Room for a multipart upload's boundaries and headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** A `?confirm=` / `?preview=` flag: absent, "true"/"1" or "false"/"0". */
function readFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null || value === "false" || value === "0") {
    return false;
  }
  if (value === "" || value === "true" || value === "1") {
    return true;
  }
  throw new AppError("INVALID_INPUT", `${name}: must be true or false.`, { field: name });
}

/** The uploaded file's text: the body itself, or the `file` field of a multipart form. */
async function readImportFile(request: Request): Promise<string> {
  const contentType = request.headers.get("content-type") ?? "";
  const bytes = await readBodyWithLimit(
    request,
    MAX_IMPORT_BYTES + (contentType.startsWith("multipart/") ? MULTIPART_OVERHEAD_BYTES : 0),
    "file",
  );
  if (!contentType.startsWith("multipart/form-data")) {
    return new TextDecoder().decode(bytes);
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), {
      headers: { "content-type": contentType },
    }).formData();
  } catch (error) {
    // A body that does not match its multipart content type (no boundary, cut short, garbled).
    throw new AppError(
      "INVALID_INPUT",
      `file: the multipart form cannot be read (${error instanceof Error ? error.message : "malformed"}); send the file as the body, or as the "file" field of a well-formed multipart/form-data upload.`,
      { field: "file" },
    );
  }
  const file = form.get("file");
  if (file === null) {
    throw new AppError("INVALID_INPUT", "file: choose a file to import.", { field: "file" });
  }
  return typeof file === "string" ? file : file.text();
}

/**
 * POST /api/articles/:slug/annotations/import: import W3C Web Annotation JSON-LD (one annotation,
 * an array, an AnnotationPage or an AnnotationCollection) onto the article's current revision.
 * The body is the file (JSON or text), or a multipart form with a `file` field; at most 10 MB. A
 * multipart body that cannot be read, or a file that is not JSON, not annotations or nested more
 * than 100 levels deep, is a 400.
 *
 * `?preview=true` only reports; `?confirm=true` imports the usable items even though some were
 * rejected. Answers with the report: 201 when something was imported, 200 for a preview or when
 * everything is already present, 400 with the report under `report` when items were rejected and
 * the import was not confirmed (nothing written).
 */
export const POST = apiRoute<Params>(async ({ request, actor, params }) => {
  // Refuse before reading an upload from someone who may not annotate.
  authorize(actor, "annotation.create");
  const query = new URL(request.url).searchParams;
  const confirm = readFlag(query, "confirm");
  const preview = readFlag(query, "preview");
  const json = await readImportFile(request);
  const report = await importWebAnnotations(actor, {
    slug: decodeSlug(params.slug),
    json,
    confirm,
    preview,
  });
  if (report.status === "needs-confirmation") {
    const count = report.rejected.length;
    return Response.json(
      {
        error: {
          code: "INVALID_INPUT",
          message: `${count} item${count === 1 ? "" : "s"} cannot be imported (see the report); nothing was written. Send it again with ?confirm=true to import the ${report.placed.length + report.orphaned.length} usable item(s).`,
        },
        report,
      },
      { status: 400 },
    );
  }
  return Response.json({ report }, { status: report.status === "imported" ? 201 : 200 });
});
