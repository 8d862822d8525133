import "server-only";

import { readableAnnotationWhere } from "@/lib/annotations/annotation-view";
import { can, type Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

/** What a change to a claim's dispute needs to know before it writes. */
export interface ClaimForChange {
  id: string;
  articleId: string;
  articleSlug: string;
  annotationId: string;
  /** Who flagged the passage (the claim annotation's author). */
  flaggerId: string;
  title: string;
  status: ClaimStatus;
  version: number;
  isLocked: boolean;
}

/** True when `actor` moderates (may see hidden replies, hide, lock and resolve). */
export function isModerator(actor: Actor | null): boolean {
  return can(actor, "content.hide");
}

/** The NOT_FOUND error for a claim that does not exist or that the actor may not see. */
export function claimNotFound(field = "claimId"): AppError {
  return new AppError("NOT_FOUND", `${field}: no such claim (or you may not see it).`, { field });
}

/**
 * The `where` fragment of the claims `actor` may see: the claim annotation is readable by them
 * (visible, not deleted, on a live article, not hidden unless they moderate).
 */
export async function readableClaimWhere(actor: Actor | null): Promise<Prisma.ClaimWhereInput> {
  const scope = await getVisibilityScope(actor);
  return { annotation: readableAnnotationWhere(scope, { includeHidden: isModerator(actor) }) };
}

/**
 * Reads a claim that `actor` wants to contribute to or change; a claim they may not see is
 * NOT_FOUND, so private and group claims do not leak.
 *
 * @param notFound the error for a claim they may not see: by default the claim's NOT_FOUND; the
 *   NOT_FOUND of the account, reply or evidence when the claim was reached through one of them
 */
export async function findClaimForChange(
  actor: Actor | null,
  claimId: string,
  notFound: () => AppError = claimNotFound,
): Promise<ClaimForChange> {
  const row = await prisma.claim.findFirst({
    where: { AND: [{ id: claimId }, await readableClaimWhere(actor)] },
    select: {
      id: true,
      articleId: true,
      article: { select: { slug: true } },
      annotationId: true,
      annotation: { select: { authorId: true } },
      title: true,
      status: true,
      version: true,
      lockedAt: true,
    },
  });
  if (!row) {
    throw notFound();
  }
  return {
    id: row.id,
    articleId: row.articleId,
    articleSlug: row.article.slug,
    annotationId: row.annotationId,
    flaggerId: row.annotation.authorId,
    title: row.title,
    status: row.status,
    version: row.version,
    isLocked: row.lockedAt !== null,
  };
}

/** The CONFLICT of a contribution to a locked thread. */
export function threadLocked(): AppError {
  return new AppError("CONFLICT", "This thread is locked; a moderator must unlock it first.", {
    field: "claimId",
  });
}

/** Throws CONFLICT "This thread is locked…" when the claim's thread is locked. */
export function assertThreadOpen(claim: ClaimForChange): void {
  if (claim.isLocked) {
    throw threadLocked();
  }
}

/** The CONFLICT of an edit made from an old version of `what` ("claim", "account", "reply"). */
export function staleVersion(what: string, currentVersion: number): AppError {
  return new AppError(
    "CONFLICT",
    `This ${what} was changed by someone else (now version ${currentVersion}); reload and reapply your change.`,
    { currentVersion, field: "version" },
  );
}

/**
 * Inside a contribution's transaction: takes a share lock on the claim row, throws CONFLICT "This
 * thread is locked…" when it is locked, and checks again that `actor` may still read the claim. A
 * moderator locking the thread, or the flagger changing the claim's audience, updates that row
 * under a lock of its own, so a contribution either commits before the change or sees it; none
 * slips in after (a claim made private in the meantime is NOT_FOUND).
 *
 * @param options.exclusive lock the row for update: for writers that number things per claim
 *   (account positions), which must not run side by side
 */
export async function assertThreadOpenForWrite(
  tx: Prisma.TransactionClient,
  claimId: string,
  actor: Actor,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  const [row] = options.exclusive
    ? await tx.$queryRaw<{ lockedAt: Date | null }[]>`
        SELECT "lockedAt" FROM "Claim" WHERE id = ${claimId}::uuid FOR UPDATE`
    : await tx.$queryRaw<{ lockedAt: Date | null }[]>`
        SELECT "lockedAt" FROM "Claim" WHERE id = ${claimId}::uuid FOR SHARE`;
  if (!row) {
    throw claimNotFound();
  }
  // Read through `tx`, not the pool: a transaction waiting for a connection of its own while
  // holding one could exhaust the pool when many contributions queue on one claim.
  const memberships = await tx.groupMembership.findMany({
    where: { userId: actor.id, group: { deletedAt: null } },
    select: { groupId: true },
  });
  const scope = { userId: actor.id, groupIds: memberships.map((row) => row.groupId) };
  const readable = await tx.claim.count({
    where: {
      id: claimId,
      annotation: readableAnnotationWhere(scope, { includeHidden: isModerator(actor) }),
    },
  });
  if (readable === 0) {
    throw claimNotFound();
  }
  if (row.lockedAt) {
    throw threadLocked();
  }
}
