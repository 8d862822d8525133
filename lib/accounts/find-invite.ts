import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

import { findInviteSchema, type FindInviteInput } from "./schemas";
import { hashSecret } from "./secrets";

/** Whether an invite can still be used, and if not, why. */
export type InviteStatus = "valid" | "expired" | "used" | "revoked";

/** The status of an invite at `now`: used beats revoked beats expired. */
export function getInviteStatus(
  invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date = new Date(),
): InviteStatus {
  if (invite.usedAt) {
    return "used";
  }
  if (invite.revokedAt) {
    return "revoked";
  }
  return invite.expiresAt <= now ? "expired" : "valid";
}

/** What the register page shows about an invite link. */
export interface InviteLookup {
  status: InviteStatus;
  /** The address the invite is bound to, to prefill the form; null when any address may use it. */
  email: string | null;
  /** The role the new account will start with. */
  role: Role;
  expiresAt: Date;
}

/**
 * Looks up an invite by the secret in its link, for the register page to say whether it is valid,
 * expired, used or revoked. Anyone holding the link may ask (the secret is the credential).
 *
 * @throws AppError NOT_FOUND when no invite has this secret
 */
export async function findInvite(
  _actor: Actor | null,
  input: FindInviteInput,
): Promise<InviteLookup> {
  const { secret } = findInviteSchema.parse(input);
  const invite = await prisma.invite.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { email: true, role: true, expiresAt: true, usedAt: true, revokedAt: true },
  });
  if (!invite) {
    throw new AppError(
      "NOT_FOUND",
      "This invite link is not valid; check that it was copied whole.",
    );
  }
  return {
    status: getInviteStatus(invite),
    email: invite.email,
    role: invite.role,
    expiresAt: invite.expiresAt,
  };
}
