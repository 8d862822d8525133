/**
 * The options of an annotated-edition export: the format and the filters that choose what goes
 * in. One schema serves every entry point (HTTP query string, CLI flags, the export dialog), so an
 * unknown format or filter is refused the same way everywhere: `AppError("INVALID_INPUT")` naming
 * it.
 *
 * Pure: no Prisma, React or DOM.
 */
import { z } from "zod";

import { normaliseTag } from "@/lib/annotations/schemas";
import { MAX_STORED_INT } from "@/lib/db/limits";
import { AppError } from "@/lib/errors";

/** Every format an edition can be written in, in the order the dialog and the CLI list them. */
export const EXPORT_FORMATS = [
  "html",
  "pdf",
  "md",
  "tei",
  "jsonld",
  "csl",
  "bibtex",
  "claimreview",
] as const;

/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Human names of the formats, for the dialog and messages. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  html: "HTML edition (self-contained, prints as a book)",
  pdf: "PDF (the HTML edition printed)",
  md: "Markdown with footnotes",
  tei: "TEI P5 XML",
  jsonld: "W3C Web Annotation JSON-LD",
  csl: "Sources as CSL-JSON",
  bibtex: "Sources as BibTeX",
  claimreview: "Resolved claims as schema.org ClaimReview",
};

/** Which annotations an edition includes. */
export const EXPORT_SELECTIONS = ["all", "claims", "open", "resolved"] as const;

/**
 * Which annotations an edition includes: `all`; `claims` (claim flags only); `open` (claims still
 * OPEN or UNDER_REVIEW); `resolved` (claims ACCEPTED, REJECTED or CONTESTED).
 */
export type ExportSelection = (typeof EXPORT_SELECTIONS)[number];

/** Most tags, authors or sections one export may filter by. */
export const MAX_EXPORT_FILTER_VALUES = 50;

/** A user id (any UUID, lower-case after normalising). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Something shaped like an e-mail address (the accounts' own schema is stricter on sign-up). */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** True when an `authors` value names a user by id rather than by e-mail address. */
export function isAuthorId(author: string): boolean {
  return UUID.test(author);
}

/** Longest single filter value, in characters. */
const MAX_FILTER_VALUE_LENGTH = 200;

/** A list of filter values: each non-empty, trimmed, duplicates merged, order kept. */
function filterListSchema(field: string) {
  return z
    .array(z.string(`${field}: each value must be text.`), `${field}: must be a list.`)
    .max(MAX_EXPORT_FILTER_VALUES, `${field}: give at most ${MAX_EXPORT_FILTER_VALUES} values.`)
    .transform((values, context) => {
      const unique: string[] = [];
      for (const raw of values) {
        const value = raw.trim();
        if (value.length === 0 || value.length > MAX_FILTER_VALUE_LENGTH) {
          context.addIssue({
            code: "custom",
            message: `${field}: each value must be 1–${MAX_FILTER_VALUE_LENGTH} characters.`,
          });
          return z.NEVER;
        }
        if (!unique.includes(value)) {
          unique.push(value);
        }
      }
      return unique;
    });
}

/**
 * The options of an export. Lists filter by "any of": an annotation passes the tag filter when it
 * has at least one of the tags, and likewise for authors and sections; the filters combine with
 * AND.
 */
export const exportOptionsSchema = z.strictObject(
  {
    /** The output format. */
    format: z.enum(EXPORT_FORMATS, `format: choose one of ${EXPORT_FORMATS.join(", ")}.`),
    /** The revision number to export (1, 2, …); the article's current revision when absent. */
    revision: z
      .number("revision: must be a revision number (1, 2, …).")
      .int("revision: must be a whole number.")
      .min(1, "revision: revision numbers start at 1.")
      .max(MAX_STORED_INT, "revision: no such revision.")
      .optional(),
    /** Which annotations: all, only claims, only open disputes or only resolved ones. */
    only: z
      .enum(EXPORT_SELECTIONS, `only: choose one of ${EXPORT_SELECTIONS.join(", ")}.`)
      .default("all"),
    /** Only annotations carrying one of these tags (normalised like stored tags). */
    tags: filterListSchema("tags")
      .transform((tags) => [...new Set(tags.map(normaliseTag))])
      .default([]),
    /**
     * Only annotations by one of these authors, each given by user id (as in the API's creator
     * IRIs and the export dialog's list) or by e-mail address (case-insensitive; see
     * `loadEdition` for who may filter by someone else's address).
     */
    authors: filterListSchema("authors")
      .transform((authors, context) => {
        const lowered = [...new Set(authors.map((author) => author.toLowerCase()))];
        const bad = lowered.find((author) => !UUID.test(author) && !EMAIL.test(author));
        if (bad !== undefined) {
          context.addIssue({
            code: "custom",
            message: `authors: “${bad}” is neither an annotator's id nor an e-mail address.`,
          });
          return z.NEVER;
        }
        return lowered;
      })
      .default([]),
    /** Only annotations in one of these sections (by anchor, subsections included). */
    sections: filterListSchema("sections").default([]),
    /** Include the dispute threads (replies) of claims. */
    threads: z.boolean("threads: must be true or false.").default(true),
    /** Name people "Annotator 1", "Annotator 2", … (in order of first appearance). */
    anonymise: z.boolean("anonymise: must be true or false.").default(false),
    /**
     * The export date written into the edition; now when absent. Fixing it makes an export
     * byte-identical across runs (tests, archives).
     */
    exportedAt: z.coerce
      .date<Date | string>("exportedAt: must be an ISO 8601 date-time.")
      .optional(),
  },
  // Replaced by `parseExportOptions`, which names every unknown key.
  "options: must be an object.",
);

/** Export options as callers pass them. */
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;

/** Export options after parsing: defaults filled in, lists normalised. */
export type ExportOptions = z.output<typeof exportOptionsSchema>;

/**
 * Parses export options, refusing unknown ones by name.
 *
 * @throws AppError INVALID_INPUT "Unknown export option(s): foo, bar." or the first field's message
 */
export function parseExportOptions(input: unknown): ExportOptions {
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    const known = new Set(Object.keys(exportOptionsSchema.shape));
    const unknown = Object.keys(input).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      throw new AppError(
        "INVALID_INPUT",
        `Unknown export option${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Known options: ${[...known].join(", ")}.`,
        { field: unknown[0], unknown },
      );
    }
  }
  const result = exportOptionsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join(".") || "options";
    const message = issue?.message ?? "options: invalid.";
    throw new AppError(
      "INVALID_INPUT",
      message.startsWith(`${field}:`) ? message : `${field}: ${message}`,
      {
        field,
      },
    );
  }
  return result.data;
}

/**
 * The query-string (or CLI) form of the options: `format`, `revision`, `only`, repeated `tag`,
 * `author`, `section`, `threads=false`, `anonymise=true`, `exportedAt`. Unknown parameters are
 * refused by name, as are malformed booleans and numbers.
 *
 * @throws AppError INVALID_INPUT naming the offending parameter
 */
export function parseExportQuery(params: URLSearchParams): ExportOptions {
  const input: Record<string, unknown> = {};
  const lists: Record<string, "tags" | "authors" | "sections"> = {
    tag: "tags",
    author: "authors",
    section: "sections",
  };
  const unknown: string[] = [];
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    const single = values[values.length - 1] ?? "";
    const listKey = lists[key];
    if (listKey) {
      input[listKey] = values;
    } else if (key === "format" || key === "only" || key === "exportedAt") {
      input[key] = single;
    } else if (key === "revision") {
      input.revision = /^\d+$/.test(single) ? Number(single) : single;
    } else if (key === "threads" || key === "anonymise") {
      input[key] = parseBooleanParameter(key, single);
    } else {
      unknown.push(key);
    }
  }
  if (unknown.length > 0) {
    throw new AppError(
      "INVALID_INPUT",
      `Unknown export parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Known: format, revision, only, tag, author, section, threads, anonymise, exportedAt.`,
      { field: unknown[0], unknown },
    );
  }
  return parseExportOptions(input);
}

/** "true"/"1"/"yes" or "false"/"0"/"no"; anything else is refused. */
function parseBooleanParameter(key: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (["true", "1", "yes", ""].includes(lower)) {
    return true;
  }
  if (["false", "0", "no"].includes(lower)) {
    return false;
  }
  throw new AppError("INVALID_INPUT", `${key}: must be true or false.`, { field: key });
}

/**
 * The query string of `options` for a link to the export endpoint; the inverse of
 * {@link parseExportQuery}, leaving defaults out.
 */
export function buildExportQuery(options: ExportOptionsInput): URLSearchParams {
  const params = new URLSearchParams();
  params.set("format", options.format);
  if (options.revision !== undefined) {
    params.set("revision", String(options.revision));
  }
  if (options.only && options.only !== "all") {
    params.set("only", options.only);
  }
  for (const tag of options.tags ?? []) {
    params.append("tag", tag);
  }
  for (const author of options.authors ?? []) {
    params.append("author", author);
  }
  for (const section of options.sections ?? []) {
    params.append("section", section);
  }
  if (options.threads === false) {
    params.set("threads", "false");
  }
  if (options.anonymise === true) {
    params.set("anonymise", "true");
  }
  if (options.exportedAt !== undefined) {
    params.set("exportedAt", new Date(options.exportedAt).toISOString());
  }
  return params;
}
