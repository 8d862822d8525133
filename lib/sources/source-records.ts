import "server-only";

import type { CitedSourceView } from "@/lib/disputes/claim-page-view";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { deriveSourceColumns, generateCitationKey } from "./derive-source-columns";
import { summarizeReliability, type ReliabilitySummary } from "./reliability-summary";
import type { CslItem } from "./schemas";

/** What happened to a source, as written to the audit table. */
export type SourceAuditAction =
  | "source.create"
  | "source.update"
  | "source.delete"
  | "source.assess"
  | "source.withdrawAssessment"
  | "source.merge"
  | "source.import";

/**
 * Appends a source event to the audit table inside the transaction of the write it records, so
 * that both land or neither does. `actorId` is null for the article importer and the seed.
 */
export async function recordSourceEvent(
  tx: Prisma.TransactionClient,
  event: {
    action: SourceAuditAction;
    actorId: string | null;
    sourceId: string;
    data?: Prisma.InputJsonObject;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId,
      subjectType: "Source",
      subjectId: event.sourceId,
      data: event.data ?? {},
    },
  });
}

/** The columns a cited-source view needs, with the current assessments' ratings. */
export const citedSourceSelect = {
  id: true,
  key: true,
  type: true,
  title: true,
  authorsText: true,
  year: true,
  category: true,
  proximity: true,
  authorPosition: true,
  deletedAt: true,
  assessments: { where: { supersededAt: null }, select: { rating: true } },
} satisfies Prisma.SourceSelect;

/** A row read with {@link citedSourceSelect}. */
export type CitedSourceRow = Prisma.SourceGetPayload<{ select: typeof citedSourceSelect }>;

/** A source as cited by evidence and listed in pickers, with its reliability summary. */
export function toCitedSourceView(row: CitedSourceRow): CitedSourceView {
  return {
    id: row.id,
    key: row.key,
    type: row.type,
    title: row.title,
    authorsText: row.authorsText,
    year: row.year,
    category: row.category,
    proximity: row.proximity,
    authorPosition: row.authorPosition,
    reliability: summarizeReliability(row.assessments.map((assessment) => assessment.rating)),
    isDeleted: row.deletedAt !== null,
  };
}

/** The reliability summary of a source from its current (not superseded) assessments. */
export async function readReliability(
  tx: Prisma.TransactionClient,
  sourceId: string,
): Promise<ReliabilitySummary> {
  const current = await tx.sourceAssessment.findMany({
    where: { sourceId, supersededAt: null },
    select: { rating: true },
  });
  return summarizeReliability(current.map((row) => row.rating));
}

/** Sources that are neither deleted nor merged into another. */
export const liveSourceWhere = {
  deletedAt: null,
  mergedIntoId: null,
} satisfies Prisma.SourceWhereInput;

/**
 * Refuses a citation key that another source already uses, naming the `key` field.
 *
 * @throws AppError CONFLICT
 */
export async function assertCitationKeyFree(
  tx: Prisma.TransactionClient,
  key: string,
): Promise<void> {
  const clash = await tx.source.findUnique({ where: { key }, select: { id: true } });
  if (clash) {
    throw new AppError("CONFLICT", `key: "${key}" is already used by another source.`, {
      field: "key",
    });
  }
}

/**
 * A citation key for `item` that no source uses yet: its own `preferred` key when free, else the
 * generated one (`coll2004ghost`, then `coll2004ghosta`, …).
 *
 * @param reserved keys taken by items written earlier in the same transaction
 */
export async function chooseCitationKey(
  tx: Prisma.TransactionClient,
  item: CslItem,
  preferred: string | undefined,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string> {
  if (preferred) {
    const clash = await tx.source.findUnique({ where: { key: preferred }, select: { id: true } });
    if (!clash && !reserved.has(preferred)) {
      return preferred;
    }
  }
  const base = generateCitationKey(item, new Set());
  const rows = await tx.source.findMany({
    where: { key: { startsWith: base } },
    select: { key: true },
  });
  const taken = new Set([...rows.map((row) => row.key), ...reserved]);
  return generateCitationKey(item, taken);
}

/** The Source columns stored for a CSL item under `key`: the item (id = key) and derived columns. */
export function toSourceData(
  item: CslItem,
  key: string,
): {
  key: string;
  csl: Prisma.InputJsonObject;
} & ReturnType<typeof deriveSourceColumns> {
  const csl: CslItem = { ...item, id: key };
  delete csl["citation-key"];
  return {
    key,
    csl: JSON.parse(JSON.stringify(csl)) as Prisma.InputJsonObject,
    ...deriveSourceColumns(csl),
  };
}

/**
 * Turns a unique-key violation (two writers choosing the same citation key at the same moment)
 * into a CONFLICT the user can retry; rethrows anything else.
 */
export function rethrowKeyRace(error: unknown): never {
  if ((error as { code?: unknown } | null)?.code === "P2002") {
    throw new AppError(
      "CONFLICT",
      "key: another source took this citation key at the same moment; try again.",
      { field: "key" },
    );
  }
  throw error;
}
