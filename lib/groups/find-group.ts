import "server-only";

import { authorize, can, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GroupRole } from "@/lib/generated/prisma/enums";

import { findMembership } from "./find-membership";
import { findGroupSchema, type FindGroupInput } from "./schemas";

/** One member of a group. */
export interface GroupMember {
  userId: string;
  name: string;
  /** Shown only to those who manage the group; null for everyone else. */
  email: string | null;
  role: GroupRole;
  joinedAt: Date;
}

/** A group with its members, as its page shows it. */
export interface GroupDetails {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  /** The actor's role in the group; null for a site admin who is not a member. */
  myRole: GroupRole | null;
  /** True when the actor may add, remove and promote members. */
  canManage: boolean;
  /** Moderators first, then by name. */
  members: GroupMember[];
}

/** Message for groups the actor may not see, the same as for groups that do not exist. */
const NO_SUCH_GROUP = "groupId: no such group.";

/**
 * A group and its members, for its members and site admins. Anyone else gets NOT_FOUND, exactly as
 * for a group that does not exist, so that private groups do not leak.
 */
export async function findGroup(actor: Actor | null, input: FindGroupInput): Promise<GroupDetails> {
  const membership = await findMembership(actor, input);
  const subject = { membershipRole: membership?.role ?? null };
  if (actor && !can(actor, "group.read", subject)) {
    throw new AppError("NOT_FOUND", NO_SUCH_GROUP);
  }
  const viewer = authorize(actor, "group.read", subject);
  const { groupId } = findGroupSchema.parse(input);
  const group = await prisma.group.findFirst({
    where: { id: groupId, deletedAt: null },
    select: {
      id: true,
      name: true,
      description: true,
      createdAt: true,
      memberships: {
        select: {
          role: true,
          createdAt: true,
          user: { select: { id: true, name: true, email: true } },
        },
      },
    },
  });
  if (!group) {
    throw new AppError("NOT_FOUND", NO_SUCH_GROUP);
  }
  const canManage = can(viewer, "group.manage", subject);
  const members = group.memberships
    .map(({ role, createdAt, user }) => ({
      userId: user.id,
      name: user.name,
      email: canManage ? user.email : null,
      role,
      joinedAt: createdAt,
    }))
    .sort(
      (a, b) =>
        Number(b.role === "MODERATOR") - Number(a.role === "MODERATOR") ||
        a.name.localeCompare(b.name),
    );
  const { memberships: _memberships, ...details } = group;
  return { ...details, myRole: subject.membershipRole, canManage, members };
}
