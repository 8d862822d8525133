import "server-only";

import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { findSignInLock, recordSignInFailure } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { changePasswordSchema, type ChangePasswordInput } from "./schemas";

/**
 * Changes the actor's own password after checking the current one, and bumps the account's
 * `sessionVersion` so that every other session is signed out.
 *
 * @returns the new session version; the caller re-issues its own session with it to stay signed in
 * @throws AppError INVALID_INPUT "currentPassword: The current password is wrong." (also for
 *   accounts without one; the field prefix lets forms show it on the field)
 */
export async function changePassword(
  actor: Actor | null,
  input: ChangePasswordInput,
  context: { ip?: string } = {},
): Promise<{ sessionVersion: number }> {
  const user = authorize(actor, "account.update");
  const { currentPassword, newPassword } = changePasswordSchema.parse(input);
  const account = await prisma.user.findUnique({
    where: { id: user.id },
    select: { passwordHash: true, email: true },
  });
  if (!account) {
    throw new AppError("NOT_FOUND", "Your account no longer exists.");
  }
  // Guessing the current password here is throttled like signing in, with the same counters.
  const ip = context.ip ?? "unknown";
  if (await findSignInLock(account.email, ip)) {
    throw new AppError("CONFLICT", "Too many wrong passwords. Try again in 15 minutes.");
  }
  if (!account.passwordHash || !(await verifyPassword(currentPassword, account.passwordHash))) {
    await recordSignInFailure(account.email, ip);
    throw new AppError("INVALID_INPUT", "currentPassword: The current password is wrong.");
  }
  const passwordHash = await hashPassword(newPassword);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await recordSecurityEvent(
      {
        action: "auth.password_change",
        actorId: user.id,
        subjectType: "User",
        subjectId: user.id,
        data: { ...context },
      },
      tx,
    );
    return updated;
  });
}
