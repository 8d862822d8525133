/**
 * Reading and writing citations as BibTeX, RIS and CSL-JSON with citation-js, the maintained
 * converter. Used by the library's import and export and by the annotated-edition exporters.
 *
 * citation-js parses a whole file at once and stops at the first syntax error, so the text is
 * split into entries first and each entry parsed on its own: a malformed entry is reported with
 * its key and 1-based line, and the good entries are still read. Every item read is then checked
 * against the library's CSL schema (unknown types, missing titles are errors of that entry).
 */
import { Cite } from "@citation-js/core";

import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";

import { baseCitationKey } from "./derive-source-columns";
import { cslItemSchema, type CitationFormat, type CslItem } from "./schemas";

/** The formats and the CSL item type, re-exported for the exporters. */
export type { CitationFormat, CslItem } from "./schemas";

/** A problem with one entry of an imported file. */
export interface CitationError {
  /** The entry's key (BibTeX key, RIS ID, CSL id) or "#N" when it has none. */
  entry: string;
  /** The 1-based line of the problem (or of the entry's start). */
  line: number;
  /** What is wrong, as a sentence. */
  message: string;
}

/** What {@link parseCitations} returns: the good items and one error per bad entry. */
export interface ParsedCitations {
  items: CslItem[];
  errors: CitationError[];
}

/**
 * BibTeX and BibLaTeX entry types that citation-js maps onto CSL types. Any other `@type` is an
 * unknown source type and is refused rather than silently made a "document".
 */
const BIBTEX_ENTRY_TYPES = new Set([
  "article",
  "book",
  "booklet",
  "conference",
  "inbook",
  "incollection",
  "inproceedings",
  "manual",
  "mastersthesis",
  "misc",
  "phdthesis",
  "proceedings",
  "techreport",
  "unpublished",
  "online",
  "electronic",
  "www",
  "report",
  "thesis",
  "collection",
  "mvbook",
  "bookinbook",
  "suppbook",
  "mvcollection",
  "suppcollection",
  "mvproceedings",
  "periodical",
  "suppperiodical",
  "reference",
  "mvreference",
  "inreference",
  "dataset",
  "software",
  "patent",
  "letter",
  "movie",
  "video",
  "audio",
  "music",
  "artwork",
  "image",
  "legislation",
  "legal",
  "jurisdiction",
  "standard",
  "performance",
  "review",
  "interview",
]);

/** BibTeX "entries" that are not sources: strings and preambles are kept for the others. */
const BIBTEX_DIRECTIVES = new Set(["string", "preamble", "comment"]);

/** RIS reference types (RIS specification, 2011). */
const RIS_TYPES = new Set(
  (
    "ABST ADVS AGGR ANCIENT ART BILL BLOG BOOK CASE CHAP CHART CLSWK COMP CONF CPAPER CTLG DATA " +
    "DBASE DICT EBOOK ECHAP EDBOOK EJOUR ELEC ENCYC EQUA FIGURE GEN GOVDOC GRANT HEAR ICOMM INPR " +
    "JFULL JOUR LEGAL MANSCPT MAP MGZN MPCT MULTI MUSIC NEWS PAMP PAT PCOMM RPRT SER SLIDE SOUND " +
    "STAND STAT THES UNBILL UNPB VIDEO WEB"
  ).split(" "),
);

/** A RIS tag line: two characters, two spaces, a hyphen, then the value. */
const RIS_TAG_LINE = /^([A-Z][A-Z0-9])  -(?: (.*))?$/;

/** One entry cut out of a file, with the 1-based line where it starts. */
interface EntryText {
  text: string;
  line: number;
}

/**
 * Parses a BibTeX, RIS or CSL-JSON text into CSL items. Never throws for bad input: each bad
 * entry becomes an error naming the entry and its line, and the others are still returned.
 */
export function parseCitations(text: string, format: CitationFormat): ParsedCitations {
  const result =
    format === "bibtex"
      ? parseBibtex(text)
      : format === "ris"
        ? parseRis(text)
        : parseCslJson(text);
  result.errors.sort((left, right) => left.line - right.line);
  return result;
}

/**
 * Writes CSL items as BibTeX, RIS or CSL-JSON, in the order given. The output depends only on the
 * items (no generated ids or dates), so exports can be compared and cached. Each item's `id` is
 * its citation key; an item without one gets its generated base key.
 */
export function formatCitations(items: readonly CslItem[], format: CitationFormat): string {
  const prepared = items.map(prepareForOutput);
  if (prepared.length === 0) {
    return format === "csl-json" ? "[]\n" : "";
  }
  switch (format) {
    case "csl-json":
      return `${JSON.stringify(prepared, null, 2)}\n`;
    case "bibtex":
      return `${new Cite(prepared).format("bibtex", { format: "text" }).trim()}\n`;
    case "ris":
      return `${new Cite(prepared)
        .format("ris", { format: "text" })
        .replace(/\r\n/g, "\n")
        .trim()}\n`;
  }
}

/** A copy of the item with `id` and `citation-key` set, keys sorted (id and type first). */
function prepareForOutput(item: CslItem): CslItem {
  const id = item.id ?? item["citation-key"] ?? baseCitationKey(item);
  const copy: Record<string, unknown> = structuredClone({ ...item, "citation-key": id, id });
  const sorted: Record<string, unknown> = { id, type: copy.type };
  for (const key of Object.keys(copy).sort()) {
    if (key !== "id" && key !== "type" && copy[key] !== undefined) {
      sorted[key] = copy[key];
    }
  }
  return sorted as CslItem;
}

/** The number of line breaks in `text`. */
function countLines(text: string): number {
  let count = 0;
  for (const char of text) {
    if (char === "\n") {
      count += 1;
    }
  }
  return count;
}

/** The 1-based line of character `offset` of `text`. */
function lineAt(text: string, offset: number): number {
  return countLines(text.slice(0, offset)) + 1;
}

/** Checks items read by citation-js against the CSL schema, as one entry's results. */
function validateItems(
  raw: readonly unknown[],
  entry: EntryText,
  fallbackName: string,
  result: ParsedCitations,
): void {
  for (const candidate of raw) {
    if (
      typeof candidate === "object" &&
      candidate !== null &&
      "id" in candidate &&
      typeof candidate.id === "string" &&
      candidate.id.startsWith("temp_id_")
    ) {
      delete (candidate as { id?: unknown }).id;
    }
    const parsed = cslItemSchema.safeParse(candidate);
    const name = entryNameOf(candidate) ?? fallbackName;
    if (parsed.success) {
      result.items.push(parsed.data);
    } else {
      const issue = parsed.error.issues[0];
      const path = issue?.path.map(String).join(".") ?? "";
      const message = issue?.message ?? "invalid entry.";
      result.errors.push({
        entry: name,
        line: entry.line,
        message: /^[\w.-]+: /.test(message) || !path ? message : `${path}: ${message}`,
      });
    }
  }
}

/** The key or id an item carries, if any (citation-js invents `temp_id_…` ids: ignored). */
function entryNameOf(item: unknown): string | null {
  if (typeof item !== "object" || item === null) {
    return null;
  }
  const record = item as Record<string, unknown>;
  for (const value of [record["citation-key"], record.id]) {
    if ((typeof value === "string" && !value.startsWith("temp_id_")) || typeof value === "number") {
      return String(value);
    }
  }
  return null;
}

/** The first line of citation-js's error message, and the line it names (relative to the input). */
function describeParseError(error: unknown): { message: string; line: number | null } {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split("\n")[0]?.trim() ?? "could not be read";
  const match = /at line (\d+)(?: col (\d+))?/.exec(firstLine);
  return { message: firstLine.replace(/:$/, ""), line: match?.[1] ? Number(match[1]) : null };
}

/** Splits BibTeX text into entries: each starts at a line whose first non-space is `@`. */
function splitBibtexEntries(text: string): EntryText[] {
  const lines = text.split(/\r?\n/);
  const entries: EntryText[] = [];
  let current: { lines: string[]; line: number } | null = null;
  lines.forEach((lineText, index) => {
    if (/^\s*@/.test(lineText)) {
      if (current) {
        entries.push({ text: current.lines.join("\n"), line: current.line });
      }
      current = { lines: [lineText], line: index + 1 };
    } else if (current) {
      current.lines.push(lineText);
    }
  });
  if (current) {
    const last: { lines: string[]; line: number } = current;
    entries.push({ text: last.lines.join("\n"), line: last.line });
  }
  return entries;
}

/** Reads BibTeX entry by entry; `@string` macros are available to every entry. */
function parseBibtex(text: string): ParsedCitations {
  const result: ParsedCitations = { items: [], errors: [] };
  const entries = splitBibtexEntries(text);
  const macros: string[] = [];
  const sources: { entry: EntryText; type: string; key: string }[] = [];
  entries.forEach((entry, index) => {
    const head = /^\s*@\s*([A-Za-z]+)\s*([{(])?\s*([^,\s{}()]*)/.exec(entry.text);
    const type = head?.[1]?.toLowerCase() ?? "";
    const key = head?.[3] || `#${index + 1}`;
    if (type === "string" || type === "preamble") {
      macros.push(entry.text);
      return;
    }
    if (BIBTEX_DIRECTIVES.has(type)) {
      return;
    }
    if (!head?.[2]) {
      result.errors.push({
        entry: key,
        line: entry.line,
        message: `"@${head?.[1] ?? ""}" does not start an entry: expected "@type{key, …}".`,
      });
      return;
    }
    if (!BIBTEX_ENTRY_TYPES.has(type)) {
      result.errors.push({
        entry: key,
        line: entry.line,
        message: `unknown entry type "@${head[1]}"; use a BibTeX or BibLaTeX type such as @book, @article, @incollection, @inproceedings, @thesis, @report, @online or @misc.`,
      });
      return;
    }
    sources.push({ entry, type, key });
  });
  const prefix = macros.length > 0 ? `${macros.join("\n")}\n` : "";
  const prefixLines = countLines(prefix);
  for (const { entry, key } of sources) {
    try {
      const cite = new Cite(prefix + entry.text, { forceType: "@biblatex/text" });
      if (cite.data.length === 0) {
        result.errors.push({ entry: key, line: entry.line, message: "no entry could be read." });
        continue;
      }
      validateItems(cite.data, entry, key, result);
    } catch (error) {
      const { message, line } = describeParseError(error);
      const relative = line === null ? 1 : Math.max(1, line - prefixLines);
      result.errors.push({
        entry: key,
        line: entry.line + relative - 1,
        message: message.replace(/ at line \d+ col \d+/, ""),
      });
    }
  }
  return result;
}

/** Splits RIS text into entries from `TY  -` to `ER  -`; stray lines outside entries are errors. */
function parseRis(text: string): ParsedCitations {
  const result: ParsedCitations = { items: [], errors: [] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let current: { lines: string[]; line: number; id: string | null; error: CitationError | null } = {
    lines: [],
    line: 0,
    id: null,
    error: null,
  };
  let isOpen = false;
  let count = 0;

  const finish = (endLine: number, hasEnd: boolean) => {
    const name = current.id ?? `#${count}`;
    if (current.error) {
      result.errors.push({ ...current.error, entry: name });
    } else if (!hasEnd) {
      result.errors.push({
        entry: name,
        line: endLine,
        message: `the entry starting at line ${current.line} has no "ER  -" line.`,
      });
    } else {
      const entry = { text: `${current.lines.join("\n")}\n`, line: current.line };
      try {
        const cite = new Cite(entry.text, { forceType: "@ris/file" });
        validateItems(cite.data, entry, name, result);
      } catch (error) {
        result.errors.push({
          entry: name,
          line: entry.line,
          message: describeParseError(error).message,
        });
      }
    }
    isOpen = false;
  };

  lines.forEach((lineText, index) => {
    const lineNumber = index + 1;
    if (lineText.trim() === "") {
      return;
    }
    const tag = RIS_TAG_LINE.exec(lineText.trimEnd());
    if (!isOpen) {
      if (tag?.[1] === "TY") {
        count += 1;
        isOpen = true;
        current = { lines: [lineText.trimEnd()], line: lineNumber, id: null, error: null };
        const type = (tag[2] ?? "").trim();
        if (!RIS_TYPES.has(type)) {
          current.error = {
            entry: "",
            line: lineNumber,
            message: `unknown RIS type "${type}"; use a RIS type such as BOOK, JOUR, CHAP, NEWS, RPRT, THES, WEB, DATA or GEN.`,
          };
        }
      } else {
        result.errors.push({
          entry: `#${count + 1}`,
          line: lineNumber,
          message: `expected "TY  - " to start an entry, found "${lineText.trim().slice(0, 40)}".`,
        });
      }
      return;
    }
    if (!tag) {
      current.error ??= {
        entry: "",
        line: lineNumber,
        message: `"${lineText.trim().slice(0, 40)}" is not a RIS line ("XX  - value").`,
      };
      return;
    }
    if (tag[1] === "ID" && tag[2]) {
      current.id = tag[2].trim();
    }
    if (tag[1] === "TY") {
      finish(lineNumber, false);
      count += 1;
      isOpen = true;
      current = { lines: [lineText.trimEnd()], line: lineNumber, id: null, error: null };
      return;
    }
    current.lines.push(lineText.trimEnd());
    if (tag[1] === "ER") {
      finish(lineNumber, true);
    }
  });
  if (isOpen) {
    finish(lines.length, false);
  }
  return result;
}

/** The offsets where the top-level array's elements start (for their line numbers). */
function arrayElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let isExpectingElement = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") {
        index += 1;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (isExpectingElement && char !== undefined && !/\s/.test(char) && char !== "]") {
      offsets.push(index);
      isExpectingElement = false;
    }
    if (char === '"') {
      inString = true;
    } else if (char === "[" || char === "{") {
      depth += 1;
      if (depth === 1 && char === "[") {
        isExpectingElement = true;
      }
    } else if (char === "]" || char === "}") {
      depth -= 1;
    } else if (char === "," && depth === 1) {
      isExpectingElement = true;
    }
  }
  return offsets;
}

/**
 * The line of a JSON.parse error: from "position N" when the engine gives it, else by finding the
 * excerpt V8 quotes ("Unexpected token '}', ...\"title\": }\"…") in the text; the end of the
 * text for an unexpected end, else line 1.
 */
function jsonErrorLine(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position?.[1]) {
    return lineAt(text, Number(position[1]));
  }
  if (/end of JSON input/.test(message)) {
    return countLines(text.trimEnd()) + 1;
  }
  const excerpt =
    /^Unexpected token '(.+?)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(
      message,
    );
  if (excerpt?.[1] && excerpt[2]) {
    const start = text.indexOf(excerpt[2]);
    if (start !== -1) {
      return lineAt(text, start + Math.max(0, excerpt[2].indexOf(excerpt[1])));
    }
  }
  return 1;
}

/** Reads a CSL-JSON array (or a single item); each item is checked on its own. */
function parseCslJson(text: string): ParsedCitations {
  const result: ParsedCitations = { items: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = jsonErrorLine(text, message);
    result.errors.push({
      entry: "file",
      line,
      message: `not valid JSON: ${message.split("\n")[0] ?? ""}`,
    });
    return result;
  }
  const list = Array.isArray(data) ? data : [data];
  const offsets = Array.isArray(data) ? arrayElementOffsets(text) : [text.search(/\S/)];
  list.forEach((candidate, index) => {
    const line = lineAt(text, Math.max(0, offsets[index] ?? 0));
    validateItems([candidate], { text: "", line }, `#${index + 1}`, result);
  });
  return result;
}
