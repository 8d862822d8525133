import "server-only";

import { can, type Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The columns a change reads: who may change it, its version, and its editable values. */
const sourceForChangeSelect = {
  id: true,
  key: true,
  version: true,
  createdById: true,
  mergedIntoId: true,
  csl: true,
  category: true,
  authorPosition: true,
  proximity: true,
  critique: true,
} satisfies Prisma.SourceSelect;

/**
 * What a change to a source needs to know before it writes: its owner, version and merge state,
 * and the editable values (an edit's audit event keeps them as they were).
 */
export type SourceForChange = Prisma.SourceGetPayload<{ select: typeof sourceForChangeSelect }>;

/**
 * True when `actor` may edit or delete a source created by `createdById`: an annotator (or above)
 * who created it, or a moderator (`source.manageAny`). The pages ask it to show their controls;
 * {@link findSourceForChange} enforces it.
 */
export function canChangeSource(actor: Actor | null, createdById: string | null): boolean {
  return (
    actor !== null &&
    can(actor, "source.create") &&
    (createdById === actor.id || can(actor, "source.manageAny"))
  );
}

/**
 * Reads a live source that `actor` wants to edit or delete, locking its row for the transaction,
 * and checks that they may: its creator, or a moderator (`source.manageAny`). A deleted source is
 * NOT_FOUND; a merged one cannot be changed (its successor can).
 *
 * @throws AppError NOT_FOUND, FORBIDDEN, CONFLICT (merged)
 */
export async function findSourceForChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  id: string,
): Promise<SourceForChange> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Source" WHERE "id" = ${id}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
  const source = locked.length
    ? await tx.source.findUnique({
        where: { id },
        select: sourceForChangeSelect,
      })
    : null;
  if (!source) {
    throw new AppError("NOT_FOUND", "This source does not exist or was deleted.");
  }
  if (!canChangeSource(actor, source.createdById)) {
    throw new AppError("FORBIDDEN", "Only the source's creator or a moderator can change it.");
  }
  if (source.mergedIntoId) {
    throw new AppError(
      "CONFLICT",
      "This source was merged into another record; change that one instead.",
    );
  }
  return source;
}
