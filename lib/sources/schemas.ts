/**
 * Input schemas of the source library: CSL-JSON items (the citation data, as CSL 1.0.2 defines
 * it), the critique fields that the library adds, reliability assessments, merges and imports.
 * `XInput` types are what callers pass (`z.input`); the use cases work on the parsed output.
 *
 * Messages start with the field they are about (`type: …`, `rating: …`), the convention that
 * server actions and the API use to point at a field.
 */
import { z } from "zod";

import { MAX_STORED_INT } from "@/lib/db/limits";
import { AppError } from "@/lib/errors";
import { SourceCategory, SourceProximity } from "@/lib/generated/prisma/enums";

/** The item types of CSL 1.0.2 (https://docs.citationstyles.org/en/stable/specification.html). */
export const CSL_TYPES = [
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "bill",
  "book",
  "broadcast",
  "chapter",
  "classic",
  "collection",
  "dataset",
  "document",
  "entry",
  "entry-dictionary",
  "entry-encyclopedia",
  "event",
  "figure",
  "graphic",
  "hearing",
  "interview",
  "legal_case",
  "legislation",
  "manuscript",
  "map",
  "motion_picture",
  "musical_score",
  "pamphlet",
  "paper-conference",
  "patent",
  "performance",
  "periodical",
  "personal_communication",
  "post",
  "post-weblog",
  "regulation",
  "report",
  "review",
  "review-book",
  "software",
  "song",
  "speech",
  "standard",
  "thesis",
  "treaty",
  "webpage",
] as const;

/** A CSL item type. */
export type CslType = (typeof CSL_TYPES)[number];

/** Longest title, in characters. */
export const MAX_TITLE_LENGTH = 1000;

/** Longest ordinary CSL text field (publisher, note, …), in characters. */
export const MAX_FIELD_LENGTH = 5000;

/** Longest critique note, in characters. */
export const MAX_CRITIQUE_LENGTH = 10_000;

/** Longest "author's position" line, in characters. */
export const MAX_AUTHOR_POSITION_LENGTH = 500;

/** Longest assessment rationale, in characters. */
export const MAX_RATIONALE_LENGTH = 5000;

/** Largest import text: 2 MB. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Most names one name list may carry. */
const MAX_NAMES = 200;

/** A citation key: letters, digits and `_:.-`, as BibTeX accepts them. */
export const CITATION_KEY_PATTERN = /^[A-Za-z0-9_:.+-]{1,100}$/;

/** The id of a source. */
export const sourceIdSchema = z.uuid("id: not a valid source id.");

/** A citation key such as "coll2004ghost". */
export const citationKeySchema = z
  .string("key: must be text.")
  .trim()
  .regex(
    CITATION_KEY_PATTERN,
    "key: use 1–100 letters, digits or _ : . + - (no spaces), e.g. coll2004ghost.",
  );

/** A CSL item type; unknown types are refused with the list of allowed ones. */
export const cslTypeSchema = z.enum(CSL_TYPES, {
  error: (issue) =>
    `type: "${String(issue.input)}" is not a CSL type; use one of ${CSL_TYPES.join(", ")}.`,
});

/** Optional text of at most `max` characters, trimmed; empty becomes absent. */
function optionalText(field: string, max = MAX_FIELD_LENGTH) {
  return z
    .union([z.string(), z.number()], `${field}: must be text.`)
    .transform((value) => String(value).trim())
    .pipe(z.string().max(max, `${field}: use at most ${max} characters.`))
    .optional();
}

/** One CSL name: a family name (with optional given name and particles) or a literal name. */
export const cslNameSchema = z
  .object({
    /** Family name, "Coll". */
    family: z.string().trim().max(500).optional(),
    /** Given names, "Steve". */
    given: z.string().trim().max(500).optional(),
    /** A name that is not split ("Uppsala Conflict Data Program"). */
    literal: z.string().trim().max(500).optional(),
    /** "van" in "Ludwig van Beethoven" (dropped when sorting). */
    "dropping-particle": z.string().trim().max(100).optional(),
    /** "de" in "Gerard de Groot" (kept when sorting). */
    "non-dropping-particle": z.string().trim().max(100).optional(),
    /** "Jr.", "III". */
    suffix: z.string().trim().max(100).optional(),
  })
  .refine((name) => Boolean(name.family || name.literal), "a name needs a family or literal name.");

/** A CSL name as parsed. */
export type CslName = z.output<typeof cslNameSchema>;

/** A list of CSL names (author, editor, translator, …). */
function nameListSchema(field: string) {
  return z
    .array(cslNameSchema, `${field}: must be a list of names.`)
    .max(MAX_NAMES, `${field}: at most ${MAX_NAMES} names.`)
    .optional();
}

/** A date part: a whole number (strings of digits are accepted, as some exporters write them). */
const datePartSchema = z.coerce.number().int();

/** A CSL date: `date-parts` (year, month, day; a second one for ranges), or raw/literal text. */
export const cslDateSchema = z
  .object({
    /** [[year, month?, day?], [end year, …]?]. */
    "date-parts": z.array(z.array(datePartSchema).min(1).max(3)).min(1).max(2).optional(),
    /** A date as written, to be parsed by processors ("2004-02-23"). */
    raw: z.string().trim().max(200).optional(),
    /** A date kept as it is ("Spring 1992", "n.d."). */
    literal: z.string().trim().max(200).optional(),
    /** 1–4 for the seasons, or a name. */
    season: z.union([z.number(), z.string()]).optional(),
    /** An approximate date. */
    circa: z.union([z.boolean(), z.number(), z.string()]).optional(),
  })
  .refine(
    (date) => Boolean(date["date-parts"] ?? date.raw ?? date.literal),
    "a date needs date-parts, raw or literal.",
  );

/** A CSL date as parsed. */
export type CslDate = z.output<typeof cslDateSchema>;

/** Any other CSL variable: text, a number, a name list or a date. */
const otherVariableSchema = z.union([
  z.string().max(MAX_FIELD_LENGTH),
  z.number(),
  z.array(cslNameSchema).max(MAX_NAMES),
  cslDateSchema,
]);

/**
 * A CSL-JSON item. The variables the library shows are validated one by one; other CSL variables
 * (edition, ISSN, abstract, genre, archive, …) are kept when they are text, numbers, names or
 * dates. Keys starting with `_` (citation-js bookkeeping) and `custom` are dropped.
 */
export const cslItemSchema = z.preprocess(
  (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return value;
    }
    return Object.fromEntries(
      Object.entries(value).filter(([key]) => !key.startsWith("_") && key !== "custom"),
    );
  },
  z
    .object(
      {
        /** The CSL id; the library sets it to the citation key. */
        id: z.union([z.string(), z.number()]).transform(String).optional(),
        /** The citation key as written by the exporter (BibTeX key). */
        "citation-key": optionalText("citation-key", 100),
        /** The CSL item type ("book", "article-journal", …). */
        type: cslTypeSchema,
        /** The title. */
        title: z
          .string("title: enter a title.")
          .trim()
          .min(1, "title: enter a title.")
          .max(MAX_TITLE_LENGTH, `title: use at most ${MAX_TITLE_LENGTH} characters.`),
        /** The authors. */
        author: nameListSchema("author"),
        /** The editors. */
        editor: nameListSchema("editor"),
        /** The translators. */
        translator: nameListSchema("translator"),
        /** When it was published. */
        issued: cslDateSchema.optional(),
        /** When a web page was read. */
        accessed: cslDateSchema.optional(),
        /** The publisher ("Penguin Press"). */
        publisher: optionalText("publisher"),
        /** Where it was published ("New York"). */
        "publisher-place": optionalText("publisher-place"),
        /** The journal, book or site it is part of. */
        "container-title": optionalText("container-title"),
        /** The series. */
        "collection-title": optionalText("collection-title"),
        /** Volume. */
        volume: optionalText("volume", 100),
        /** Issue or number of a journal. */
        issue: optionalText("issue", 100),
        /** Page range ("213-215"). */
        page: optionalText("page", 100),
        /** Report or other number. */
        number: optionalText("number", 100),
        /** Edition. */
        edition: optionalText("edition", 100),
        /** The web address. */
        URL: optionalText("URL", 2000),
        /** The DOI ("10.1000/xyz"). */
        DOI: optionalText("DOI", 500),
        /** The ISBN (10 or 13 digits, with or without hyphens). */
        ISBN: optionalText("ISBN", 200),
        /** The ISSN. */
        ISSN: optionalText("ISSN", 200),
        /** The language, as a BCP 47 tag or a name. */
        language: optionalText("language", 100),
        /** A note. */
        note: optionalText("note"),
        /** The abstract. */
        abstract: optionalText("abstract", 20_000),
      },
      "csl: must be a CSL-JSON object.",
    )
    .catchall(otherVariableSchema),
);

/** A CSL-JSON item as the library stores it. */
export type CslItem = z.output<typeof cslItemSchema>;

/** The critique fields that the library adds to a citation. */
const critiqueFields = {
  /** Primary, secondary or tertiary; null when undecided. */
  category: z
    .enum(SourceCategory, "category: choose primary, secondary or tertiary.")
    .nullish()
    .transform((value) => value ?? null),
  /** The author's position or affiliation as it bears on the account. */
  authorPosition: z
    .string("authorPosition: must be text.")
    .trim()
    .max(
      MAX_AUTHOR_POSITION_LENGTH,
      `authorPosition: use at most ${MAX_AUTHOR_POSITION_LENGTH} characters.`,
    )
    .default(""),
  /** How close the author was to the events. */
  proximity: z
    .enum(SourceProximity, "proximity: choose participant, contemporary, retrospective or unknown.")
    .default("UNKNOWN"),
  /** Free critique notes: bias, access to events, corroboration. */
  critique: z
    .string("critique: must be text.")
    .trim()
    .max(MAX_CRITIQUE_LENGTH, `critique: use at most ${MAX_CRITIQUE_LENGTH} characters.`)
    .default(""),
};

/** A new source: its CSL item, an optional citation key (generated when absent) and critique. */
export const createSourceSchema = z.object({
  /** The citation data. */
  csl: cslItemSchema,
  /** The citation key; generated from author, year and title when absent. */
  key: citationKeySchema.optional(),
  ...critiqueFields,
});

/** What callers pass to `createSource`. */
export type CreateSourceInput = z.input<typeof createSourceSchema>;

/** An edit of a source, made from `expectedVersion`. */
export const updateSourceSchema = z.object({
  /** The source. */
  id: sourceIdSchema,
  /** The version the editor started from; a newer stored version means CONFLICT. */
  expectedVersion: z.coerce
    .number("expectedVersion: must be a number.")
    .int("expectedVersion: must be a whole number.")
    .min(1, "expectedVersion: must be 1 or more.")
    .max(MAX_STORED_INT, "expectedVersion: no such version."),
  /** The citation data. */
  csl: cslItemSchema,
  /** A new citation key; unchanged when absent. */
  key: citationKeySchema.optional(),
  ...critiqueFields,
});

/** What callers pass to `updateSource`. */
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;

/** A soft deletion. */
export const deleteSourceSchema = z.object({
  /** The source. */
  id: sourceIdSchema,
});

/** What callers pass to `deleteSource`. */
export type DeleteSourceInput = z.input<typeof deleteSourceSchema>;

/** A scholar's reliability assessment of a source. */
export const assessSourceSchema = z.object({
  /** The source assessed. */
  sourceId: z.uuid("sourceId: not a valid source id."),
  /** 1 (unreliable) … 5 (highly reliable). */
  rating: z.coerce
    .number("rating: choose a rating from 1 to 5.")
    .int("rating: choose a whole rating from 1 to 5.")
    .min(1, "rating: choose a rating from 1 to 5.")
    .max(5, "rating: choose a rating from 1 to 5."),
  /** Why: the written argument behind the rating. */
  rationale: z
    .string("rationale: explain your rating.")
    .trim()
    .min(1, "rationale: explain your rating.")
    .max(MAX_RATIONALE_LENGTH, `rationale: use at most ${MAX_RATIONALE_LENGTH} characters.`),
});

/** What callers pass to `assessSource`. */
export type AssessSourceInput = z.input<typeof assessSourceSchema>;

/** Withdrawing one's current assessment. */
export const withdrawAssessmentSchema = z.object({
  /** The assessment. */
  assessmentId: z.uuid("assessmentId: not a valid assessment id."),
});

/** What callers pass to `withdrawAssessment`. */
export type WithdrawAssessmentInput = z.input<typeof withdrawAssessmentSchema>;

/** A moderator's merge of a duplicate into the record that survives. */
export const mergeSourcesSchema = z
  .object({
    /** The record that stays and receives every link. */
    survivorId: z.uuid("survivorId: not a valid source id."),
    /** The duplicate: kept, marked as merged, its links moved. */
    duplicateId: z.uuid("duplicateId: not a valid source id."),
  })
  .refine((input) => input.survivorId !== input.duplicateId, {
    message: "duplicateId: a source cannot be merged into itself.",
    path: ["duplicateId"],
  });

/** What callers pass to `mergeSources`. */
export type MergeSourcesInput = z.input<typeof mergeSourcesSchema>;

/** The citation formats the library reads and writes. */
export const CITATION_FORMATS = ["bibtex", "ris", "csl-json"] as const;

/** A citation format. */
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** A citation format field. */
export const citationFormatSchema = z.enum(
  CITATION_FORMATS,
  "format: choose bibtex, ris or csl-json.",
);

/** An import of a BibTeX, RIS or CSL-JSON text. */
export const importSourcesSchema = z.object({
  /** The format of `text`. */
  format: citationFormatSchema,
  /** The file's text, at most 2 MB. */
  text: z
    .string("text: paste or upload the citations.")
    .refine((text) => text.trim().length > 0, "text: paste or upload the citations.")
    .refine(
      (text) => Buffer.byteLength(text, "utf8") <= MAX_IMPORT_BYTES,
      "text: the file is larger than 2 MB.",
    ),
  /** Import the valid entries although some entries have errors. */
  confirm: z
    .union([z.boolean(), z.literal("true"), z.literal("on"), z.literal("false")])
    .optional()
    .transform((value) => value === true || value === "true" || value === "on"),
});

/** What callers pass to `importSources`. */
export type ImportSourcesInput = z.input<typeof importSourcesSchema>;

/** An export of all sources or of chosen ones. */
export const exportSourcesSchema = z.object({
  /** The format to write. */
  format: citationFormatSchema,
  /** The sources to export; all live ones when absent. */
  ids: z.array(sourceIdSchema).max(10_000).optional(),
});

/** What callers pass to `exportSources`. */
export type ExportSourcesInput = z.input<typeof exportSourcesSchema>;

/** The library's filters. */
export const listSourcesSchema = z.object({
  /** Words searched in title, authors, key, publisher and critique. */
  query: z.string().trim().max(200, "query: use at most 200 characters.").optional(),
  /** Keep one category. */
  category: z
    .enum(SourceCategory, "category: choose primary, secondary or tertiary.")
    .optional()
    .catch(undefined),
});

/** What callers pass to `listSources`. */
export type ListSourcesInput = z.input<typeof listSourcesSchema>;

/**
 * Parses `input` with `schema`, turning the first issue into an `AppError("INVALID_INPUT")` whose
 * message names the field (as our messages start with it) and whose details carry `field`.
 */
export function parseSourceInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const message = issue?.message ?? "invalid input.";
  const named = /^[\w.-]+: /.test(message) ? message : path ? `${path}: ${message}` : message;
  const field = /^([\w.-]+): /.exec(named)?.[1] ?? (path || undefined);
  throw new AppError("INVALID_INPUT", named, field ? { field } : undefined);
}
