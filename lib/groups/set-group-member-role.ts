import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GroupRole } from "@/lib/generated/prisma/enums";

import { findMembership } from "./find-membership";
import { assertAnotherModerator, authorizeUnderGroupLock, lockGroup } from "./lock-group";
import { setGroupMemberRoleSchema, type SetGroupMemberRoleInput } from "./schemas";

/**
 * Makes a member a moderator of the group or a plain member again. Setting the role a member
 * already has changes nothing. The group's moderators and site admins only.
 *
 * @throws AppError NOT_FOUND for an unknown group or a non-member; CONFLICT when it would leave the
 *   group without a moderator
 */
export async function setGroupMemberRole(
  actor: Actor | null,
  input: SetGroupMemberRoleInput,
  context: { ip?: string } = {},
): Promise<{ userId: string; role: GroupRole }> {
  const membership = await findMembership(actor, input);
  // Checked before the input is parsed, so that strangers learn nothing from validation errors.
  authorize(actor, "group.manage", { membershipRole: membership?.role ?? null });
  const { groupId, userId, role } = setGroupMemberRoleSchema.parse(input);
  return prisma.$transaction(async (tx) => {
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
    if (target.role === role) {
      return { userId, role };
    }
    if (target.role === "MODERATOR") {
      await assertAnotherModerator(tx, groupId, userId);
    }
    await tx.groupMembership.update({
      where: { groupId_userId: { groupId, userId } },
      data: { role },
    });
    await recordSecurityEvent(
      {
        action: "group.member_role_changed",
        actorId: manager.id,
        subjectType: "Group",
        subjectId: groupId,
        data: { userId, from: target.role, to: role, ...context },
      },
      tx,
    );
    return { userId, role };
  });
}
