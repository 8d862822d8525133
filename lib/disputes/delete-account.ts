import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { assertThreadOpen, assertThreadOpenForWrite } from "./claim-access";
import { findAccountForChange } from "./find-account-for-change";
import { recordClaimEvent } from "./record-claim-event";
import { deleteAccountSchema, type DeleteAccountInput } from "./schemas";

/**
 * Withdraws an account (its author or a moderator): softly, so it and its evidence stay in the
 * database and on the timeline, but it leaves the claim page. Replies that took a stance on it
 * keep their stance.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND, CONFLICT when the thread is locked
 */
export async function deleteAccount(
  actor: Actor | null,
  input: DeleteAccountInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const editor = authorize(actor, "reply.create");
  const { id } = parseAnnotationInput(deleteAccountSchema, input);
  const account = await findAccountForChange(editor, id, {
    mustOwn: true,
    deniedMessage: "Only the account's author or a moderator can withdraw it.",
  });
  assertThreadOpen(account.claim);
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, account.claimId, editor);
    const { count } = await tx.claimAccount.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count > 0) {
      await recordClaimEvent(tx, {
        action: "account.delete",
        actorId: editor.id,
        claimId: account.claimId,
        data: { accountId: id, title: account.title },
      });
    }
    return { id, claimId: account.claimId, articleSlug: account.claim.articleSlug };
  });
}
