import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { findMembership } from "./find-membership";
import { assertAnotherModerator, authorizeUnderGroupLock, lockGroup } from "./lock-group";
import { removeGroupMemberSchema, type RemoveGroupMemberInput } from "./schemas";

/**
 * Removes a member from a group. The membership row goes; the audit event keeps who removed whom
 * and when. The group's moderators and site admins only.
 *
 * @throws AppError NOT_FOUND for an unknown group or a non-member; CONFLICT when it would leave the
 *   group without a moderator
 */
export async function removeGroupMember(
  actor: Actor | null,
  input: RemoveGroupMemberInput,
  context: { ip?: string } = {},
): Promise<void> {
  const membership = await findMembership(actor, input);
  // Checked before the input is parsed, so that strangers learn nothing from validation errors.
  authorize(actor, "group.manage", { membershipRole: membership?.role ?? null });
  const { groupId, userId } = removeGroupMemberSchema.parse(input);
  await prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    // Again under the lock: the actor may have lost moderation since the check above.
    const manager = await authorizeUnderGroupLock(tx, actor, "group.manage", groupId);
    const target = await tx.groupMembership.findUnique({
      where: { groupId_userId: { groupId, userId } },
      select: { role: true },
    });
    if (!target) {
      throw new AppError("NOT_FOUND", "userId: this account is not a member of the group.");
    }
    if (target.role === "MODERATOR") {
      await assertAnotherModerator(tx, groupId, userId);
    }
    await tx.groupMembership.delete({ where: { groupId_userId: { groupId, userId } } });
    await recordSecurityEvent(
      {
        action: "group.member_removed",
        actorId: manager.id,
        subjectType: "Group",
        subjectId: groupId,
        data: { userId, role: target.role, ...context },
      },
      tx,
    );
  });
}
