import "server-only";

import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { deriveSourceColumns, type DerivedSourceColumns } from "./derive-source-columns";
import { parseSourceInput, sourceIdSchema, type CslItem } from "./schemas";
import { liveSourceWhere } from "./source-records";

/** Why two records look like the same source. */
export type DuplicateReason = "doi" | "isbn" | "title-author";

/** A live source that looks like a duplicate of another record. */
export interface DuplicateCandidate {
  id: string;
  key: string;
  title: string;
  authorsText: string;
  year: number | null;
  /** Every reason that matched, strongest first. */
  reasons: DuplicateReason[];
}

/** The derived columns that duplicate detection compares. */
type DuplicateKeys = Pick<DerivedSourceColumns, "doi" | "isbn" | "titleKey" | "authorKey">;

/** The columns of a possible duplicate: what a candidate shows, and the keys it is matched on. */
export const duplicateCandidateSelect = {
  id: true,
  key: true,
  title: true,
  authorsText: true,
  year: true,
  doi: true,
  isbn: true,
  titleKey: true,
  authorKey: true,
} satisfies Prisma.SourceSelect;

/** A row read with {@link duplicateCandidateSelect}. */
export type DuplicateCandidateRow = Prisma.SourceGetPayload<{
  select: typeof duplicateCandidateSelect;
}>;

/** A source row as a duplicate candidate, with the `reasons` it matched for. */
export function toDuplicateCandidate(
  row: DuplicateCandidateRow,
  reasons: DuplicateReason[],
): DuplicateCandidate {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    authorsText: row.authorsText,
    year: row.year,
    reasons,
  };
}

/**
 * The live sources (not deleted, not merged) that share a DOI, an ISBN, or both the folded title
 * and the folded first author with `keys`, except `excludeId`.
 */
export async function findDuplicatesOfKeys(
  db: Prisma.TransactionClient,
  keys: DuplicateKeys,
  excludeId?: string,
): Promise<DuplicateCandidate[]> {
  const alternatives: Prisma.SourceWhereInput[] = [];
  if (keys.doi) {
    alternatives.push({ doi: keys.doi });
  }
  if (keys.isbn) {
    alternatives.push({ isbn: keys.isbn });
  }
  if (keys.titleKey) {
    alternatives.push({ titleKey: keys.titleKey, authorKey: keys.authorKey });
  }
  if (alternatives.length === 0) {
    return [];
  }
  const rows = await db.source.findMany({
    where: {
      ...liveSourceWhere,
      OR: alternatives,
      ...(excludeId ? { id: { not: excludeId } } : {}),
    },
    select: duplicateCandidateSelect,
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => toDuplicateCandidate(row, duplicateReasons(keys, row)));
}

/** The reasons two records' keys match, strongest first (empty when they do not). */
export function duplicateReasons(left: DuplicateKeys, right: DuplicateKeys): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (left.doi && left.doi === right.doi) {
    reasons.push("doi");
  }
  if (left.isbn && left.isbn === right.isbn) {
    reasons.push("isbn");
  }
  if (left.titleKey && left.titleKey === right.titleKey && left.authorKey === right.authorKey) {
    reasons.push("title-author");
  }
  return reasons;
}

/**
 * The live sources a not-yet-saved CSL item would duplicate; create and import use it to warn
 * (and import to skip).
 */
export async function findDuplicatesOfItem(
  item: CslItem,
  db: Prisma.TransactionClient = prisma,
): Promise<DuplicateCandidate[]> {
  return findDuplicatesOfKeys(db, deriveSourceColumns(item));
}

/**
 * The duplicate candidates of a saved source, for the moderator's merge form. Anyone may read
 * the library, so anyone may ask.
 *
 * @throws AppError INVALID_INPUT (id), NOT_FOUND
 */
export async function findDuplicateSources(id: string): Promise<DuplicateCandidate[]> {
  const sourceId = parseSourceInput(sourceIdSchema, id);
  const source = await prisma.source.findUnique({
    where: { id: sourceId },
    select: { id: true, doi: true, isbn: true, titleKey: true, authorKey: true },
  });
  if (!source) {
    throw new AppError("NOT_FOUND", "This source does not exist.");
  }
  return findDuplicatesOfKeys(prisma, source, source.id);
}
