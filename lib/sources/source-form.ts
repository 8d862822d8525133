/**
 * The source form's flat fields and the CSL item they stand for, both ways: the form shows one
 * line per name and a date as text; the server builds the CSL item from them and validates it
 * with `cslItemSchema`. Pure, so the form component can fill itself from a stored item.
 */
import { formatName } from "./derive-source-columns";
import type { CslDate, CslItem, CslName } from "./schemas";

/** The form's text fields that map one-to-one onto CSL variables. */
export const SIMPLE_CSL_FIELDS = [
  ["publisher", "publisher"],
  ["publisherPlace", "publisher-place"],
  ["containerTitle", "container-title"],
  ["volume", "volume"],
  ["issue", "issue"],
  ["page", "page"],
  ["URL", "URL"],
  ["DOI", "DOI"],
  ["ISBN", "ISBN"],
  ["language", "language"],
  ["note", "note"],
] as const;

/** CSL variables the form edits; every other variable of a stored item is carried over as is. */
const FORM_CSL_VARIABLES = new Set<string>([
  "id",
  "citation-key",
  "type",
  "title",
  "author",
  "editor",
  "issued",
  ...SIMPLE_CSL_FIELDS.map(([, variable]) => variable),
]);

/** The form's values as text, keyed by field name. */
export type SourceFormValues = Record<string, string>;

/**
 * One name per line: "Family, Given" (a particle or suffix stays in its part), or a name without
 * a comma kept as written, for organisations ("Uppsala Conflict Data Program").
 */
export function parseNameLines(text: string): CslName[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(parseNameLine);
}

/** One name: "Family, Given" split at its first comma, or a name without a comma as a literal. */
export function parseNameLine(line: string): CslName {
  const comma = line.indexOf(",");
  if (comma === -1) {
    return { literal: line };
  }
  const family = line.slice(0, comma).trim();
  const given = line.slice(comma + 1).trim();
  return given ? { family, given } : { family };
}

/** Names as the form shows them, one per line. */
export function formatNameLines(names: readonly CslName[] | undefined): string {
  return (names ?? []).map(formatName).join("\n");
}

/** "2004", "2004-03" or "2004-03-15" as date-parts; anything else kept as a literal date. */
export function parseDateText(text: string): CslDate | undefined {
  const trimmed = text.trim();
  if (!trimmed) {
    return undefined;
  }
  const match = /^(\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(trimmed);
  if (!match) {
    return { literal: trimmed };
  }
  const parts = [match[1], match[2], match[3]].filter(Boolean).map(Number);
  return { "date-parts": [parts] };
}

/** A CSL date as the form shows it ("2004-03"). */
export function formatDateText(date: CslDate | undefined): string {
  if (!date) {
    return "";
  }
  const parts = date["date-parts"]?.[0];
  if (parts) {
    return parts
      .map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, "0")))
      .join("-");
  }
  return date.literal ?? date.raw ?? "";
}

/**
 * Builds the CSL item from the form's fields; `extra` holds the stored item's other variables
 * (edition, ISSN, …) so an edit does not drop them. The result is validated by the caller.
 */
export function buildCslFromForm(
  values: SourceFormValues,
  extra: Record<string, unknown> = {},
): unknown {
  const item: Record<string, unknown> = {};
  for (const [variable, value] of Object.entries(extra)) {
    if (!FORM_CSL_VARIABLES.has(variable)) {
      item[variable] = value;
    }
  }
  item.type = values.type ?? "";
  item.title = values.title ?? "";
  const authors = parseNameLines(values.author ?? "");
  if (authors.length > 0) {
    item.author = authors;
  }
  const editors = parseNameLines(values.editor ?? "");
  if (editors.length > 0) {
    item.editor = editors;
  }
  const issued = parseDateText(values.issued ?? "");
  if (issued) {
    item.issued = issued;
  }
  for (const [field, variable] of SIMPLE_CSL_FIELDS) {
    const value = values[field]?.trim();
    if (value) {
      item[variable] = value;
    }
  }
  return item;
}

/** The form's values for a stored item, and the variables it does not show (carried over). */
export function toSourceFormValues(item: CslItem): {
  values: SourceFormValues;
  extra: Record<string, unknown>;
} {
  const values: SourceFormValues = {
    type: item.type,
    title: item.title,
    author: formatNameLines(item.author),
    editor: formatNameLines(item.editor),
    issued: formatDateText(item.issued),
  };
  for (const [field, variable] of SIMPLE_CSL_FIELDS) {
    const value = item[variable];
    values[field] = typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
  const extra: Record<string, unknown> = {};
  for (const [variable, value] of Object.entries(item)) {
    if (!FORM_CSL_VARIABLES.has(variable)) {
      extra[variable] = value;
    }
  }
  return { values, extra };
}
