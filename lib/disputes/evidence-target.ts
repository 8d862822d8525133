import "server-only";

import { describeTextRange } from "@/lib/anchoring/selectors";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { EvidenceData } from "./schemas";

/** Longest chain of merges followed to a surviving source. */
const MAX_MERGE_HOPS = 10;

/** What is read of a cited source. */
const sourceSelect = {
  id: true,
  title: true,
  authorsText: true,
  year: true,
  deletedAt: true,
  mergedIntoId: true,
} as const;

/** A cited source as read. */
interface CitedSource {
  id: string;
  title: string;
  authorsText: string;
  year: number | null;
  deletedAt: Date | null;
  mergedIntoId: string | null;
}

/** Columns of an Evidence row describing what it cites, checked and ready to write. */
export interface CheckedEvidence {
  relation: EvidenceData["relation"];
  sourceId: string | null;
  locatorLabel: string | null;
  locator: string | null;
  quote: string | null;
  passageRevisionId: string | null;
  passageExact: string | null;
  passagePrefix: string | null;
  passageSuffix: string | null;
  passageStart: number | null;
  passageEnd: number | null;
  note: string;
  /** A short name of what is cited, for the timeline ("Yousaf, The Bear Trap (1992)"). */
  label: string;
}

/** Shortens `text` to `length` characters with an ellipsis. */
function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/**
 * Checks what a piece of evidence cites and returns the columns to store.
 *
 * - A source must exist and not be deleted. A source merged into another resolves to the record
 *   it was merged into (following merges), so evidence always cites the surviving record; if that
 *   one is deleted the evidence is refused.
 * - A passage must be on a revision OF THE CLAIM'S ARTICLE, and that revision's plain text at
 *   [start, end) must be `exact`; its prefix and suffix are taken from the text.
 *
 * @param articleId the claim's article
 * @param field the input path of the evidence, for messages ("evidence.0")
 * @throws AppError NOT_FOUND (no such source or revision), INVALID_INPUT (deleted source, passage
 *   of another article, text that does not match)
 */
export async function checkEvidence(
  tx: Prisma.TransactionClient,
  articleId: string,
  data: EvidenceData,
  field = "",
): Promise<CheckedEvidence> {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const base = {
    relation: data.relation,
    note: data.note,
    sourceId: null,
    locatorLabel: null,
    locator: null,
    quote: null,
    passageRevisionId: null,
    passageExact: null,
    passagePrefix: null,
    passageSuffix: null,
    passageStart: null,
    passageEnd: null,
  };
  if (data.sourceId) {
    const first = await tx.source.findUnique({
      where: { id: data.sourceId },
      select: sourceSelect,
    });
    if (!first) {
      throw new AppError("NOT_FOUND", `${at("sourceId")}: no such source in the library.`, {
        field: at("sourceId"),
      });
    }
    let source: CitedSource = first;
    for (let hop = 0; source.mergedIntoId && hop < MAX_MERGE_HOPS; hop += 1) {
      const survivor: CitedSource | null = await tx.source.findUnique({
        where: { id: source.mergedIntoId },
        select: sourceSelect,
      });
      if (!survivor) {
        break;
      }
      source = survivor;
    }
    if (source.deletedAt) {
      throw new AppError(
        "INVALID_INPUT",
        `${at("sourceId")}: the source “${shorten(source.title, 60)}” was deleted from the library; cite another.`,
        { field: at("sourceId") },
      );
    }
    const author = source.authorsText.split(";")[0]?.split(",")[0]?.trim() ?? "";
    const label = `${author ? `${author}, ` : ""}${shorten(source.title, 80)}${source.year ? ` (${source.year})` : ""}`;
    const locator = data.locator || null;
    return {
      ...base,
      sourceId: source.id,
      locator,
      locatorLabel: locator ? (data.locatorLabel ?? "page") : (data.locatorLabel ?? null),
      quote: data.quote || null,
      label,
    };
  }
  const passage = data.passage;
  if (!passage) {
    throw new AppError("INVALID_INPUT", `${at("sourceId")}: cite a source or a passage.`, {
      field: at("sourceId"),
    });
  }
  const revision = await tx.articleRevision.findUnique({
    where: { id: passage.revisionId },
    select: { articleId: true, plainText: true },
  });
  if (!revision) {
    throw new AppError("NOT_FOUND", `${at("passage.revisionId")}: no such revision.`, {
      field: at("passage.revisionId"),
    });
  }
  if (revision.articleId !== articleId) {
    throw new AppError(
      "INVALID_INPUT",
      `${at("passage.revisionId")}: the passage is from another article; cite a passage of this claim's article.`,
      { field: at("passage.revisionId") },
    );
  }
  if (
    passage.end > revision.plainText.length ||
    revision.plainText.slice(passage.start, passage.end) !== passage.exact
  ) {
    throw new AppError(
      "INVALID_INPUT",
      `${at("passage.exact")}: the quoted text is not the article's text at ${passage.start}–${passage.end}; reload the article and select again.`,
      { field: at("passage.exact") },
    );
  }
  const anchor = describeTextRange(revision.plainText, passage.start, passage.end);
  return {
    ...base,
    passageRevisionId: passage.revisionId,
    passageExact: passage.exact,
    passagePrefix: anchor.quote.prefix,
    passageSuffix: anchor.quote.suffix,
    passageStart: passage.start,
    passageEnd: passage.end,
    label: `the passage “${shorten(passage.exact, 60)}”`,
  };
}

/** The columns of a checked evidence to write (without its label). */
export function evidenceColumns(checked: CheckedEvidence): Omit<CheckedEvidence, "label"> {
  const { label: _label, ...columns } = checked;
  return columns;
}
