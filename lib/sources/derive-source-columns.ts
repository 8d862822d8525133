/**
 * The columns derived from a source's CSL item, for lists, search and duplicate detection, and
 * the citation keys generated for new sources. Pure: the use cases, the article importer and the
 * seed compute them the same way.
 */
import type { CslItem, CslName } from "./schemas";

/** The derived columns of a Source row. */
export interface DerivedSourceColumns {
  type: string;
  title: string;
  /** "Coll, Steve; Tomsen, Peter". */
  authorsText: string;
  year: number | null;
  /** Lower-cased, without resolver prefix. */
  doi: string | null;
  /** ISBN-13 digits. */
  isbn: string | null;
  /** The title folded (see {@link foldText}). */
  titleKey: string;
  /** The first author's family (or literal) name folded. */
  authorKey: string;
}

/**
 * Folds text for comparison: compatibility decomposition (NFKD) with the diacritics removed, lower
 * case, every run of punctuation or spaces made one space, trimmed. "Ghost Wars: The Secret
 * History" and "ghost wars the secret history" fold alike, as do "Hekmatyār" and "Hekmatyar".
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A name as one line: "Coll, Steve", "de Groot, Gerard", or the literal name. */
export function formatName(name: CslName): string {
  if (name.literal) {
    return name.literal;
  }
  const family = [name["non-dropping-particle"], name.family].filter(Boolean).join(" ");
  const given = [name.given, name["dropping-particle"]].filter(Boolean).join(" ");
  const suffix = name.suffix ? `, ${name.suffix}` : "";
  return given ? `${family}, ${given}${suffix}` : `${family}${suffix}`;
}

/** The authors (or, without any, the editors) as one line: "Coll, Steve; Tomsen, Peter". */
export function formatAuthorsText(item: CslItem): string {
  const names = item.author?.length ? item.author : (item.editor ?? []);
  return names.map(formatName).join("; ");
}

/** The year an item was issued: the first date part, else four digits in raw or literal text. */
export function deriveYear(item: CslItem): number | null {
  const issued = item.issued;
  if (!issued) {
    return null;
  }
  const first = issued["date-parts"]?.[0]?.[0];
  if (typeof first === "number" && Number.isInteger(first)) {
    return first;
  }
  const match = /\b(\d{4})\b/.exec(issued.raw ?? issued.literal ?? "");
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * A DOI for comparison: trimmed, lower-cased (DOIs are case-insensitive), without a resolver
 * prefix (`https://doi.org/`, `http://dx.doi.org/`) or `doi:`. Null when it does not start with
 * the `10.` of a DOI.
 */
export function normaliseDoi(doi: string | null | undefined): string | null {
  if (!doi) {
    return null;
  }
  const bare = doi
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//, "")
    .replace(/^doi:\s*/, "");
  return bare.startsWith("10.") ? bare : null;
}

/** The check digit of the first twelve digits of an ISBN-13. */
function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let index = 0; index < 12; index += 1) {
    sum += Number(first12[index]) * (index % 2 === 0 ? 1 : 3);
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when ten characters are a valid ISBN-10 (weights 10…1, X for ten). */
function isValidIsbn10(isbn: string): boolean {
  let sum = 0;
  for (let index = 0; index < 10; index += 1) {
    const char = isbn[index] ?? "";
    const value = char === "X" ? 10 : Number(char);
    if (Number.isNaN(value) || (char === "X" && index !== 9)) {
      return false;
    }
    sum += value * (10 - index);
  }
  return sum % 11 === 0;
}

/**
 * An ISBN as ISBN-13 digits: hyphens and spaces dropped, an ISBN-10 converted (978 prefix, new
 * check digit). Of several ISBNs ("978-… (hbk); 0-…"), the first valid one. Null when there is no
 * valid ISBN (a wrong check digit is not silently accepted).
 */
export function normaliseIsbn(isbn: string | null | undefined): string | null {
  if (!isbn) {
    return null;
  }
  for (const part of isbn.toUpperCase().split(/[,;/]|\s{2,}|\(/)) {
    const compact = part.replace(/^\s*ISBN(-1[03])?:?/, "").replace(/[\s-]/g, "");
    const candidate = /^[0-9X]+/.exec(compact)?.[0] ?? "";
    if (candidate.length === 13 && /^\d{13}$/.test(candidate)) {
      if (isbn13CheckDigit(candidate.slice(0, 12)) === candidate[12]) {
        return candidate;
      }
    } else if (candidate.length === 10 && isValidIsbn10(candidate)) {
      const first12 = `978${candidate.slice(0, 9)}`;
      return first12 + isbn13CheckDigit(first12);
    }
  }
  return null;
}

/** The name whose family name keys the source: the first author, else the first editor. */
function firstName(item: CslItem): CslName | undefined {
  return item.author?.[0] ?? item.editor?.[0];
}

/** Computes every derived column of a CSL item. */
export function deriveSourceColumns(item: CslItem): DerivedSourceColumns {
  const first = firstName(item);
  return {
    type: item.type,
    title: item.title,
    authorsText: formatAuthorsText(item),
    year: deriveYear(item),
    doi: normaliseDoi(item.DOI),
    isbn: normaliseIsbn(item.ISBN),
    titleKey: foldText(item.title),
    authorKey: foldText(first?.family ?? first?.literal ?? ""),
  };
}

/** Words skipped when a citation key takes the first significant word of a title. */
const TITLE_STOP_WORDS = new Set([
  "a",
  "an",
  "the",
  "of",
  "on",
  "in",
  "and",
  "to",
  "for",
  "with",
  "at",
  "by",
  "from",
  "der",
  "die",
  "das",
  "le",
  "la",
  "les",
  "el",
  "al",
]);

/** Folded ASCII letters and digits only, for key parts. */
function keyPart(text: string): string {
  return foldText(text).replace(/[^a-z0-9 ]/g, "");
}

/**
 * The base citation key of an item: the first author's family name, the year and the first
 * significant word of the title, folded to ASCII ("coll2004ghost"). Without an author the title's
 * first two significant words stand in; without anything, "source".
 */
export function baseCitationKey(item: CslItem): string {
  const first = firstName(item);
  const family = keyPart(first?.family ?? first?.literal ?? "").replace(/ /g, "");
  const year = deriveYear(item);
  const words = keyPart(item.title)
    .split(" ")
    .filter((word) => word.length > 0 && !TITLE_STOP_WORDS.has(word));
  const titleWords = family ? words.slice(0, 1) : words.slice(0, 2);
  const key = `${family}${year ?? ""}${titleWords.join("")}`.slice(0, 60);
  return key || "source";
}

/** The suffix for the n-th collision (0 → "a", 25 → "z", 26 → "aa"). */
function collisionSuffix(index: number): string {
  let suffix = "";
  let rest = index;
  do {
    suffix = String.fromCharCode(97 + (rest % 26)) + suffix;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return suffix;
}

/**
 * A citation key not in `taken`: the base key, else the base key with `a`, `b`, … appended.
 *
 * @param taken keys already used (at least those starting with the base key)
 */
export function generateCitationKey(item: CslItem, taken: ReadonlySet<string>): string {
  const base = baseCitationKey(item);
  if (!taken.has(base)) {
    return base;
  }
  for (let index = 0; ; index += 1) {
    const candidate = base + collisionSuffix(index);
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
}
