import "server-only";

import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { userSummarySelect, type UserSummary } from "./list-users";

/**
 * Advisory lock held by every change of a role or of an account's status, so that two
 * administrators demoting or disabling each other at once cannot leave the site without one.
 */
const ADMIN_CHANGE_LOCK = "apparatus.admin-change";

/**
 * Inside `tx`: takes the admin-change lock and loads the account to change.
 *
 * @throws AppError NOT_FOUND when there is no such account
 */
export async function lockUserForAdminChange(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<UserSummary> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ADMIN_CHANGE_LOCK}))`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: userSummarySelect });
  if (!user) {
    throw new AppError("NOT_FOUND", "userId: no such account.");
  }
  return user;
}

/**
 * Inside a transaction holding the admin-change lock: throws CONFLICT with `message` unless an
 * enabled administrator other than `userId` remains.
 */
export async function assertAnotherActiveAdmin(
  tx: Prisma.TransactionClient,
  userId: string,
  message: string,
): Promise<void> {
  const others = await tx.user.count({
    where: { role: "ADMIN", disabledAt: null, id: { not: userId } },
  });
  if (others === 0) {
    throw new AppError("CONFLICT", message);
  }
}
