/**
 * Parse the plain-text article format (`= Title =`, `== Heading ==`, an `Infobox` block, `- `
 * lists, label lines and a Bibliography section) into structured blocks.
 *
 * The parser never drops text: anything that looks like markup but is malformed is kept as a
 * paragraph and explained in `warnings`. Text is kept exactly as written; markup-looking text such
 * as `<hr>` stays plain text. Pure: no React, Prisma or DOM.
 */

import { createUniqueAnchors, slugify } from "@/lib/articles/slugify";
import { AppError } from "@/lib/errors";

/** One `- Key: Value` line of the infobox. */
export interface ParsedInfoboxField {
  /** Text before the first `: ` (or before a trailing `:`); "" when the line has no separator. */
  key: string;
  /** Text after the separator, exactly as written; may be "". */
  value: string;
  /** 1-based line number in the source. */
  line: number;
}

/** One `- ` item of the Bibliography section. */
export interface ParsedBibliographyEntry {
  /** The item text without its `- ` prefix, exactly as written. */
  raw: string;
  /** Text before the separator dot, e.g. `Goodson, Larry P.`; null when the entry does not fit. */
  author: string | null;
  /** Text inside the quotes; null when the entry does not fit. */
  title: string | null;
  /** Four-digit year after the title, or null when there is none. */
  year: number | null;
  /** 1-based line number in the source. */
  line: number;
}

/** Heading levels below the title: `==` is 2, `======` is 6. */
export type ParsedHeadingLevel = 2 | 3 | 4 | 5 | 6;

/** One block of the article body, in document order. */
export type ParsedBlock =
  | {
      type: "heading";
      level: ParsedHeadingLevel;
      /** Heading text without its `=` marks and surrounding spaces. */
      text: string;
      /** Unique, stable id for links and the table of contents, e.g. `aftermath-2`. */
      anchor: string;
      line: number;
    }
  | { type: "paragraph"; text: string; line: number }
  /** A short line ending in `:` that introduces what follows, e.g. `99th Missile Brigade:`. */
  | { type: "label"; text: string; line: number }
  | {
      type: "list";
      items: { text: string; line: number }[];
      /** True for lists inside the Bibliography section; their items are also bibliography entries. */
      isBibliography: boolean;
    };

/** Everything `parseArticle` extracts from one article file. */
export interface ParsedArticle {
  title: string;
  /** `slugify(title)`, e.g. `afghan-civil-war-1989-1992`. */
  slug: string;
  infobox: ParsedInfoboxField[];
  blocks: ParsedBlock[];
  bibliography: ParsedBibliographyEntry[];
  /** One human-readable line per construct that was kept in a degraded form, prefixed `line N:`. */
  warnings: string[];
}

/** Slug used when the title has no letters or digits at all. */
const ARTICLE_SLUG_FALLBACK = "article";

/** Anchor used for a heading with no letters or digits at all. */
const SECTION_ANCHOR_FALLBACK = "section";

/** Deepest heading level the format has (`======`). */
const MAX_HEADING_LEVEL = 6;

/** Label lines are short: longer lines ending in `:` are sentences introducing a quote or list. */
const MAX_LABEL_LENGTH = 80;

/**
 * Sentence punctuation that disqualifies a label line. Besides `.`, `!` and `?` this covers the
 * ellipsis and the Arabic-script, CJK and full-width sentence marks, so non-Latin sentences ending
 * in `:` are not mistaken for labels either.
 */
const SENTENCE_PUNCTUATION = /[.!?…؟۔。！？]/u;

/** At least one letter or digit: a bare `:` is not a label. */
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The infobox marker line. */
const INFOBOX_MARKER = /^infobox$/i;

/** Prefix of list items and infobox fields. */
const ITEM_PREFIX = "- ";

/** The heading text that turns a section into the bibliography (compared case-insensitively). */
const BIBLIOGRAPHY_HEADING = "bibliography";

/**
 * `Author. "Title"` with an optional year: `(2001)`, `. 2001.` or `, 2001`.
 *
 * The author is matched lazily so the FIRST `. "` separates it from the title, and a trailing
 * initial survives: `Goodson, Larry P.. "…"` gives the author `Goodson, Larry P.`. The title is
 * matched greedily up to the LAST closing quote, so quotes inside a title stay in it. Straight and
 * curly quotes are both accepted.
 */
const BIBLIOGRAPHY_ENTRY =
  /^\s*(?<author>.*?\S)\.\s+["“](?<title>.+)["”](?:\s*\((?<parenYear>\d{4})\)|[.,]?\s+(?<bareYear>\d{4}))?\.?\s*$/u;

/** Warnings quote at most this many characters of the offending line. */
const MAX_QUOTED_LENGTH = 60;

/** A line that starts with `=`, read as heading marks around text. */
type MarkedLine =
  { kind: "heading"; level: number; text: string } | { kind: "malformed"; problem: string };

/** Shorten a line for a warning message. */
function quoteLine(line: string): string {
  const characters = Array.from(line);
  const shown =
    characters.length > MAX_QUOTED_LENGTH
      ? `${characters.slice(0, MAX_QUOTED_LENGTH).join("")}…`
      : line;
  return JSON.stringify(shown);
}

/**
 * Read `== Text ==`-style marks, or return null for a line that does not look like a heading.
 *
 * A line looks like a heading when it starts with `==`, or starts and ends with `=`. A single
 * leading `=` with no closing one (e.g. `=SUM(A1)`) is ordinary text. Trailing whitespace after the
 * closing marks is tolerated; spaces between marks and text are optional.
 */
function readMarkedLine(line: string): MarkedLine | null {
  const trimmed = line.trimEnd();
  const match = /^(=+)(.*?)(=*)$/u.exec(trimmed);
  if (match === null) {
    return null;
  }
  const opening = match[1]?.length ?? 0;
  const closing = match[3]?.length ?? 0;
  const text = (match[2] ?? "").trim();
  if (opening === 1 && closing === 0) {
    return null;
  }
  if (text === "") {
    return { kind: "malformed", problem: "has heading marks but no text" };
  }
  if (closing === 0) {
    return { kind: "malformed", problem: "is a heading that is not closed" };
  }
  if (opening !== closing) {
    return {
      kind: "malformed",
      problem: `is a heading that opens with ${opening} "=" but closes with ${closing}`,
    };
  }
  if (opening > MAX_HEADING_LEVEL) {
    return {
      kind: "malformed",
      problem: `is a heading with ${opening} "="; the deepest level is ${MAX_HEADING_LEVEL}`,
    };
  }
  return { kind: "heading", level: opening, text };
}

/** Narrow a heading depth to the levels the body may use. */
function isBodyHeadingLevel(level: number): level is ParsedHeadingLevel {
  return level >= 2 && level <= MAX_HEADING_LEVEL;
}

/** A short line ending in `:` with no sentence punctuation, e.g. `99th Missile Brigade:`. */
function isLabelLine(line: string): boolean {
  const trimmed = line.trimEnd();
  return (
    trimmed.endsWith(":") &&
    Array.from(trimmed).length <= MAX_LABEL_LENGTH &&
    !SENTENCE_PUNCTUATION.test(trimmed) &&
    HAS_WORD_CHARACTER.test(trimmed)
  );
}

/** Split `Key: Value` (or `Key:`); a line with neither becomes a field with an empty key. */
function readInfoboxField(text: string, line: number, warnings: string[]): ParsedInfoboxField {
  const separator = text.indexOf(": ");
  if (separator !== -1) {
    return { key: text.slice(0, separator), value: text.slice(separator + 2), line };
  }
  if (text.endsWith(":")) {
    return { key: text.slice(0, -1), value: "", line };
  }
  warnings.push(
    `line ${line}: infobox line ${quoteLine(text)} has no "Key: " separator; kept with an empty key`,
  );
  return { key: "", value: text, line };
}

/** Read `Author. "Title"` plus an optional year; an entry that does not fit keeps only `raw`. */
function readBibliographyEntry(
  text: string,
  line: number,
  warnings: string[],
): ParsedBibliographyEntry {
  const groups = BIBLIOGRAPHY_ENTRY.exec(text)?.groups;
  if (groups?.author === undefined || groups.title === undefined) {
    warnings.push(
      `line ${line}: bibliography entry ${quoteLine(text)} is not 'Author. "Title"'; kept as written`,
    );
    return { raw: text, author: null, title: null, year: null, line };
  }
  const year = groups.parenYear ?? groups.bareYear;
  return {
    raw: text,
    author: groups.author.trimStart(),
    title: groups.title,
    year: year === undefined ? null : Number(year),
    line,
  };
}

/**
 * Parse an article file's text into title, infobox, body blocks and bibliography.
 *
 * Every non-blank line outside the infobox and lists is its own paragraph (or label), even when
 * lines follow each other without a blank line. Malformed headings, a second title line, a late
 * `Infobox` marker and unparseable infobox or bibliography lines are kept and reported in
 * `warnings`.
 *
 * @param source The file text; LF, CRLF or CR line endings and a leading BOM are accepted.
 * @returns The parsed article. Heading anchors are unique; see {@link createUniqueAnchors}.
 * @throws AppError `INVALID_INPUT` when the first non-blank line is not a `= Title =` line.
 */
export function parseArticle(source: string): ParsedArticle {
  const lines = source.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const warnings: string[] = [];

  const titleIndex = lines.findIndex((line) => line.trim() !== "");
  const titleLine = titleIndex === -1 ? null : readMarkedLine(lines[titleIndex] ?? "");
  if (titleLine?.kind !== "heading" || titleLine.level !== 1) {
    throw new AppError("INVALID_INPUT", "no title line (= Title =) found", {
      line: titleIndex === -1 ? 1 : titleIndex + 1,
    });
  }
  const title = titleLine.text;

  const infobox: ParsedInfoboxField[] = [];
  const blocks: ParsedBlock[] = [];
  const bibliography: ParsedBibliographyEntry[] = [];
  const headings: Extract<ParsedBlock, { type: "heading" }>[] = [];

  let hasSeenHeading = false;
  let hasInfobox = false;
  /** Level of the open Bibliography heading, or null outside that section. */
  let bibliographyLevel: number | null = null;
  /** The list that the next `- ` line extends; any other line closes it. */
  let openList: Extract<ParsedBlock, { type: "list" }> | null = null;

  const addParagraph = (text: string, line: number): void => {
    blocks.push({ type: "paragraph", text, line });
  };

  for (let index = titleIndex + 1; index < lines.length; index += 1) {
    const text = lines[index] ?? "";
    const line = index + 1;

    if (text.trim() === "") {
      openList = null;
      continue;
    }

    if (text.startsWith(ITEM_PREFIX)) {
      const itemText = text.slice(ITEM_PREFIX.length);
      if (openList === null) {
        openList = { type: "list", items: [], isBibliography: bibliographyLevel !== null };
        blocks.push(openList);
      }
      openList.items.push({ text: itemText, line });
      if (openList.isBibliography) {
        bibliography.push(readBibliographyEntry(itemText, line, warnings));
      }
      continue;
    }
    openList = null;

    const marked = readMarkedLine(text);
    if (marked?.kind === "heading" && isBodyHeadingLevel(marked.level)) {
      const heading = {
        type: "heading" as const,
        level: marked.level,
        text: marked.text,
        anchor: "",
        line,
      };
      blocks.push(heading);
      headings.push(heading);
      hasSeenHeading = true;
      if (bibliographyLevel !== null && marked.level <= bibliographyLevel) {
        bibliographyLevel = null;
      }
      if (marked.text.toLowerCase() === BIBLIOGRAPHY_HEADING) {
        bibliographyLevel = marked.level;
      }
      continue;
    }
    if (marked?.kind === "heading") {
      warnings.push(`line ${line}: a second title line ${quoteLine(text)}; kept as a paragraph`);
      addParagraph(text, line);
      continue;
    }
    if (marked?.kind === "malformed") {
      warnings.push(`line ${line}: ${quoteLine(text)} ${marked.problem}; kept as a paragraph`);
      addParagraph(text, line);
      continue;
    }

    if (INFOBOX_MARKER.test(text.trim())) {
      const fieldCount = countInfoboxLines(lines, index + 1);
      if (hasSeenHeading || hasInfobox) {
        const where = hasInfobox
          ? "a second Infobox line"
          : "an Infobox line after the first heading";
        warnings.push(`line ${line}: ${where}; kept as a paragraph`);
        addParagraph(text, line);
        continue;
      }
      if (fieldCount === 0) {
        warnings.push(
          `line ${line}: an Infobox line with no "- Key: Value" lines; kept as a paragraph`,
        );
        addParagraph(text, line);
        continue;
      }
      for (let offset = 1; offset <= fieldCount; offset += 1) {
        const fieldText = (lines[index + offset] ?? "").slice(ITEM_PREFIX.length);
        infobox.push(readInfoboxField(fieldText, line + offset, warnings));
      }
      hasInfobox = true;
      index += fieldCount;
      continue;
    }

    if (isLabelLine(text)) {
      blocks.push({ type: "label", text, line });
      continue;
    }
    addParagraph(text, line);
  }

  const anchors = createUniqueAnchors(
    headings.map((heading) => heading.text),
    SECTION_ANCHOR_FALLBACK,
  );
  headings.forEach((heading, index) => {
    heading.anchor = anchors[index] ?? SECTION_ANCHOR_FALLBACK;
  });

  return {
    title,
    slug: slugify(title, ARTICLE_SLUG_FALLBACK),
    infobox,
    blocks,
    bibliography,
    warnings,
  };
}

/** How many `- ` lines follow `start` without a break: the infobox's field lines. */
function countInfoboxLines(lines: readonly string[], start: number): number {
  let count = 0;
  while (lines[start + count]?.startsWith(ITEM_PREFIX)) {
    count += 1;
  }
  return count;
}
