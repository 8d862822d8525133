import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

import { assertThreadOpen, assertThreadOpenForWrite, findClaimForChange } from "./claim-access";
import { recordClaimEvent } from "./record-claim-event";
import { createAccountSchema, type CreateAccountInput } from "./schemas";

/**
 * Adds an account to a claim: one version of what happened, with its proponents. Annotators and
 * above who can see the claim may add one while the thread is unlocked; it is placed after the
 * claim's existing accounts and audited on the claim's timeline.
 *
 * @returns the new account's id and the claim's article slug (for revalidation)
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND (claim), INVALID_INPUT naming the
 *   field, CONFLICT when the thread is locked
 */
export async function createAccount(
  actor: Actor | null,
  input: CreateAccountInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const author = authorize(actor, "reply.create");
  const data = parseAnnotationInput(createAccountSchema, input);
  const claim = await findClaimForChange(author, data.claimId);
  assertThreadOpen(claim);
  return prisma.$transaction(async (tx) => {
    // Exclusive: two accounts added at once must not take the same position.
    await assertThreadOpenForWrite(tx, claim.id, author, { exclusive: true });
    const position = await tx.claimAccount.count({ where: { claimId: claim.id } });
    const account = await tx.claimAccount.create({
      data: {
        claimId: claim.id,
        position,
        title: data.title,
        body: data.body.doc as Prisma.InputJsonObject,
        bodyText: data.body.text,
        proponents: data.proponents,
        createdById: author.id,
      },
      select: { id: true },
    });
    await recordClaimEvent(tx, {
      action: "account.create",
      actorId: author.id,
      claimId: claim.id,
      data: { accountId: account.id, title: data.title, proponents: data.proponents },
    });
    return { id: account.id, claimId: claim.id, articleSlug: claim.articleSlug };
  });
}
