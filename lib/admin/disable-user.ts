import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { userSummarySelect, type UserSummary } from "./list-users";
import { assertAnotherActiveAdmin, lockUserForAdminChange } from "./lock-user-for-admin-change";
import { disableUserSchema, type DisableUserInput } from "./schemas";

/**
 * Disables another account: it can no longer sign in or use its API tokens, and its sessions end.
 * Nothing is deleted. Disabling a disabled account changes nothing. Administrators only.
 *
 * @throws AppError CONFLICT for one's own account or the last enabled administrator; NOT_FOUND for
 *   an unknown account
 */
export async function disableUser(
  actor: Actor | null,
  input: DisableUserInput,
  context: { ip?: string } = {},
): Promise<UserSummary> {
  const admin = authorize(actor, "user.disable");
  const { userId } = disableUserSchema.parse(input);
  if (userId === admin.id) {
    throw new AppError("CONFLICT", "You cannot disable your own account.");
  }
  return prisma.$transaction(async (tx) => {
    const user = await lockUserForAdminChange(tx, userId);
    if (user.disabledAt) {
      return user;
    }
    if (user.role === "ADMIN") {
      await assertAnotherActiveAdmin(
        tx,
        userId,
        "The last active administrator cannot be disabled.",
      );
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: { disabledAt: new Date(), sessionVersion: { increment: 1 } },
      select: userSummarySelect,
    });
    await recordSecurityEvent(
      {
        action: "admin.user_disabled",
        actorId: admin.id,
        subjectType: "User",
        subjectId: userId,
        data: { ...context },
      },
      tx,
    );
    return updated;
  });
}
