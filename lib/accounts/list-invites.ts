import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

import { getInviteStatus, type InviteStatus } from "./find-invite";
import { listInvitesSchema, type ListInvitesInput } from "./schemas";

/** Invites per page of the admin list. */
export const INVITES_PAGE_SIZE = 50;

/** An invite as administrators see it; never its secret or hash. */
export interface InviteSummary {
  id: string;
  email: string | null;
  role: Role;
  status: InviteStatus;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; name: string };
  usedBy: { id: string; name: string; email: string } | null;
}

/** The Prisma `select` that `toInviteSummary` needs. */
export const inviteSummarySelect = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  usedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true } },
  usedBy: { select: { id: true, name: true, email: true } },
} as const;

/** An invite row (selected with `inviteSummarySelect`) as an `InviteSummary`. */
export function toInviteSummary(invite: Omit<InviteSummary, "status">): InviteSummary {
  return { ...invite, status: getInviteStatus(invite) };
}

/** Lists invites, newest first, a page at a time. Administrators only. */
export async function listInvites(
  actor: Actor | null,
  input: ListInvitesInput = {},
): Promise<{ invites: InviteSummary[]; page: number; pageSize: number; total: number }> {
  authorize(actor, "invite.manage");
  const { page } = listInvitesSchema.parse(input);
  const [invites, total] = await Promise.all([
    prisma.invite.findMany({
      select: inviteSummarySelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * INVITES_PAGE_SIZE,
      take: INVITES_PAGE_SIZE,
    }),
    prisma.invite.count(),
  ]);
  return { invites: invites.map(toInviteSummary), page, pageSize: INVITES_PAGE_SIZE, total };
}
