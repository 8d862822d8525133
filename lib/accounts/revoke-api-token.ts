import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { apiTokenSummarySelect, type ApiTokenSummary } from "./list-api-tokens";
import { revokeApiTokenSchema, type RevokeApiTokenInput } from "./schemas";

/**
 * Revokes one of the actor's own API tokens; the row is kept. Revoking a revoked token changes
 * nothing.
 *
 * @throws AppError NOT_FOUND for an unknown token and for another user's token alike, so that
 *   token ids do not leak
 */
export async function revokeApiToken(
  actor: Actor | null,
  input: RevokeApiTokenInput,
  context: { ip?: string } = {},
): Promise<ApiTokenSummary> {
  const user = authorize(actor, "token.manage");
  const { id } = revokeApiTokenSchema.parse(input);
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id, userId: user.id },
      select: apiTokenSummarySelect,
    });
    if (!token) {
      throw new AppError("NOT_FOUND", "id: no such API token.");
    }
    if (token.revokedAt) {
      return token;
    }
    const revoked = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: apiTokenSummarySelect,
    });
    await recordSecurityEvent(
      {
        action: "auth.token_revoked",
        actorId: user.id,
        subjectType: "ApiToken",
        subjectId: id,
        data: { prefix: token.prefix, ...context },
      },
      tx,
    );
    return revoked;
  });
}
