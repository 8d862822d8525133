import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { GroupMember } from "./find-group";
import { findMembership } from "./find-membership";
import { authorizeUnderGroupLock, lockGroup } from "./lock-group";
import { addGroupMemberSchema, type AddGroupMemberInput } from "./schemas";

/**
 * Adds an existing, enabled account to a group by its e-mail address. The group's moderators and
 * site admins only.
 *
 * @throws AppError NOT_FOUND for an unknown group or e-mail; CONFLICT for a disabled account or
 *   one that is already a member
 */
export async function addGroupMember(
  actor: Actor | null,
  input: AddGroupMemberInput,
  context: { ip?: string } = {},
): Promise<GroupMember> {
  const membership = await findMembership(actor, input);
  // Checked before the input is parsed, so that strangers learn nothing from validation errors.
  authorize(actor, "group.manage", { membershipRole: membership?.role ?? null });
  const { groupId, email, role } = addGroupMemberSchema.parse(input);
  return prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    // Again under the lock: the actor may have lost moderation since the check above.
    const manager = await authorizeUnderGroupLock(tx, actor, "group.manage", groupId);
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, disabledAt: true },
    });
    if (!user) {
      throw new AppError("NOT_FOUND", "No account with this e-mail.");
    }
    if (user.disabledAt) {
      throw new AppError("CONFLICT", "This account is disabled and cannot be added.");
    }
    const existing = await tx.groupMembership.findUnique({
      where: { groupId_userId: { groupId, userId: user.id } },
      select: { role: true },
    });
    if (existing) {
      throw new AppError("CONFLICT", "This account is already a member of the group.");
    }
    const created = await tx.groupMembership.create({
      data: { groupId, userId: user.id, role },
      select: { role: true, createdAt: true },
    });
    await recordSecurityEvent(
      {
        action: "group.member_added",
        actorId: manager.id,
        subjectType: "Group",
        subjectId: groupId,
        data: { userId: user.id, role, ...context },
      },
      tx,
    );
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: created.role,
      joinedAt: created.createdAt,
    };
  });
}
