import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

import type { Edition } from "./edition-model";
import { writeBibtex } from "./formats/bibtex";
import { writeClaimReview } from "./formats/claimreview";
import { writeCslJson } from "./formats/csl";
import { writeHtml } from "./formats/html";
import { writeJsonLd } from "./formats/jsonld";
import { writeMarkdown } from "./formats/markdown";
import { writePdf } from "./formats/pdf";
import { writeTei } from "./formats/tei";
import { EXPORT_FORMAT_FILES, type EditionWriter, type ExportChunk } from "./formats/writer";
import { loadEdition } from "./load-edition";
import type { ExportFormat } from "./options";

/** An export ready to send: a file name, its MIME type, and the body as a stream of chunks. */
export interface EditionExport {
  /** `<slug>-r<revision>.<extension>`, ASCII-safe for Content-Disposition's `filename*`. */
  filename: string;
  contentType: string;
  /** The body; text chunks are UTF-8 on the wire. */
  stream: AsyncIterable<ExportChunk>;
  /** The model the body is written from. */
  edition: Edition;
}

/**
 * The writer of each format. A format missing here would be refused with a clear message (kept
 * partial so a format can be listed before its writer exists).
 */
const WRITERS: Partial<Record<ExportFormat, EditionWriter>> = {
  html: writeHtml,
  pdf: writePdf,
  md: writeMarkdown,
  tei: writeTei,
  jsonld: writeJsonLd,
  csl: writeCslJson,
  bibtex: writeBibtex,
  claimreview: writeClaimReview,
};

/**
 * Exports the edition of the article `slug` in `options.format`: loads the model once
 * (`loadEdition`, which checks permissions and visibility) and hands it to the format's writer.
 *
 * @throws AppError INVALID_INPUT for bad options, NOT_FOUND for an unknown article or revision,
 *   UNAVAILABLE for a format whose writer is not available
 */
export async function exportEdition(
  actor: Actor | null,
  slug: string,
  options: unknown,
): Promise<EditionExport> {
  const edition = await loadEdition(actor, slug, options);
  const format = edition.options.format;
  const writer = WRITERS[format];
  if (!writer) {
    throw new AppError("UNAVAILABLE", `format: the ${format} export is not available yet.`, {
      field: "format",
    });
  }
  const file = EXPORT_FORMAT_FILES[format];
  return {
    filename: `${edition.article.slug}-r${edition.revision.number}.${file.extension}`,
    contentType: file.contentType,
    stream: toAsyncIterable(writer(edition)),
    edition,
  };
}

/** Any iterable as an async one, so every caller streams the same way. */
async function* toAsyncIterable(
  chunks: AsyncIterable<ExportChunk> | Iterable<ExportChunk>,
): AsyncIterable<ExportChunk> {
  yield* chunks;
}
