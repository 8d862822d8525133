import "server-only";

import { z } from "zod";

import { prisma } from "@/lib/db";

import { hashPassword, needsRehash, verifyPassword } from "./password";
import { recordSecurityEvent } from "./record-security-event";
import { findSignInLock, releaseSignInAttempt, reserveSignInAttempt } from "./throttle";

/** What a sign-in form sends. */
export const signInSchema = z.object({
  /** The account's e-mail address (any case). */
  email: z.string().trim().toLowerCase().max(320),
  /** The password as typed. */
  password: z.string().max(1024),
});

/** The user a successful sign-in yields, as next-auth stores it in the session token. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: string;
  sessionVersion: number;
}

/** The outcome of a sign-in attempt. */
export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" | "disabled" | "locked"; message: string };

/** One message for an unknown e-mail and a wrong password, so accounts cannot be discovered. */
export const INVALID_CREDENTIALS_MESSAGE = "The e-mail or password is wrong.";

/**
 * A hash to verify against when the e-mail is unknown, so that unknown accounts take as long to
 * refuse as wrong passwords.
 */
let dummyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password, with throttling and audit. A disabled account is reported as such
 * only to someone who knew its password.
 */
export async function signInWithPassword(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE };
  }
  const { email, password } = parsed.data;
  // A lock already in place refuses at once, without counting another failure.
  const lockedUntil = await findSignInLock(email, ip);
  if (lockedUntil) {
    return lockedResult(lockedUntil);
  }
  // Counted before the password is checked, so that simultaneous attempts cannot all slip under
  // a limit; a right password gives the count back below.
  const attempt = await reserveSignInAttempt(email, ip);
  if (attempt.refusedUntil) {
    return lockedResult(attempt.refusedUntil);
  }

  const user = await prisma.user.findUnique({ where: { email } });
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !user.passwordHash || !isValid) {
    const isLocked = attempt.isLockedByThis;
    await recordSecurityEvent({
      action: "auth.sign_in_failed",
      actorId: null,
      subjectType: "User",
      subjectId: user?.id ?? email,
      data: { email, ip },
    });
    if (isLocked) {
      await recordSecurityEvent({
        action: "auth.lockout",
        actorId: null,
        subjectType: "User",
        subjectId: user?.id ?? email,
        data: { email, ip },
      });
    }
    return { ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE };
  }
  await releaseSignInAttempt(email, ip, attempt);
  if (user.disabledAt) {
    return {
      ok: false,
      reason: "disabled",
      message: "This account has been disabled. Contact an administrator.",
    };
  }
  if (needsRehash(user.passwordHash)) {
    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(password) },
    });
  }
  await recordSecurityEvent({
    action: "auth.sign_in",
    actorId: user.id,
    subjectType: "User",
    subjectId: user.id,
    data: { ip },
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}

/** The refusal of a locked sign-in, saying when to try again. */
function lockedResult(lockedUntil: Date): SignInResult {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 60_000));
  return {
    ok: false,
    reason: "locked",
    message: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  };
}
