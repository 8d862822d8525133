import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";

import { hashSecret } from "./secrets";

/**
 * How often a token's `lastUsedAt` is written and its use audited: at most once per minute per
 * token, so that a busy script does not turn every request into two writes.
 */
export const TOKEN_USE_RECORD_INTERVAL_MS = 60_000;

/** `apx_` and 43 base64url characters (32 bytes); anything else is not one of our tokens. */
const TOKEN_PATTERN = /^apx_[A-Za-z0-9_-]{43}$/;

/**
 * The actor an API token (`Authorization: Bearer apx_…`) stands for, or null for an unknown,
 * malformed, revoked or expired token or a disabled account. Records the use at most once a minute.
 */
export async function authenticateApiToken(
  secret: string,
  context: { ip?: string } = {},
): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(secret)) {
    return null;
  }
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: {
      id: true,
      prefix: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, role: true, disabledAt: true } },
    },
  });
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    return null;
  }
  if (token.user.disabledAt) {
    return null;
  }
  await prisma.$transaction(async (tx) => {
    // Only the request that moves lastUsedAt on records the use, so concurrent requests add one.
    const { count } = await tx.apiToken.updateMany({
      where: {
        id: token.id,
        OR: [
          { lastUsedAt: null },
          { lastUsedAt: { lt: new Date(now.getTime() - TOKEN_USE_RECORD_INTERVAL_MS) } },
        ],
      },
      data: { lastUsedAt: now },
    });
    if (count === 1) {
      await recordSecurityEvent(
        {
          action: "auth.token_used",
          actorId: token.user.id,
          subjectType: "ApiToken",
          subjectId: token.id,
          data: { prefix: token.prefix, ...context },
        },
        tx,
      );
    }
  });
  return { id: token.user.id, role: token.user.role };
}
