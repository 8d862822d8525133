import "server-only";

import { createHash } from "node:crypto";

import type { z } from "zod";

import { reanchorAnnotations, type ReanchorResult } from "@/lib/anchoring/reanchor-annotations";
import { createTextIndex, resolveAnchor } from "@/lib/anchoring/resolve-anchor";
import {
  CONTEXT_LENGTH,
  describeTextRange,
  MAX_CONTEXT_LENGTH,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
  type TextAnchor,
} from "@/lib/anchoring/selectors";
import { authorize, type Actor } from "@/lib/auth/policy";
import { getVisibilityScope, isVisibleTo, type VisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnchorStrategy, AnnotationKind, Visibility } from "@/lib/generated/prisma/enums";

import {
  assertCanWriteToGroup,
  assertCanWriteToGroupForWrite,
  readCurrentRevisionForWrite,
} from "./annotation-context";
import { canSeeHidden } from "./annotation-view";
import { findSectionAnchor, type SectionSpan } from "./check-target";
import {
  hasJsonLdType,
  importCollectionSchema,
  importPageSchema,
  importWebAnnotationsSchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_DEPTH,
  MAX_IMPORT_IRI_BYTES,
  MAX_IMPORT_ITEMS,
  type ImportWebAnnotationsInput,
} from "./import-schemas";
import { parseAnnotationInput, tagsSchema } from "./schemas";
import {
  ANNOTATION_CONTEXT,
  fromWebAnnotation,
  parseReplyIri,
  type WebAnnotationInput,
} from "./web-annotation";

/**
 * Import of W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/) onto an article:
 * a single annotation, an array of them, an AnnotationPage, or an AnnotationCollection with its
 * pages embedded (as the Apparatus edition export and Hypothesis-like tools write them).
 *
 * Each item is read by `fromWebAnnotation` (the API's own parser) and placed on the article's
 * current revision by the annotation issue's matcher (`reanchorAnnotations`: position, verbatim
 * quote, then approximate quote); one that cannot be placed is imported as an orphan, kept and
 * listed. Decisions, documented for users in the report:
 *
 * - **Identity.** An item's `id` (or, without one, `urn:sha256:` of its canonical JSON) is stored
 *   as the annotation's `sourceIri`, unique per author. An item is "already present", and not
 *   imported again, when an annotation holding its IRI (stored as `sourceIri`, or one of our own
 *   annotations named `…/api/annotations/<id>` as our exports name them) or one of our own
 *   dispute replies (`…/articles/<slug>/claims/<claimId>#reply-<id>`, as the JSON-LD edition
 *   names them) is one the importer may read, or is the importer's own (even deleted, hidden or
 *   in a group they left: re-importing does not bring back what was deleted or hidden, and the
 *   IRI is unique per author). So importing the same file twice, or importing our own export
 *   (threads included), changes nothing. Someone else's annotation that the importer may not read
 *   (a private note, another group's, a deleted or hidden one) does not count: the item is
 *   imported as the importer's own annotation, so that a file can neither learn that such an IRI
 *   exists nor be kept out by whoever imported it first. The report names the annotation (and
 *   reply) standing for an item only when the importer may read it; otherwise its id is null.
 * - **Limits.** A file nested deeper than {@link MAX_IMPORT_DEPTH} levels is refused whole. An
 *   item whose id is over {@link MAX_IMPORT_IRI_BYTES} bytes, or which holds a NUL character or
 *   an unpaired UTF-16 surrogate (which PostgreSQL text and JSON cannot store) in any key or
 *   value, is rejected with a reason.
 * - **Author.** Imported annotations are the importing user's (the schema has one author). The
 *   original `creator` and `created` are kept in the audit event of each annotation.
 * - **Selectors.** The item's quote and position are stored as its original selectors, verbatim
 *   (context over 64 characters is cut to the 32 nearest the quote), so an export gives back what
 *   was imported; the AnnotationAnchor on the current revision records where, and by which
 *   strategy, it was placed. A position alone is described from the current text.
 * - **Target.** A source naming another Apparatus article (`…/articles/<other>`) is rejected; any
 *   other page (the original web page a tool annotated) is taken to be this article.
 * - **Bodies.** As the API: one text body (`text/plain`; `text/markdown` is kept as its plain
 *   source text), tags, and a claim flag for "assessing". HTML bodies, external bodies and
 *   motivations the API does not know ("bookmarking", …) are rejected with the API's message.
 *   Replies (motivation "replying") other than our own are rejected: they answer an annotation,
 *   not a passage, and are not imported as annotations. A claim starts OPEN: a resolution needs a
 *   moderator's rationale here.
 *
 * Nothing is written when any item is rejected, unless the caller confirms; then all placed and
 * orphaned items are written in one transaction, each with its anchor, its Claim for claims, and
 * an "annotation.import" audit event.
 */

/** How one imported item sits on the current revision. */
export type ImportStrategy = Exclude<AnchorStrategy, "ORIGINAL" | "MANUAL" | "ORPHANED">;

/** An item placed on the current revision. */
export interface ImportPlacedItem {
  /** 0-based position of the item in the file. */
  index: number;
  /** The new annotation's id; null in a preview or when confirmation is needed. */
  id: string | null;
  sourceIri: string;
  strategy: ImportStrategy;
  /** The passage on the current revision's plain text. */
  start: number;
  end: number;
}

/** An item whose passage is not in the current text: imported as an orphan, kept and listed. */
export interface ImportOrphanedItem {
  index: number;
  id: string | null;
  sourceIri: string;
  /** The quote it was made on. */
  quote: string;
}

/** An item that cannot be imported, and why. */
export interface ImportRejectedItem {
  index: number;
  /**
   * Its IRI, when it has an id; for an id that cannot be stored, shown with NUL and unpaired
   * surrogates as JSON escapes and an over-long one cut to its first 200 characters and "…".
   */
  sourceIri: string | null;
  reason: string;
}

/** An item that is already here: imported before, or one of our own annotations or replies. */
export interface ImportAlreadyPresentItem {
  index: number;
  sourceIri: string;
  /**
   * The annotation that stands for it (for a reply, its claim's annotation); null when the
   * importer may not read that annotation (their own, since deleted or hidden, or in a group they
   * left: only then does an unreadable annotation stand for an item), so that the report names
   * nothing the importer could not open.
   */
  annotationId: string | null;
  /**
   * For one of our dispute replies, the reply; null for annotations, and when the importer may
   * not read the reply (its claim's annotation unreadable, or the reply hidden or deleted).
   */
  replyId: string | null;
}

/**
 * What became of a file: `imported` (written), `needs-confirmation` (some items were rejected and
 * the caller did not confirm: nothing written), `preview` (nothing written on purpose), or
 * `unchanged` (nothing new to write).
 */
export type ImportStatus = "imported" | "needs-confirmation" | "preview" | "unchanged";

/** The report of an import: every item of the file is in exactly one list. */
export interface ImportReport {
  status: ImportStatus;
  articleSlug: string;
  /** The revision the items were placed on. */
  revisionNumber: number;
  /** Items in the file. */
  total: number;
  placed: ImportPlacedItem[];
  orphaned: ImportOrphanedItem[];
  rejected: ImportRejectedItem[];
  alreadyPresent: ImportAlreadyPresentItem[];
}

/** Rows written per statement (well under PostgreSQL's 65,535 bind parameters). */
const INSERT_CHUNK_SIZE = 1000;

/** An import of thousands of items re-anchors and writes within this (Prisma's default is 5 s). */
const IMPORT_TRANSACTION_TIMEOUT_MS = 60_000;

/** Our own annotations' IRIs: `<origin>/api/annotations/<uuid>`. */
const OWN_ANNOTATION_IRI =
  /\/api\/annotations\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** An Apparatus article IRI's path: `/articles/<slug>`. */
const ARTICLE_PATH = /\/articles\/([^/?#]+)\/?$/;

/** Stands in for a foreign page's IRI, so that `fromWebAnnotation` reads the rest of the item. */
const ARTICLE_PLACEHOLDER_ORIGIN = "https://apparatus.invalid";

/**
 * Why a reply from elsewhere is rejected. It begins like the reason for any other item without a
 * passage to place, which it is.
 */
const REPLY_REJECTION =
  'no usable selector: a reply (motivation "replying") answers another annotation, not a passage of the text; replies are not imported as annotations (only this site\'s own replies are recognised, as already present).';

/** Body formats read as plain text: their source is what a reader would type. */
const PLAIN_TEXT_FORMATS = new Set(["text/markdown", "text/x-markdown"]);

/** An item that passed every check and awaits placement. */
interface AcceptedItem {
  index: number;
  sourceIri: string;
  input: WebAnnotationInput;
  visibility: Visibility;
  groupId: string | null;
  tags: string[];
  /** Selectors for the matcher: both, with a stand-in position for a quote alone. */
  anchor: TextAnchor;
  /** True when the item gave a position consistent with its quote. */
  hasPosition: boolean;
  /** The item's creator and creation date, for the audit event. */
  original: Prisma.InputJsonObject;
}

/**
 * Imports W3C Web Annotations onto an article's current revision and reports what became of each
 * item (see the module comment for the rules). Annotators and above.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN; PAYLOAD_TOO_LARGE over {@link MAX_IMPORT_BYTES};
 *   INVALID_INPUT when the file is not JSON, nested deeper than {@link MAX_IMPORT_DEPTH} levels or
 *   not annotations; NOT_FOUND for an unknown article;
 *   CONFLICT when the article was revised, or the same items imported, while this ran
 */
export async function importWebAnnotations(
  actor: Actor | null,
  input: ImportWebAnnotationsInput,
): Promise<ImportReport> {
  const importer = authorize(actor, "annotation.create");
  const data = parseAnnotationInput(importWebAnnotationsSchema, input);
  const bytes = Buffer.byteLength(data.json, "utf8");
  if (bytes > MAX_IMPORT_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `file: ${formatMegabytes(bytes)} is over the ${formatMegabytes(MAX_IMPORT_BYTES)} limit of an import; split the file.`,
      { field: "file" },
    );
  }
  const parsed = parseJson(data.json);
  assertNestingWithin(parsed, MAX_IMPORT_DEPTH);
  const items = collectItems(parsed);

  const article = await prisma.article.findFirst({
    where: { slug: data.slug, deletedAt: null },
    select: {
      id: true,
      currentRevision: {
        select: {
          id: true,
          number: true,
          plainText: true,
          sections: { select: { anchor: true, level: true, startOffset: true, endOffset: true } },
        },
      },
    },
  });
  const revision = article?.currentRevision;
  if (!article || !revision) {
    throw new AppError("NOT_FOUND", `slug: no article "${data.slug}".`, { field: "slug" });
  }

  const report: ImportReport = {
    status: "unchanged",
    articleSlug: data.slug,
    revisionNumber: revision.number,
    total: items.length,
    placed: [],
    orphaned: [],
    rejected: [],
    alreadyPresent: [],
  };

  const identified = items.map((item, index) => {
    const sourceIri = identify(item);
    return { index, item, sourceIri, unstorable: findUnstorable(item, sourceIri) };
  });
  const present = await findPresent(
    identified.filter((entry) => entry.unstorable === null).map((entry) => entry.sourceIri),
    importer,
    await getVisibilityScope(importer),
  );
  const seen = new Map<string, number>();
  const accepted: AcceptedItem[] = [];
  const groupChecks = new Map<string, string | null>();
  for (const { index, item, sourceIri, unstorable } of identified) {
    if (unstorable !== null) {
      // Checked before anything is looked up: such an IRI cannot even be queried.
      report.rejected.push({
        index,
        sourceIri: hasOwnId(item) ? showUnstorable(sourceIri) : null,
        reason: unstorable,
      });
      continue;
    }
    const standing = present.get(sourceIri);
    if (standing !== undefined) {
      report.alreadyPresent.push({ index, sourceIri, ...standing });
      continue;
    }
    const earlier = seen.get(sourceIri);
    if (earlier !== undefined) {
      report.rejected.push({
        index,
        sourceIri,
        reason: `duplicate: item ${earlier} of this file has the same id.`,
      });
      continue;
    }
    seen.set(sourceIri, index);
    const checked = await checkItem(item, {
      slug: data.slug,
      text: revision.plainText,
      importer,
      groupChecks,
    });
    if ("reason" in checked) {
      report.rejected.push({ index, sourceIri: hasOwnId(item) ? sourceIri : null, ...checked });
      continue;
    }
    accepted.push({ index, sourceIri, ...checked });
  }

  const placements = placeItems(revision.plainText, accepted);
  for (const item of accepted) {
    const placement = placements.get(item.index);
    if (placement) {
      report.placed.push({ index: item.index, id: null, sourceIri: item.sourceIri, ...placement });
    } else {
      report.orphaned.push({
        index: item.index,
        id: null,
        sourceIri: item.sourceIri,
        quote: item.anchor.quote.exact,
      });
    }
  }

  if (report.rejected.length > 0 && !data.confirm && !data.preview) {
    return { ...report, status: "needs-confirmation" };
  }
  if (data.preview) {
    return { ...report, status: "preview" };
  }
  if (accepted.length === 0) {
    return report;
  }

  const ids = await writeItems(importer, {
    articleId: article.id,
    revisionId: revision.id,
    sections: revision.sections,
    items: accepted,
    placements,
  });
  return {
    ...report,
    status: "imported",
    placed: report.placed.map((item) => ({ ...item, id: ids.get(item.sourceIri) ?? null })),
    orphaned: report.orphaned.map((item) => ({ ...item, id: ids.get(item.sourceIri) ?? null })),
  };
}

/** "10 MB", "12.3 MB". */
function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}

/** The file as JSON, or INVALID_INPUT "The file is not JSON: …". */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    throw new AppError(
      "INVALID_INPUT",
      `The file is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { field: "file" },
    );
  }
}

/** The annotations of a parsed file, in file order. */
function collectItems(data: unknown): unknown[] {
  let items: unknown[];
  if (Array.isArray(data)) {
    items = data;
  } else if (typeof data !== "object" || data === null) {
    throw notAnnotations();
  } else if (hasJsonLdType((data as { type?: unknown }).type, "AnnotationCollection")) {
    items = collectCollectionItems(data);
  } else if (hasJsonLdType((data as { type?: unknown }).type, "AnnotationPage")) {
    items = collectPageItems(data);
  } else if (hasJsonLdType((data as { type?: unknown }).type, "Annotation")) {
    items = [data];
  } else {
    throw notAnnotations();
  }
  if (items.length > MAX_IMPORT_ITEMS) {
    throw new AppError(
      "INVALID_INPUT",
      `file: ${items.length.toLocaleString("en")} annotations are more than the ${MAX_IMPORT_ITEMS.toLocaleString("en")} one import takes; split the file.`,
      { field: "file" },
    );
  }
  return items;
}

function notAnnotations(): AppError {
  return new AppError(
    "INVALID_INPUT",
    'file: not W3C Web Annotations: expected an annotation (type "Annotation"), a list of them, an AnnotationPage or an AnnotationCollection.',
    { field: "file" },
  );
}

/**
 * Refuses (INVALID_INPUT) a parsed file whose arrays and objects nest deeper than `limit`. It
 * walks with a stack of its own, not by recursion, so that the check itself cannot overflow.
 */
function assertNestingWithin(data: unknown, limit: number): void {
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value, depth } = entry;
    if (typeof value !== "object" || value === null) {
      continue;
    }
    if (depth + 1 > limit) {
      throw new AppError(
        "INVALID_INPUT",
        `file: nested more than ${limit} levels deep (arrays and objects inside one another); Web Annotations are far shallower.`,
        { field: "file" },
      );
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === "object" && child !== null) {
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
}

/** The items of a collection: its embedded first page, then the pages under `@included`. */
function collectCollectionItems(data: object): unknown[] {
  const collection = importCollectionSchema.safeParse(data);
  if (!collection.success) {
    throw new AppError(
      "INVALID_INPUT",
      `file: the AnnotationCollection is malformed: ${collection.error.issues[0]?.message ?? "unreadable"}`,
      { field: "file" },
    );
  }
  const { first, total } = collection.data;
  const firstPage = Array.isArray(first) ? first[0] : first;
  if (firstPage === undefined) {
    if ((total ?? 0) > 0) {
      throw new AppError(
        "INVALID_INPUT",
        "file: the AnnotationCollection has annotations but no first page.",
        { field: "file" },
      );
    }
    return [];
  }
  if (typeof firstPage === "string") {
    throw new AppError(
      "INVALID_INPUT",
      "file: the AnnotationCollection only names its first page by IRI; export it with its pages embedded.",
      { field: "file" },
    );
  }
  const items = collectPageItems(firstPage);
  for (const included of collection.data["@included"] ?? []) {
    if (typeof included === "object" && included !== null) {
      if (hasJsonLdType((included as { type?: unknown }).type, "AnnotationPage")) {
        items.push(...collectPageItems(included));
      }
    }
  }
  return items;
}

/** The items of a page, and of pages embedded (not merely named) as its `next`. */
function collectPageItems(data: unknown): unknown[] {
  const items: unknown[] = [];
  let page: unknown = data;
  for (let depth = 0; typeof page === "object" && page !== null && depth < 1000; depth += 1) {
    const parsed = importPageSchema.safeParse(page);
    if (!parsed.success) {
      throw new AppError(
        "INVALID_INPUT",
        `file: an AnnotationPage is malformed: ${parsed.error.issues[0]?.message ?? "unreadable"}`,
        { field: "file" },
      );
    }
    items.push(...parsed.data.items);
    page = parsed.data.next;
  }
  return items;
}

/** True when the item names itself with an `id` string. */
function hasOwnId(item: unknown): item is { id: string } {
  return (
    typeof item === "object" &&
    item !== null &&
    typeof (item as { id?: unknown }).id === "string" &&
    (item as { id: string }).id.trim() !== ""
  );
}

/** The item's IRI, or `urn:sha256:<hex>` of its canonical JSON when it has no id. */
function identify(item: unknown): string {
  if (hasOwnId(item)) {
    return item.id.trim();
  }
  return `urn:sha256:${createHash("sha256").update(canonicalJson(item)).digest("hex")}`;
}

/**
 * A character PostgreSQL cannot store in text or JSON: U+0000, or half of a UTF-16 surrogate
 * pair standing alone (not Unicode text at all; a file of escapes like `"\\ud800"` has them).
 */
const UNSTORABLE_CHARACTER =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every {@link UNSTORABLE_CHARACTER}, for showing a path in a reason. */
const UNSTORABLE_CHARACTERS = new RegExp(UNSTORABLE_CHARACTER.source, "g");

/**
 * Why an item cannot be stored whatever it says, or null: an id over
 * {@link MAX_IMPORT_IRI_BYTES} bytes (it could not be indexed), or a NUL character or an unpaired
 * surrogate anywhere in it, key or value. The file's nesting is already bounded, so the walk's
 * recursion is too.
 */
function findUnstorable(item: unknown, sourceIri: string): string | null {
  const bytes = Buffer.byteLength(sourceIri, "utf8");
  if (bytes > MAX_IMPORT_IRI_BYTES) {
    return `id: the IRI is ${bytes.toLocaleString("en")} bytes long, over the ${MAX_IMPORT_IRI_BYTES.toLocaleString("en")} an import keeps.`;
  }
  const found = findUnstorableText(item, "");
  if (found === null) {
    return null;
  }
  const path = showUnstorable(found.path) || "the item";
  return found.isNul
    ? `${path}: contains a NUL character (U+0000), which cannot be stored; remove it.`
    : `${path}: contains an unpaired surrogate (half of a UTF-16 pair), which is not text and cannot be stored; remove it.`;
}

/**
 * Where (`body[0].value`) the first key or string holding an {@link UNSTORABLE_CHARACTER} is, and
 * whether that is a NUL; null when there is none.
 */
function findUnstorableText(value: unknown, path: string): { path: string; isNul: boolean } | null {
  if (typeof value === "string") {
    const match = UNSTORABLE_CHARACTER.exec(value);
    return match ? { path, isNul: match[0] === "\u0000" } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) {
      const found = findUnstorableText(entry, `${path}[${index}]`);
      if (found !== null) {
        return found;
      }
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      const keyPath = path === "" ? key : `${path}.${key}`;
      const inKey = findUnstorableText(key, keyPath);
      const found = inKey ?? findUnstorableText(entry, keyPath);
      if (found !== null) {
        return found;
      }
    }
  }
  return null;
}

/** A path or IRI for the report: unstorable characters as JSON escapes, at most 200 characters. */
function showUnstorable(text: string): string {
  const shown = text.replace(
    UNSTORABLE_CHARACTERS,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** JSON with object keys sorted, so that the same content always hashes alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What stands for an item that is already here, as the report names it. */
type PresentItem = Pick<ImportAlreadyPresentItem, "annotationId" | "replyId">;

/** The columns that decide whether the importer may read an annotation. */
const readableAnnotationSelect = {
  id: true,
  visibility: true,
  groupId: true,
  authorId: true,
  deletedAt: true,
  hiddenAt: true,
  article: { select: { deletedAt: true } },
} satisfies Prisma.AnnotationSelect;

/** An annotation row selected with {@link readableAnnotationSelect}. */
type ReadableAnnotationRow = Prisma.AnnotationGetPayload<{
  select: typeof readableAnnotationSelect;
}>;

/**
 * True when the importer may read the annotation, by the rule of every read
 * (`readableAnnotationWhere`): visible to them, not deleted, on a live article, not hidden unless
 * they moderate.
 */
function isReadableBy(
  importer: Actor,
  scope: VisibilityScope,
  annotation: ReadableAnnotationRow,
): boolean {
  return (
    isVisibleTo(scope, annotation) &&
    annotation.deletedAt === null &&
    annotation.article.deletedAt === null &&
    (annotation.hiddenAt === null || canSeeHidden(importer))
  );
}

/**
 * What already stands for these IRIs, for `importer`: an annotation by stored `sourceIri`, our own
 * annotation named by its API IRI, or our own dispute reply named by its IRI on the claim's page.
 * Only an annotation the importer may read, or their own, stands for an item (an IRI held only by
 * annotations they may not read is not present: they import it as their own); ids are named only
 * when `importer` may read them (see {@link ImportAlreadyPresentItem}).
 */
async function findPresent(
  iris: readonly string[],
  importer: Actor,
  scope: VisibilityScope,
): Promise<Map<string, PresentItem>> {
  const ownIds = new Map<string, string>();
  const ownReplies = new Map<string, { iri: string; claimId: string }>();
  for (const iri of iris) {
    const match = OWN_ANNOTATION_IRI.exec(iri);
    if (match?.[1]) {
      ownIds.set(match[1].toLowerCase(), iri);
    }
    const reply = parseReplyIri(iri);
    if (reply) {
      ownReplies.set(reply.replyId, { iri, claimId: reply.claimId });
    }
  }
  const present = new Map<string, PresentItem>();
  /** How well each IRI's standing is known: 2 readable and the importer's, 1 readable, 0 own. */
  const ranks = new Map<string, number>();
  const offer = (iri: string, standing: PresentItem, rank: number) => {
    if ((ranks.get(iri) ?? -1) < rank) {
      ranks.set(iri, rank);
      present.set(iri, standing);
    }
  };
  const rows = await prisma.annotation.findMany({
    where: { OR: [{ sourceIri: { in: [...new Set(iris)] } }, { id: { in: [...ownIds.keys()] } }] },
    select: { ...readableAnnotationSelect, sourceIri: true },
  });
  for (const row of rows) {
    const isReadable = isReadableBy(importer, scope, row);
    const isOwn = row.authorId === importer.id;
    if (!isReadable && !isOwn) {
      continue;
    }
    const standing = { annotationId: isReadable ? row.id : null, replyId: null };
    const rank = isReadable ? (isOwn ? 2 : 1) : 0;
    if (row.sourceIri !== null) {
      offer(row.sourceIri, standing, rank);
    }
    const own = ownIds.get(row.id);
    if (own !== undefined) {
      offer(own, standing, rank);
    }
  }
  if (ownReplies.size > 0) {
    const replies = await prisma.reply.findMany({
      where: { id: { in: [...ownReplies.keys()] } },
      select: {
        id: true,
        claimId: true,
        authorId: true,
        deletedAt: true,
        hiddenAt: true,
        claim: { select: { annotation: { select: readableAnnotationSelect } } },
      },
    });
    for (const reply of replies) {
      const own = ownReplies.get(reply.id);
      // The IRI must name the reply's own claim: otherwise it is not one of ours.
      if (own === undefined || own.claimId !== reply.claimId) {
        continue;
      }
      const annotation = reply.claim.annotation;
      const isAnnotationReadable = isReadableBy(importer, scope, annotation);
      // A reply in a thread the importer may not read is, to them, a reply from elsewhere.
      if (!isAnnotationReadable && reply.authorId !== importer.id) {
        continue;
      }
      const isReplyReadable =
        isAnnotationReadable &&
        reply.deletedAt === null &&
        (reply.hiddenAt === null || canSeeHidden(importer));
      present.set(own.iri, {
        annotationId: isAnnotationReadable ? annotation.id : null,
        replyId: isReplyReadable ? reply.id : null,
      });
    }
  }
  return present;
}

/** The values of a one-or-many key, as a list. */
function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** A plain object's own entries as a record, or null. */
function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * Checks one item and puts it in Apparatus's terms, or says why it cannot be imported: no target,
 * no usable selector, another article, or what `fromWebAnnotation` refuses (motivation, body).
 */
async function checkItem(
  item: unknown,
  context: {
    slug: string;
    /** The current revision's plain text. */
    text: string;
    importer: Actor;
    /** Group ids already checked: null when the importer may write for the group, or why not. */
    groupChecks: Map<string, string | null>;
  },
): Promise<Omit<AcceptedItem, "index" | "sourceIri"> | { reason: string }> {
  const { slug, text, importer, groupChecks } = context;
  const record = asRecord(item);
  if (!record) {
    return { reason: "not an annotation: the item is not a JSON object." };
  }
  if (asList(record.motivation).includes("replying")) {
    return { reason: REPLY_REJECTION };
  }
  const targets = asList(record.target);
  if (targets.length === 0) {
    return { reason: "no target: the annotation does not say what it annotates." };
  }
  if (targets.length > 1) {
    return { reason: "target: more than one target; Apparatus annotations have exactly one." };
  }
  const target = asRecord(targets[0]);
  const selectors = asList(target?.selector).map(asRecord);
  const usable = selectors.filter(
    (selector) =>
      selector?.type === "TextQuoteSelector" || selector?.type === "TextPositionSelector",
  );
  if (!target || usable.length === 0) {
    return {
      reason:
        "no usable selector: the target needs a TextQuoteSelector or a TextPositionSelector (a whole page, a reply or another selector cannot be placed on the text).",
    };
  }
  const source = typeof target.source === "string" ? target.source : "";
  const named = articleSlugOf(source);
  if (named !== null && named !== slug) {
    return {
      reason: `wrong article: the target is the article "${named}", not "${slug}".`,
    };
  }

  const normalized: Record<string, unknown> = {
    ...record,
    "@context": record["@context"] ?? ANNOTATION_CONTEXT,
    target: {
      ...target,
      source: `${ARTICLE_PLACEHOLDER_ORIGIN}/articles/${encodeURIComponent(slug)}`,
      selector: usable.map((selector) => trimContext(selector ?? {})),
    },
    body: asList(record.body).map((body) => {
      const bodyRecord = asRecord(body);
      return bodyRecord &&
        typeof bodyRecord.format === "string" &&
        PLAIN_TEXT_FORMATS.has(bodyRecord.format)
        ? { ...bodyRecord, format: "text/plain" }
        : body;
    }),
  };
  if (normalized.body instanceof Array && normalized.body.length === 0) {
    delete normalized.body;
  }
  delete normalized["apparatus:revision"];

  let input: WebAnnotationInput;
  try {
    input = fromWebAnnotation(normalized);
  } catch (error) {
    if (isAppError(error)) {
      return { reason: error.message };
    }
    throw error;
  }

  const { quote, position } = input.target;
  // The selectors obey the same rules as the API's (not empty, not too long, end after start).
  const selectorIssue =
    (quote && firstIssue(textQuoteSelectorSchema, { type: "TextQuoteSelector", ...quote })) ??
    (position &&
      firstIssue(textPositionSelectorSchema, { type: "TextPositionSelector", ...position }));
  if (selectorIssue) {
    return { reason: `target.selector: ${selectorIssue}.` };
  }
  const kindNeedsText: readonly AnnotationKind[] = ["COMMENT", "QUESTION"];
  if (kindNeedsText.includes(input.kind) && input.body.text === "") {
    return { reason: "body: a comment or question needs a text body." };
  }
  const tags = tagsSchema.safeParse(input.tags);
  if (!tags.success) {
    return { reason: tags.error.issues[0]?.message ?? "tags: not valid." };
  }
  const visibility: Visibility = input.visibility ?? (input.groupId ? "GROUP" : "PUBLIC");
  const groupId = visibility === "GROUP" ? (input.groupId ?? null) : null;
  if (visibility === "GROUP") {
    if (!groupId) {
      return { reason: "apparatus:group: a group annotation must name its group." };
    }
    if (!groupChecks.has(groupId)) {
      try {
        await assertCanWriteToGroup(importer, "GROUP", groupId);
        groupChecks.set(groupId, null);
      } catch (error) {
        if (!isAppError(error)) {
          throw error;
        }
        groupChecks.set(groupId, `apparatus:group: ${error.message.replace(/^groupId: /, "")}`);
      }
    }
    const denial = groupChecks.get(groupId);
    if (denial) {
      return { reason: denial };
    }
  }

  if (!quote) {
    // A position alone: its quote is the current text there (as the API's POST does).
    if (!position || position.end > text.length) {
      return {
        reason: `target.selector: the TextPositionSelector ${position?.start}–${position?.end} is outside the article's text (${text.length} characters), and there is no quote to look for.`,
      };
    }
    return {
      input,
      visibility,
      groupId,
      tags: tags.data,
      anchor: describeTextRange(text, position.start, position.end),
      hasPosition: true,
      original: originalOf(record),
    };
  }
  const hasPosition =
    position !== undefined && position.end - position.start === quote.exact.length;
  const anchor: TextAnchor = {
    quote: { type: "TextQuoteSelector", ...quote },
    position: {
      type: "TextPositionSelector",
      ...(hasPosition ? position : { start: 0, end: quote.exact.length }),
    },
  };
  return {
    input,
    visibility,
    groupId,
    tags: tags.data,
    anchor,
    hasPosition,
    original: originalOf(record),
  };
}

/** The message of the first problem `schema` finds in `value`, or null when it is valid. */
function firstIssue(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? "not valid");
}

/** The article slug an Apparatus article IRI names, or null for any other page. */
function articleSlugOf(source: string): string | null {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return null;
  }
  const match = ARTICLE_PATH.exec(url.pathname);
  if (!match?.[1]) {
    return null;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** A selector with context over {@link MAX_CONTEXT_LENGTH} cut to the part nearest the quote. */
function trimContext(selector: Record<string, unknown>): Record<string, unknown> {
  const trimmed = { ...selector };
  if (typeof trimmed.prefix === "string" && trimmed.prefix.length > MAX_CONTEXT_LENGTH) {
    trimmed.prefix = trimmed.prefix.slice(-CONTEXT_LENGTH);
  }
  if (typeof trimmed.suffix === "string" && trimmed.suffix.length > MAX_CONTEXT_LENGTH) {
    trimmed.suffix = trimmed.suffix.slice(0, CONTEXT_LENGTH);
  }
  return trimmed;
}

/** Cuts outside text to a length fit for an audit record. */
function clip(value: unknown, length = 200): string | null {
  return typeof value === "string" ? value.slice(0, length) : null;
}

/** The item's creator and dates as written, for the audit event. */
function originalOf(record: Record<string, unknown>): Prisma.InputJsonObject {
  const creator = asRecord(asList(record.creator)[0]);
  const creatorIri = typeof record.creator === "string" ? record.creator : null;
  return {
    creator: creator
      ? { id: clip(creator.id), name: clip(creator.name) ?? clip(creator.nickname) }
      : creatorIri
        ? { id: clip(creatorIri) }
        : null,
    created: clip(record.created, 40),
    modified: clip(record.modified, 40),
  };
}

/** Where an item sits on the current revision. */
interface Placement {
  strategy: ImportStrategy;
  start: number;
  end: number;
}

/** The database strategy of each anchoring strategy. */
const STRATEGY: Record<"position" | "quote" | "fuzzy", ImportStrategy> = {
  position: "POSITION",
  quote: "QUOTE",
  fuzzy: "FUZZY",
};

/**
 * Places the accepted items on the current text, keyed by item index; absent means orphaned.
 * Items with both selectors go through `reanchorAnnotations` together (their neighbours' shifts
 * guide the changed ones); a quote alone is looked up by `resolveAnchor`; a position alone is
 * taken where it points.
 */
function placeItems(text: string, items: readonly AcceptedItem[]): Map<number, Placement> {
  const placements = new Map<number, Placement>();
  const withBoth = items.filter((item) => item.hasPosition && item.input.target.quote);
  const results: Map<string, ReanchorResult> = reanchorAnnotations(
    text,
    withBoth.map((item) => ({ id: String(item.index), ...item.anchor })),
  );
  const index = createTextIndex(text);
  for (const item of items) {
    if (!item.input.target.quote) {
      placements.set(item.index, { strategy: "POSITION", ...item.anchor.position });
      continue;
    }
    if (item.hasPosition) {
      const result = results.get(String(item.index));
      if (result?.status === "anchored") {
        placements.set(item.index, {
          strategy: STRATEGY[result.strategy],
          start: result.start,
          end: result.end,
        });
      }
      continue;
    }
    const resolved = resolveAnchor(text, item.anchor, { index });
    if (resolved) {
      placements.set(item.index, {
        strategy: STRATEGY[resolved.strategy],
        start: resolved.start,
        end: resolved.end,
      });
    }
  }
  return placements;
}

/** The rows of one import. */
interface ImportWrite {
  articleId: string;
  revisionId: string;
  sections: readonly SectionSpan[];
  items: readonly AcceptedItem[];
  placements: ReadonlyMap<number, Placement>;
}

/**
 * Writes the accepted items in one transaction, under the article's share lock (a concurrent
 * article import waits, or we see its revision and refuse): annotations, anchors, claims and one
 * audit event each, plus one for the whole import.
 *
 * @returns the new annotation ids by source IRI
 */
async function writeItems(importer: Actor, write: ImportWrite): Promise<Map<string, string>> {
  const { articleId, revisionId, sections, items, placements } = write;
  const rows: Prisma.AnnotationCreateManyInput[] = items.map((item) => {
    const placement = placements.get(item.index);
    const { input } = item;
    const quote = item.anchor.quote;
    // The item's own position, or (for a quote alone) where it was placed.
    const start = item.hasPosition ? item.anchor.position.start : (placement?.start ?? 0);
    const end = item.hasPosition
      ? item.anchor.position.end
      : (placement?.end ?? quote.exact.length);
    return {
      articleId,
      authorId: importer.id,
      kind: input.kind,
      flag: input.kind === "CLAIM" ? input.flag : null,
      body: input.body.doc as Prisma.InputJsonObject,
      bodyText: input.body.text,
      tags: item.tags,
      visibility: item.visibility,
      groupId: item.groupId,
      revisionId,
      sectionAnchor: findSectionAnchor(sections, placement?.start ?? null),
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      start,
      end,
      sourceIri: item.sourceIri,
    };
  });

  try {
    return await writeRows(importer, write, rows);
  } catch (error) {
    // The same importer's concurrent import of the same items got past the check first.
    if ((error as { code?: unknown } | null)?.code === "P2002") {
      throw new AppError(
        "CONFLICT",
        "file: some of these items were imported while this import ran; run it again.",
        { field: "file" },
      );
    }
    throw error;
  }
}

/** The transaction of {@link writeItems}. */
async function writeRows(
  importer: Actor,
  write: ImportWrite,
  rows: readonly Prisma.AnnotationCreateManyInput[],
): Promise<Map<string, string>> {
  const { articleId, revisionId, sections, items, placements } = write;
  return prisma.$transaction(
    async (tx) => {
      await readCurrentRevisionForWrite(tx, articleId, revisionId);
      // The groups were checked while reading the file; check again under each group's lock, so
      // that an importer removed from a group meanwhile writes nothing for it.
      const groupIds = [
        ...new Set(rows.flatMap((row) => (row.groupId ? [row.groupId] : []))),
      ].sort();
      for (const groupId of groupIds) {
        await assertCanWriteToGroupForWrite(tx, importer, "GROUP", groupId);
      }
      const clash = await tx.annotation.findFirst({
        where: {
          authorId: importer.id,
          sourceIri: { in: rows.map((row) => row.sourceIri ?? "") },
        },
        select: { sourceIri: true },
      });
      if (clash) {
        throw new AppError(
          "CONFLICT",
          `file: "${clash.sourceIri}" was imported while this import ran; run it again.`,
          { field: "file" },
        );
      }
      const ids = new Map<string, string>();
      for (let offset = 0; offset < rows.length; offset += INSERT_CHUNK_SIZE) {
        const created = await tx.annotation.createManyAndReturn({
          data: rows.slice(offset, offset + INSERT_CHUNK_SIZE),
          select: { id: true, sourceIri: true },
        });
        for (const row of created) {
          if (row.sourceIri !== null) {
            ids.set(row.sourceIri, row.id);
          }
        }
      }
      const idOf = (item: AcceptedItem): string => {
        const id = ids.get(item.sourceIri);
        if (id === undefined) {
          throw new Error(`import: no row written for ${item.sourceIri}`);
        }
        return id;
      };
      const anchors: Prisma.AnnotationAnchorCreateManyInput[] = items.map((item) => {
        const placement = placements.get(item.index);
        return {
          annotationId: idOf(item),
          revisionId,
          start: placement?.start ?? null,
          end: placement?.end ?? null,
          sectionAnchor: findSectionAnchor(sections, placement?.start ?? null),
          strategy: placement?.strategy ?? "ORPHANED",
        };
      });
      const claims: Prisma.ClaimCreateManyInput[] = items
        .filter((item) => item.input.kind === "CLAIM")
        .map((item) => ({ annotationId: idOf(item), articleId, status: "OPEN" }));
      const events: Prisma.AuditEventCreateManyInput[] = items.map((item) => {
        const placement = placements.get(item.index);
        return {
          action: "annotation.import",
          actorId: importer.id,
          subjectType: "Annotation",
          subjectId: idOf(item),
          data: {
            articleId,
            revisionId,
            sourceIri: item.sourceIri,
            kind: item.input.kind,
            strategy: placement?.strategy ?? "ORPHANED",
            original: item.original,
          },
        };
      });
      for (let offset = 0; offset < items.length; offset += INSERT_CHUNK_SIZE) {
        await tx.annotationAnchor.createMany({
          data: anchors.slice(offset, offset + INSERT_CHUNK_SIZE),
        });
        await tx.auditEvent.createMany({ data: events.slice(offset, offset + INSERT_CHUNK_SIZE) });
      }
      for (let offset = 0; offset < claims.length; offset += INSERT_CHUNK_SIZE) {
        await tx.claim.createMany({ data: claims.slice(offset, offset + INSERT_CHUNK_SIZE) });
      }
      await tx.auditEvent.create({
        data: {
          action: "annotation.import",
          actorId: importer.id,
          subjectType: "Article",
          subjectId: articleId,
          data: {
            revisionId,
            imported: items.length,
            orphaned: items.filter((item) => !placements.has(item.index)).length,
          },
        },
      });
      return ids;
    },
    { timeout: IMPORT_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}
