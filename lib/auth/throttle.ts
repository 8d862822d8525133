import "server-only";

import { prisma } from "@/lib/db";

/**
 * Sign-in throttling, stored in the database so that the limits hold across processes and
 * restarts. Failures are counted per (account, IP) pair, per IP and per account: 10 failures of one
 * pair within 15 minutes lock that pair for 15 minutes; 50 failures from one IP (password spraying
 * across accounts) lock that IP for 15 minutes; 50 failures for one account from any number of
 * addresses (a botnet, or forged client addresses) lock password sign-in to that account for 15
 * minutes.
 *
 * The per-account limit is a trade-off: anyone who knows an e-mail address can keep its owner from
 * signing in with a password by failing 50 times every 15 minutes. We accept that denial of service
 * (the owner waits, or an administrator looks at the `auth.lockout` events) because without it a
 * distributed guesser gets unlimited tries at one password. 50 is far above what a person mistyping
 * reaches, and 50 guesses per 15 minutes (under 5,000 a day) is hopeless against the password policy.
 */

/** Window in which failures are counted. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** How long a lock lasts. */
export const LOCK_DURATION_MS = 15 * 60 * 1000;
/** Failures of one (account, IP) pair that trigger a lock. */
export const MAX_PAIR_FAILURES = 10;
/** Failures from one IP, across accounts, that trigger a lock. */
export const MAX_IP_FAILURES = 50;
/** Failures for one account, across IPs, that lock its password sign-in. */
export const MAX_ACCOUNT_FAILURES = 50;

function pairKey(email: string, ip: string): string {
  return `pair:${email}|${ip}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

function accountKey(email: string): string {
  return `account:${email}`;
}

/**
 * When the pair, the IP or the account is locked, the time the lock ends; null when sign-in may
 * proceed.
 */
export async function findSignInLock(
  email: string,
  ip: string,
  now = new Date(),
): Promise<Date | null> {
  const locks = await prisma.authThrottle.findMany({
    where: {
      key: { in: [pairKey(email, ip), ipKey(ip), accountKey(email)] },
      lockedUntil: { gt: now },
    },
    select: { lockedUntil: true },
  });
  const ends = locks.flatMap((lock) => (lock.lockedUntil ? [lock.lockedUntil.getTime()] : []));
  return ends.length > 0 ? new Date(Math.max(...ends)) : null;
}

/**
 * Counts one failed sign-in for the pair, the IP and the account, atomically (one statement per
 * key, so concurrent failures are all counted).
 *
 * @returns true when this failure locked the pair, the IP or the account
 */
export async function recordSignInFailure(
  email: string,
  ip: string,
  now = new Date(),
): Promise<boolean> {
  const [pairLocked, ipLocked, accountLocked] = await Promise.all([
    bumpFailures(pairKey(email, ip), MAX_PAIR_FAILURES, now),
    bumpFailures(ipKey(ip), MAX_IP_FAILURES, now),
    bumpFailures(accountKey(email), MAX_ACCOUNT_FAILURES, now),
  ]);
  return pairLocked || ipLocked || accountLocked;
}

/** A sign-in attempt counted before its password is checked (see {@link reserveSignInAttempt}). */
export interface SignInAttempt {
  /** When the attempt is over a limit: the end of the lock; it must be refused unchecked. */
  refusedUntil: Date | null;
  /** True when this attempt reached a limit and so set a lock (audited as a lockout). */
  isLockedByThis: boolean;
  /** The keys whose lock this attempt set, for {@link releaseSignInAttempt}. */
  lockedKeys: string[];
}

/**
 * Counts a sign-in attempt as a failure of the pair, the IP and the account BEFORE its password is
 * checked, and says whether it is over a limit. Checking first and counting after would let a
 * burst of simultaneous attempts all pass the check while none had been counted yet; counting
 * first, the attempt beyond the limit sees the count of every one before it, however many run at
 * once. A right password then gives its count back ({@link releaseSignInAttempt}).
 */
export async function reserveSignInAttempt(
  email: string,
  ip: string,
  now = new Date(),
): Promise<SignInAttempt> {
  const keys: [string, number][] = [
    [pairKey(email, ip), MAX_PAIR_FAILURES],
    [ipKey(ip), MAX_IP_FAILURES],
    [accountKey(email), MAX_ACCOUNT_FAILURES],
  ];
  const counts = [];
  for (const [key, limit] of keys) {
    counts.push({ key, limit, ...(await bumpFailuresCounted(key, limit, now)) });
  }
  const over = counts.filter((count) => count.failures > count.limit && count.lockedUntil);
  const ends = over.flatMap((count) => (count.lockedUntil ? [count.lockedUntil.getTime()] : []));
  return {
    refusedUntil: ends.length > 0 ? new Date(Math.max(...ends)) : null,
    isLockedByThis: counts.some((count) => count.isLockedByThis),
    lockedKeys: counts.flatMap((count) => (count.isLockedByThis ? [count.key] : [])),
  };
}

/**
 * After a right password: forgets the pair's failures, gives the IP's and the account's counts
 * back the attempt reserved for this sign-in, and lifts a lock that this very attempt set (the
 * counts of others stay: they measure an attack's volume, which one right password does not undo).
 */
export async function releaseSignInAttempt(
  email: string,
  ip: string,
  attempt: SignInAttempt,
): Promise<void> {
  await prisma.authThrottle.deleteMany({ where: { key: pairKey(email, ip) } });
  for (const key of [ipKey(ip), accountKey(email)]) {
    await prisma.$executeRaw`
      UPDATE "AuthThrottle" SET
        "failures" = GREATEST("failures" - 1, 0),
        "lockedUntil" = CASE WHEN ${attempt.lockedKeys.includes(key)} THEN NULL
                             ELSE "lockedUntil" END
      WHERE "key" = ${key}`;
  }
}

async function bumpFailures(key: string, limit: number, now: Date): Promise<boolean> {
  return (await bumpFailuresCounted(key, limit, now)).isLockedByThis;
}

/** Counts one failure of `key`: the count in the window after it, the lock, and who set it. */
async function bumpFailuresCounted(
  key: string,
  limit: number,
  now: Date,
): Promise<{ failures: number; lockedUntil: Date | null; isLockedByThis: boolean }> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  // A window that has expired starts again at 1; reaching the limit sets the lock once.
  const rows = await prisma.$queryRaw<
    { failures: number; lockedUntil: Date | null; locked: boolean }[]
  >`
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
    RETURNING "failures", "lockedUntil", ("lockedUntil" = ${lockUntil}) AS locked`;
  const row = rows[0];
  return {
    failures: row?.failures ?? 0,
    lockedUntil: row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null,
    isLockedByThis: row?.locked === true,
  };
}
