import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { createApiTokenSchema, type CreateApiTokenInput } from "./schemas";
import { generateSecret, hashSecret } from "./secrets";

/** Every API token starts with this, so that secret scanners and people recognise it. */
export const API_TOKEN_PREFIX = "apx_";

/** Characters of the secret (after `apx_`) kept in clear to recognise a token in lists. */
const VISIBLE_PREFIX_LENGTH = 8;

/** Most unrevoked, unexpired tokens one user may hold. */
export const MAX_ACTIVE_API_TOKENS = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A newly created token: its public fields, and the secret shown once. */
export interface CreatedApiToken {
  token: { id: string; name: string; prefix: string; createdAt: Date; expiresAt: Date | null };
  /** `apx_` + 43 base64url characters; only its sha256 is stored. */
  secret: string;
}

/**
 * Creates a personal API token for the actor, optionally expiring after `expiresInDays`.
 *
 * @throws AppError CONFLICT when the actor already holds `MAX_ACTIVE_API_TOKENS` active tokens
 */
export async function createApiToken(
  actor: Actor | null,
  input: CreateApiTokenInput,
  context: { ip?: string } = {},
): Promise<CreatedApiToken> {
  const user = authorize(actor, "token.manage");
  const { name, expiresInDays } = createApiTokenSchema.parse(input);
  const random = generateSecret();
  const secret = `${API_TOKEN_PREFIX}${random}`;
  const token = await prisma.$transaction(async (tx) => {
    // The user's row is locked so that concurrent creations count tokens one at a time.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "User" WHERE id = ${user.id}::uuid FOR UPDATE`;
    if (locked.length === 0) {
      throw new AppError("NOT_FOUND", "Your account no longer exists.");
    }
    const now = new Date();
    const active = await tx.apiToken.count({
      where: {
        userId: user.id,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
    });
    if (active >= MAX_ACTIVE_API_TOKENS) {
      throw new AppError(
        "CONFLICT",
        `You already have ${MAX_ACTIVE_API_TOKENS} active API tokens; revoke one first.`,
      );
    }
    const created = await tx.apiToken.create({
      data: {
        userId: user.id,
        name,
        tokenHash: hashSecret(secret),
        prefix: random.slice(0, VISIBLE_PREFIX_LENGTH),
        expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * DAY_MS) : null,
      },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordSecurityEvent(
      {
        action: "auth.token_created",
        actorId: user.id,
        subjectType: "ApiToken",
        subjectId: created.id,
        data: { name, prefix: created.prefix, ...context },
      },
      tx,
    );
    return created;
  });
  return { token, secret };
}
