import "server-only";

import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

import { getInviteStatus } from "./find-invite";
import { getRegistrationMode } from "./registration-mode";
import { registerUserSchema, type RegisterUserInput } from "./schemas";
import { hashSecret } from "./secrets";

/** A newly registered account; never its password hash. */
export interface RegisteredUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

/** The role of an account registered in open mode without an invite. */
export const DEFAULT_ROLE: Role = "ANNOTATOR";

/** Message for an e-mail address that already has an account. */
export const DUPLICATE_EMAIL_MESSAGE = "An account with this e-mail already exists.";

/**
 * Advisory lock held by every registration's transaction, so that "is this the first account?"
 * and the invite's single use are decided one registration at a time.
 */
const REGISTRATION_LOCK = "apparatus.register";

/**
 * Creates an account for an anonymous visitor. The very first account of an empty database becomes
 * the administrator whatever the registration mode; after that, `REGISTRATION_MODE` decides:
 * closed refuses, invite needs a valid invite, open gives the annotator role (or the invite's role
 * when an invite is given). An invite is single-use and marked used in the same transaction.
 *
 * @throws AppError FORBIDDEN when signed in, when closed, or in invite mode without an invite;
 *   INVALID_INPUT for an unknown, revoked or expired invite or one bound to another e-mail;
 *   CONFLICT for a used invite or an e-mail that already has an account
 */
export async function registerUser(
  actor: Actor | null,
  input: RegisterUserInput,
  context: { ip?: string } = {},
): Promise<RegisteredUser> {
  if (actor) {
    throw new AppError("FORBIDDEN", "You are already signed in.");
  }
  const { email, name, password, inviteSecret } = registerUserSchema.parse(input);
  const mode = getRegistrationMode();
  // Hashing takes tens of milliseconds; do it before taking the lock.
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${REGISTRATION_LOCK}))`;
      const isFirstUser = (await tx.user.findFirst({ select: { id: true } })) === null;
      let role: Role = isFirstUser ? "ADMIN" : DEFAULT_ROLE;
      let inviteId: string | null = null;
      if (!isFirstUser) {
        if (mode === "closed") {
          throw new AppError("FORBIDDEN", "Registration is closed.");
        }
        if (inviteSecret) {
          const invite = await findUsableInvite(tx, inviteSecret, email);
          role = invite.role;
          inviteId = invite.id;
        } else if (mode === "invite") {
          throw new AppError(
            "FORBIDDEN",
            "Registration needs an invite; ask an administrator for an invite link.",
          );
        }
      }
      // Checked after the mode, so that a closed site does not tell who has an account.
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
        throw new AppError("CONFLICT", DUPLICATE_EMAIL_MESSAGE);
      }
      const user = await tx.user.create({
        data: { email, name, passwordHash, role },
        select: { id: true, email: true, name: true, role: true, createdAt: true },
      });
      if (inviteId) {
        // Conditional, so that an invite revoked or used meanwhile is not taken.
        const { count } = await tx.invite.updateMany({
          where: { id: inviteId, usedAt: null, revokedAt: null },
          data: { usedAt: new Date(), usedById: user.id },
        });
        if (count !== 1) {
          throw new AppError("CONFLICT", "This invite has already been used.");
        }
      }
      await recordSecurityEvent(
        {
          action: "auth.register",
          actorId: user.id,
          subjectType: "User",
          subjectId: user.id,
          data: { role, mode, inviteId, isFirstUser, ...context },
        },
        tx,
      );
      return user;
    });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "P2002") {
      throw new AppError("CONFLICT", DUPLICATE_EMAIL_MESSAGE);
    }
    throw error;
  }
}

/** The invite behind `secret` if `email` may register with it now; throws why not otherwise. */
async function findUsableInvite(
  tx: Prisma.TransactionClient,
  secret: string,
  email: string,
): Promise<{ id: string; role: Role }> {
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashSecret(secret) } });
  if (!invite) {
    throw new AppError("INVALID_INPUT", "inviteSecret: this invite link is not valid.");
  }
  switch (getInviteStatus(invite)) {
    case "used":
      throw new AppError("CONFLICT", "This invite has already been used.");
    case "revoked":
      throw new AppError("INVALID_INPUT", "This invite has been revoked.");
    case "expired":
      throw new AppError("INVALID_INPUT", "This invite has expired.");
    case "valid":
      break;
  }
  if (invite.email && invite.email !== email) {
    throw new AppError("INVALID_INPUT", "email: this invite is for another e-mail address.");
  }
  return { id: invite.id, role: invite.role };
}
