import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";

import type { GroupSummary } from "./list-groups-for-user";
import { createGroupSchema, type CreateGroupInput } from "./schemas";

/** Founds a group with the actor as its first moderator. Annotators and above. */
export async function createGroup(
  actor: Actor | null,
  input: CreateGroupInput,
  context: { ip?: string } = {},
): Promise<GroupSummary> {
  const user = authorize(actor, "group.create");
  const { name, description } = createGroupSchema.parse(input);
  return prisma.$transaction(async (tx) => {
    const group = await tx.group.create({
      data: {
        name,
        description,
        createdById: user.id,
        memberships: { create: { userId: user.id, role: "MODERATOR" } },
      },
      select: { id: true, name: true, description: true, createdAt: true },
    });
    await recordSecurityEvent(
      {
        action: "group.created",
        actorId: user.id,
        subjectType: "Group",
        subjectId: group.id,
        data: { name, ...context },
      },
      tx,
    );
    return { ...group, role: "MODERATOR", memberCount: 1 };
  });
}
