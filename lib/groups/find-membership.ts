import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { GroupRole } from "@/lib/generated/prisma/enums";

import { findMembershipSchema, type FindMembershipInput } from "./schemas";

/** The actor's membership of one group. */
export interface Membership {
  groupId: string;
  userId: string;
  role: GroupRole;
  createdAt: Date;
}

/**
 * The actor's membership of a group, or null for an anonymous actor, a non-member, a deleted or
 * unknown group, or a malformed id. Group use cases call it before `authorize`, so it never throws
 * on bad input: the use case validates its input after the permission check.
 */
export async function findMembership(
  actor: Actor | null,
  input: FindMembershipInput,
): Promise<Membership | null> {
  const parsed = findMembershipSchema.safeParse(input);
  if (!actor || !parsed.success) {
    return null;
  }
  return prisma.groupMembership.findFirst({
    where: { groupId: parsed.data.groupId, userId: actor.id, group: { deletedAt: null } },
    select: { groupId: true, userId: true, role: true, createdAt: true },
  });
}
