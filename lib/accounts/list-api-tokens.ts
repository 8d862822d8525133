import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

/** An API token as its owner sees it in lists; never its secret or hash. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The first characters after `apx_`, to recognise the token. */
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The Prisma `select` of an `ApiTokenSummary`. */
export const apiTokenSummarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Lists the actor's own API tokens, newest first, revoked and expired ones included. */
export async function listApiTokens(
  actor: Actor | null,
  _input: Record<string, never> = {},
): Promise<ApiTokenSummary[]> {
  const user = authorize(actor, "token.manage");
  return prisma.apiToken.findMany({
    where: { userId: user.id },
    select: apiTokenSummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}
