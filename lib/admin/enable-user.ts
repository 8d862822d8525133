import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { userSummarySelect, type UserSummary } from "./list-users";
import { lockUserForAdminChange } from "./lock-user-for-admin-change";
import { enableUserSchema, type EnableUserInput } from "./schemas";

/**
 * Enables a disabled account again; its owner signs in afresh. Enabling an enabled account changes
 * nothing. Administrators only.
 *
 * @throws AppError CONFLICT for one's own account; NOT_FOUND for an unknown account
 */
export async function enableUser(
  actor: Actor | null,
  input: EnableUserInput,
  context: { ip?: string } = {},
): Promise<UserSummary> {
  const admin = authorize(actor, "user.disable");
  const { userId } = enableUserSchema.parse(input);
  if (userId === admin.id) {
    throw new AppError("CONFLICT", "You cannot enable your own account.");
  }
  return prisma.$transaction(async (tx) => {
    const user = await lockUserForAdminChange(tx, userId);
    if (!user.disabledAt) {
      return user;
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: { disabledAt: null, sessionVersion: { increment: 1 } },
      select: userSummarySelect,
    });
    await recordSecurityEvent(
      {
        action: "admin.user_enabled",
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
