import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import type { PersonRef } from "./claim-page-view";
import { mentionQuerySchema } from "./schemas";

/** Most suggestions the mention popup shows. */
export const MAX_MENTION_SUGGESTIONS = 8;

/**
 * Scholars whose name contains `query` (case-insensitive), for the "@" suggestions of the reply
 * editor: enabled accounts only, at most {@link MAX_MENTION_SUGGESTIONS}, by name. Only those who
 * may reply (annotators and above) may search; an invalid query finds nobody.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN
 */
export async function searchMentionableUsers(
  actor: Actor | null,
  query: unknown,
): Promise<PersonRef[]> {
  authorize(actor, "reply.create");
  const parsed = mentionQuerySchema.safeParse(query);
  if (!parsed.success) {
    return [];
  }
  return prisma.user.findMany({
    where: {
      disabledAt: null,
      ...(parsed.data ? { name: { contains: parsed.data, mode: "insensitive" } } : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_MENTION_SUGGESTIONS,
    select: { id: true, name: true },
  });
}
