import { apiRoute } from "@/lib/api/api-route";
import { authorize } from "@/lib/auth/policy";
import { createSource } from "@/lib/sources/create-source";
import { exportSources } from "@/lib/sources/export-sources";
import { listSources } from "@/lib/sources/list-sources";
import { readSourcesJson } from "@/lib/sources/read-json-body";
import {
  listSourcesSchema,
  type CreateSourceInput,
  type ExportSourcesInput,
} from "@/lib/sources/schemas";

/**
 * GET /api/sources: the library as JSON (`?q=` words, `?category=PRIMARY|SECONDARY|TERTIARY`);
 * with `?format=csl-json|bibtex|ris` a download of every live source (or of `?id=…&id=…`).
 */
export const GET = apiRoute(async ({ request }) => {
  const query = new URL(request.url).searchParams;
  const format = query.get("format");
  if (format !== null) {
    const ids = query.getAll("id");
    // exportSources validates the format (INVALID_INPUT naming `format`) and the ids.
    const file = await exportSources({
      format: format as ExportSourcesInput["format"],
      ...(ids.length > 0 ? { ids } : {}),
    });
    return new Response(file.text, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
      },
    });
  }
  const filters = listSourcesSchema.parse({
    query: query.get("q") ?? undefined,
    category: query.get("category") ?? undefined,
  });
  const sources = await listSources(filters);
  return { sources };
});

/**
 * POST /api/sources: add a source (annotators and above). Body: `{ csl, key?, category?,
 * proximity?, authorPosition?, critique? }`. 201 with the saved source and any duplicate warnings.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  authorize(actor, "source.create");
  const body = (await readSourcesJson(request)) as CreateSourceInput;
  const saved = await createSource(actor, body);
  return Response.json(saved, { status: 201 });
});
