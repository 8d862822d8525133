/**
 * The edition's sources as CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html):
 * an array of the CSL items of every source the edition cites or the article's bibliography links
 * to, ordered by citation key, each item's `id` (and `citation-key`) its key. Written by the source
 * library's converter (`formatCitations`), so a library export and an edition agree byte for byte;
 * it sorts each item's keys and pretty-prints, so the output is deterministic.
 *
 * Pure: no Prisma.
 */
import { formatCitations, type CslItem } from "@/lib/sources/convert-citations";

import type { Edition, EditionSource } from "../edition-model";

/**
 * A source's stored CSL item with its key as `id`. The item was validated by the source library
 * when it was stored, so it is a CSL item; only the id is set here.
 */
export function toCslItem(source: EditionSource): CslItem {
  const { "citation-key": _citationKey, ...item } = source.csl;
  void _citationKey;
  return { ...item, id: source.key, type: source.type, title: source.title } as CslItem;
}

/** The edition's sources as CSL items, by key (the model's order). */
export function editionCslItems(edition: Edition): CslItem[] {
  return edition.sources.map(toCslItem);
}

/** Writes the edition's sources as one CSL-JSON array ("[]" when it cites none). */
export function* writeCslJson(edition: Edition): Generator<string> {
  yield formatCitations(editionCslItems(edition), "csl-json");
}
