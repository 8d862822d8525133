import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { userSummarySelect, type UserSummary } from "./list-users";
import { assertAnotherActiveAdmin, lockUserForAdminChange } from "./lock-user-for-admin-change";
import { setUserRoleSchema, type SetUserRoleInput } from "./schemas";

/**
 * Changes another account's site role and signs that account out everywhere (its sessions carry
 * the old role). Setting the role it already has changes nothing. Administrators only.
 *
 * @throws AppError CONFLICT for one's own role or for demoting the last enabled administrator;
 *   NOT_FOUND for an unknown account
 */
export async function setUserRole(
  actor: Actor | null,
  input: SetUserRoleInput,
  context: { ip?: string } = {},
): Promise<UserSummary> {
  const admin = authorize(actor, "user.setRole");
  const { userId, role } = setUserRoleSchema.parse(input);
  if (userId === admin.id) {
    throw new AppError("CONFLICT", "You cannot change your own role.");
  }
  return prisma.$transaction(async (tx) => {
    const user = await lockUserForAdminChange(tx, userId);
    if (user.role === role) {
      return user;
    }
    if (user.role === "ADMIN" && !user.disabledAt) {
      await assertAnotherActiveAdmin(
        tx,
        userId,
        "The last active administrator cannot be demoted.",
      );
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: { role, sessionVersion: { increment: 1 } },
      select: userSummarySelect,
    });
    await recordSecurityEvent(
      {
        action: "admin.role_change",
        actorId: admin.id,
        subjectType: "User",
        subjectId: userId,
        data: { from: user.role, to: role, ...context },
      },
      tx,
    );
    return updated;
  });
}
