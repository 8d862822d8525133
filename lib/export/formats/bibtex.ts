/**
 * The edition's sources as BibTeX: one entry per source the edition cites or the article's
 * bibliography links to, ordered by citation key, the entry key being the source's key. Written by
 * the source library's converter (`formatCitations`, citation-js), so a library export and an
 * edition agree: special characters are escaped (`\&`, `\%`, `\#`, `\textless{}` for "<", …),
 * letters with diacritics become TeX accents, and capitals in titles are braced. Deterministic:
 * the same sources give the same bytes.
 *
 * Pure: no Prisma.
 */
import { formatCitations } from "@/lib/sources/convert-citations";

import type { Edition } from "../edition-model";
import { editionCslItems } from "./csl";

/** Writes the edition's sources as BibTeX ("" when it cites none). */
export function* writeBibtex(edition: Edition): Generator<string> {
  yield formatCitations(editionCslItems(edition), "bibtex");
}
