import "server-only";

import { prisma } from "@/lib/db";

/**
 * Sign-in throttling, stored in the database so that the limits hold across processes and
 * restarts. Failures are counted per (account, IP) pair and per IP: 10 failures of one pair within
 * 15 minutes lock that pair for 15 minutes; 50 failures from one IP (password spraying across
 * accounts) lock that IP for 15 minutes.
 */

/** Window in which failures are counted. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** How long a lock lasts. */
export const LOCK_DURATION_MS = 15 * 60 * 1000;
/** Failures of one (account, IP) pair that trigger a lock. */
export const MAX_PAIR_FAILURES = 10;
/** Failures from one IP, across accounts, that trigger a lock. */
export const MAX_IP_FAILURES = 50;

function pairKey(email: string, ip: string): string {
  return `pair:${email}|${ip}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** When the pair or the IP is locked, the time the lock ends; null when sign-in may proceed. */
export async function findSignInLock(
  email: string,
  ip: string,
  now = new Date(),
): Promise<Date | null> {
  const locks = await prisma.authThrottle.findMany({
    where: { key: { in: [pairKey(email, ip), ipKey(ip)] }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const ends = locks.flatMap((lock) => (lock.lockedUntil ? [lock.lockedUntil.getTime()] : []));
  return ends.length > 0 ? new Date(Math.max(...ends)) : null;
}

/**
 * Counts one failed sign-in for the pair and the IP, atomically (one statement per key, so
 * concurrent failures are all counted).
 *
 * @returns true when this failure locked the pair or the IP
 */
export async function recordSignInFailure(
  email: string,
  ip: string,
  now = new Date(),
): Promise<boolean> {
  const [pairLocked, ipLocked] = await Promise.all([
    bumpFailures(pairKey(email, ip), MAX_PAIR_FAILURES, now),
    bumpFailures(ipKey(ip), MAX_IP_FAILURES, now),
  ]);
  return pairLocked || ipLocked;
}

/** Forgets the pair's failures after a successful sign-in (the IP's count stays). */
export async function clearSignInFailures(email: string, ip: string): Promise<void> {
  await prisma.authThrottle.deleteMany({ where: { key: pairKey(email, ip) } });
}

async function bumpFailures(key: string, limit: number, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  // A window that has expired starts again at 1; reaching the limit sets the lock once.
  const rows = await prisma.$queryRaw<{ locked: boolean }[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStartedAt", "lockedUntil", "updatedAt")
    VALUES (${key}, 1, ${now}, ${limit <= 1 ? lockUntil : null}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStartedAt" < ${windowStart} THEN 1
                        ELSE "AuthThrottle"."failures" + 1 END,
      "windowStartedAt" = CASE WHEN "AuthThrottle"."windowStartedAt" < ${windowStart} THEN ${now}
                               ELSE "AuthThrottle"."windowStartedAt" END,
      "lockedUntil" = CASE
        WHEN "AuthThrottle"."windowStartedAt" >= ${windowStart}
             AND "AuthThrottle"."failures" + 1 >= ${limit}
             AND ("AuthThrottle"."lockedUntil" IS NULL OR "AuthThrottle"."lockedUntil" <= ${now})
        THEN ${lockUntil}
        ELSE "AuthThrottle"."lockedUntil" END,
      "updatedAt" = ${now}
    RETURNING ("lockedUntil" = ${lockUntil}) AS locked`;
  return rows[0]?.locked === true;
}
