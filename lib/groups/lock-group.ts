import "server-only";

import { authorize, type Actor, type GroupAction } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Message when a change would leave a group without a moderator. */
export const LAST_MODERATOR_MESSAGE =
  "A group must keep at least one moderator; make another member moderator first.";

/**
 * Inside `tx`: locks a live group's row, so that membership changes of one group happen one at a
 * time and "at least one moderator" cannot be broken by two changes at once.
 *
 * @throws AppError NOT_FOUND for an unknown or deleted group
 */
export async function lockGroup(tx: Prisma.TransactionClient, groupId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Group" WHERE id = ${groupId}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
  if (rows.length === 0) {
    throw new AppError("NOT_FOUND", "groupId: no such group.");
  }
}

/**
 * Inside a transaction holding `lockGroup`: throws CONFLICT unless the group has a moderator other
 * than `userId`.
 */
export async function assertAnotherModerator(
  tx: Prisma.TransactionClient,
  groupId: string,
  userId: string,
): Promise<void> {
  const others = await tx.groupMembership.count({
    where: { groupId, role: "MODERATOR", userId: { not: userId } },
  });
  if (others === 0) {
    throw new AppError("CONFLICT", LAST_MODERATOR_MESSAGE);
  }
}

/**
 * Inside a transaction holding `lockGroup`: decides `action` again on the actor's membership as it
 * is now. The check a use case makes before its transaction can be stale by the time it holds the
 * lock (a moderator removed or demoted meanwhile); this one cannot, since membership changes of the
 * group wait for the lock.
 *
 * @returns the actor, narrowed to non-null
 * @throws AppError UNAUTHENTICATED or FORBIDDEN as `authorize` does
 */
export async function authorizeUnderGroupLock(
  tx: Prisma.TransactionClient,
  actor: Actor | null,
  action: GroupAction,
  groupId: string,
): Promise<Actor> {
  const current = actor
    ? await tx.groupMembership.findUnique({
        where: { groupId_userId: { groupId, userId: actor.id } },
        select: { role: true },
      })
    : null;
  return authorize(actor, action, { membershipRole: current?.role ?? null });
}
