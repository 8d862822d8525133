import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GroupRole } from "@/lib/generated/prisma/enums";

/** A group as its members see it in lists. */
export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  /** The actor's role in the group. */
  role: GroupRole;
  memberCount: number;
}

/** The groups the actor belongs to (deleted groups left out), by name. Any signed-in user. */
export async function listGroupsForUser(
  actor: Actor | null,
  _input: Record<string, never> = {},
): Promise<GroupSummary[]> {
  if (!actor) {
    throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  }
  const memberships = await prisma.groupMembership.findMany({
    where: { userId: actor.id, group: { deletedAt: null } },
    select: {
      role: true,
      group: {
        select: {
          id: true,
          name: true,
          description: true,
          createdAt: true,
          _count: { select: { memberships: true } },
        },
      },
    },
    orderBy: [{ group: { name: "asc" } }, { groupId: "asc" }],
  });
  return memberships.map(({ role, group: { _count, ...group } }) => ({
    ...group,
    role,
    memberCount: _count.memberships,
  }));
}
