import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";

import { inviteSummarySelect, toInviteSummary, type InviteSummary } from "./list-invites";
import { createInviteSchema, type CreateInviteInput } from "./schemas";
import { generateSecret, hashSecret } from "./secrets";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The register page's path for an invite secret. */
export function buildInvitePath(secret: string): string {
  return `/register?invite=${encodeURIComponent(secret)}`;
}

/**
 * Creates a single-use invite that expires after `expiresInDays`, optionally bound to one e-mail
 * address. Administrators only.
 *
 * @returns the invite and its secret; the secret is shown once (as `buildInvitePath(secret)`) and
 *   only its hash is stored
 */
export async function createInvite(
  actor: Actor | null,
  input: CreateInviteInput,
  context: { ip?: string } = {},
): Promise<{ invite: InviteSummary; secret: string }> {
  const admin = authorize(actor, "invite.manage");
  const { email, role, expiresInDays } = createInviteSchema.parse(input);
  const secret = generateSecret();
  const invite = await prisma.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        tokenHash: hashSecret(secret),
        email: email ?? null,
        role,
        createdById: admin.id,
        expiresAt: new Date(Date.now() + expiresInDays * DAY_MS),
      },
      select: inviteSummarySelect,
    });
    await recordSecurityEvent(
      {
        action: "admin.invite_created",
        actorId: admin.id,
        subjectType: "Invite",
        subjectId: created.id,
        data: {
          email: email ?? null,
          role,
          expiresAt: created.expiresAt.toISOString(),
          ...context,
        },
      },
      tx,
    );
    return created;
  });
  return { invite: toInviteSummary(invite), secret };
}
