/**
 * The interface every edition writer implements: a function from the export model to a stream of
 * chunks. Writers never query the database; they stream what `loadEdition` built, chunk by chunk,
 * so a large edition never sits in memory twice. Text formats yield strings; binary formats (PDF)
 * yield bytes.
 */
import type { Edition } from "../edition-model";
import type { ExportFormat } from "../options";

/** One piece of an export: text (UTF-8 on the wire) or bytes. */
export type ExportChunk = string | Uint8Array;

/**
 * Writes an edition in one format. Same edition, same chunks: writers must be deterministic (no
 * clock, no randomness, no locale-dependent formatting; dates come from the model).
 */
export type EditionWriter = (
  edition: Edition,
) => AsyncIterable<ExportChunk> | Iterable<ExportChunk>;

/** How a format is delivered: file extension and MIME type. */
export interface ExportFormatFile {
  /** Without the dot. */
  extension: string;
  contentType: string;
}

/** File extension and Content-Type of each format. */
export const EXPORT_FORMAT_FILES: Record<ExportFormat, ExportFormatFile> = {
  html: { extension: "html", contentType: "text/html; charset=utf-8" },
  pdf: { extension: "pdf", contentType: "application/pdf" },
  md: { extension: "md", contentType: "text/markdown; charset=utf-8" },
  tei: { extension: "tei.xml", contentType: "application/tei+xml; charset=utf-8" },
  jsonld: { extension: "jsonld", contentType: "application/ld+json; charset=utf-8" },
  csl: {
    extension: "csl.json",
    contentType: "application/vnd.citationstyles.csl+json; charset=utf-8",
  },
  bibtex: { extension: "bib", contentType: "application/x-bibtex; charset=utf-8" },
  claimreview: {
    extension: "claimreview.jsonld",
    contentType: "application/ld+json; charset=utf-8",
  },
};

/**
 * Collects a writer's chunks into one string (tests, and the PDF writer, which prints the whole
 * HTML edition). Throws on binary chunks.
 */
export async function collectText(
  chunks: AsyncIterable<ExportChunk> | Iterable<ExportChunk>,
): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") {
      throw new Error("collectText: the writer produced binary data");
    }
    parts.push(chunk);
  }
  return parts.join("");
}
