import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { findMembership } from "./find-membership";
import { assertAnotherModerator, lockGroup } from "./lock-group";
import { leaveGroupSchema, type LeaveGroupInput } from "./schemas";

/**
 * Takes the actor out of a group they belong to; recorded as a removal by themselves.
 *
 * @throws AppError FORBIDDEN for a non-member; CONFLICT for the group's last moderator
 */
export async function leaveGroup(
  actor: Actor | null,
  input: LeaveGroupInput,
  context: { ip?: string } = {},
): Promise<void> {
  const membership = await findMembership(actor, input);
  const user = authorize(actor, "group.leave", { membershipRole: membership?.role ?? null });
  const { groupId } = leaveGroupSchema.parse(input);
  await prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    // Read again under the lock: the membership may have changed since the check above.
    const current = await tx.groupMembership.findUnique({
      where: { groupId_userId: { groupId, userId: user.id } },
      select: { role: true },
    });
    if (!current) {
      throw new AppError("NOT_FOUND", "You are no longer a member of this group.");
    }
    if (current.role === "MODERATOR") {
      await assertAnotherModerator(tx, groupId, user.id);
    }
    await tx.groupMembership.delete({ where: { groupId_userId: { groupId, userId: user.id } } });
    await recordSecurityEvent(
      {
        action: "group.member_removed",
        actorId: user.id,
        subjectType: "Group",
        subjectId: groupId,
        data: { userId: user.id, role: current.role, left: true, ...context },
      },
      tx,
    );
  });
}
