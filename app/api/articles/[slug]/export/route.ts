import { apiRoute } from "@/lib/api/api-route";
import { decodeSlug } from "@/lib/articles/decode-slug";
import { exportEdition } from "@/lib/export/export-edition";
import { buildContentDisposition, startExportStream } from "@/lib/export/export-stream";
import { parseExportQuery } from "@/lib/export/options";

/** Exports are built per request from live data. */
export const dynamic = "force-dynamic";

/**
 * GET /api/articles/<slug>/export?format=html&revision=2&only=claims&tag=…&author=…&section=…
 * &threads=false&anonymise=true: downloads the annotated edition, streamed, with its Content-Type
 * and an attachment Content-Disposition. Anonymous callers may export (public content only), as
 * they may read; signed-in callers and API tokens export what they may read. Bad parameters → 400
 * naming them; unknown article or revision → 404; PDF without Chromium, or while the server is already printing
 * (one PDF at a time, two waiting) → 503; all as JSON errors.
 */
export const GET = apiRoute<{ slug: string }>(async ({ request, actor, params }) => {
  const options = parseExportQuery(new URL(request.url).searchParams);
  const result = await exportEdition(actor, decodeSlug(params.slug), options);
  const body = await startExportStream(result.stream);
  return new Response(body, {
    headers: {
      "Content-Type": result.contentType,
      "Content-Disposition": buildContentDisposition(result.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      // The HTML edition needs nothing but its inline styles; nothing else may load or run.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
