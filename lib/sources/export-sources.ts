import "server-only";

import { prisma } from "@/lib/db";

import { formatCitations } from "./convert-citations";
import {
  exportSourcesSchema,
  parseSourceInput,
  type CslItem,
  type ExportSourcesInput,
} from "./schemas";
import { liveSourceWhere } from "./source-records";

/** A file to download. */
export interface ExportedCitations {
  /** The file's text. */
  text: string;
  /** Its media type. */
  contentType: string;
  /** A file name such as "sources.bib". */
  fileName: string;
  /** How many sources it holds. */
  count: number;
}

/** Media type and extension of each format. */
const FILE_KINDS = {
  "csl-json": { contentType: "application/vnd.citationstyles.csl+json", extension: "json" },
  bibtex: { contentType: "application/x-bibtex; charset=utf-8", extension: "bib" },
  ris: { contentType: "application/x-research-info-systems; charset=utf-8", extension: "ris" },
} as const;

/**
 * Writes the library (every live source, by citation key) or the chosen sources (in the order
 * given; deleted and merged ones too, as they were asked for by id) as CSL-JSON, BibTeX or RIS.
 * Anyone may read the library, so anyone may export it.
 *
 * @throws AppError INVALID_INPUT (format, ids)
 */
export async function exportSources(input: ExportSourcesInput): Promise<ExportedCitations> {
  const data = parseSourceInput(exportSourcesSchema, input);
  const rows = await prisma.source.findMany({
    where: data.ids ? { id: { in: data.ids } } : liveSourceWhere,
    select: { id: true, key: true, csl: true },
    orderBy: { key: "asc" },
  });
  const ordered = data.ids ? data.ids.flatMap((id) => rows.filter((row) => row.id === id)) : rows;
  const items = ordered.map((row) => ({ ...(row.csl as CslItem), id: row.key }));
  const kind = FILE_KINDS[data.format];
  return {
    text: formatCitations(items, data.format),
    contentType: kind.contentType,
    fileName: `sources.${kind.extension}`,
    count: items.length,
  };
}
