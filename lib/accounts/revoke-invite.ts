import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { inviteSummarySelect, toInviteSummary, type InviteSummary } from "./list-invites";
import { revokeInviteSchema, type RevokeInviteInput } from "./schemas";

/**
 * Revokes an unused invite so that its link stops working; the row is kept. Revoking a revoked
 * invite changes nothing. Administrators only.
 *
 * @throws AppError NOT_FOUND for an unknown invite, CONFLICT for one already used
 */
export async function revokeInvite(
  actor: Actor | null,
  input: RevokeInviteInput,
  context: { ip?: string } = {},
): Promise<InviteSummary> {
  const admin = authorize(actor, "invite.manage");
  const { id } = revokeInviteSchema.parse(input);
  const invite = await prisma.$transaction(async (tx) => {
    // Locked, so that a registration using the invite right now either finishes first or fails.
    await tx.$queryRaw`SELECT id FROM "Invite" WHERE id = ${id}::uuid FOR UPDATE`;
    const existing = await tx.invite.findUnique({ where: { id }, select: inviteSummarySelect });
    if (!existing) {
      throw new AppError("NOT_FOUND", "id: no such invite.");
    }
    if (existing.usedAt) {
      throw new AppError("CONFLICT", "This invite has already been used.");
    }
    if (existing.revokedAt) {
      return existing;
    }
    const revoked = await tx.invite.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: inviteSummarySelect,
    });
    await recordSecurityEvent(
      {
        action: "admin.invite_revoked",
        actorId: admin.id,
        subjectType: "Invite",
        subjectId: id,
        data: { ...context },
      },
      tx,
    );
    return revoked;
  });
  return toInviteSummary(invite);
}
