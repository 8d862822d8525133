import { apiRoute } from "@/lib/api/api-route";
import { authorize } from "@/lib/auth/policy";
import { importSources } from "@/lib/sources/import-sources";
import { readSourcesJson } from "@/lib/sources/read-json-body";
import type { ImportSourcesInput } from "@/lib/sources/schemas";

/**
 * POST /api/sources/import: `{ format: "bibtex"|"ris"|"csl-json", text, confirm? }` (annotators and
 * above). 201 with the report when sources were written; 200 for a report that wrote nothing (all
 * duplicates); 400 with the per-entry errors (`details.errors`, each entry, line, message) when
 * some entries are malformed and `confirm` is not set: nothing is written then.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  authorize(actor, "source.create");
  const body = (await readSourcesJson(request)) as ImportSourcesInput;
  const report = await importSources(actor, body);
  if (report.needsConfirmation) {
    const count = report.errors.length;
    return Response.json(
      {
        error: {
          code: "INVALID_INPUT",
          message: `${count} ${count === 1 ? "entry has" : "entries have"} errors; nothing was imported. Send confirm: true to import the valid entries only.`,
          details: { errors: report.errors, report },
        },
      },
      { status: 400 },
    );
  }
  return Response.json(report, { status: report.isWritten ? 201 : 200 });
});
