import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { assertThreadOpen, assertThreadOpenForWrite } from "./claim-access";
import { findReplyForChange } from "./find-reply-for-change";
import { recordClaimEvent } from "./record-claim-event";
import { replyIdInputSchema, type ReplyIdInput } from "./schemas";

/**
 * Deletes one's own reply, softly: the row and its text stay (moderators still see them), the
 * thread shows a stub in its place so that answers to it keep their context. Moderators remove
 * others' replies by hiding them instead.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (not the author), NOT_FOUND, CONFLICT when the
 *   thread is locked
 */
export async function deleteReply(
  actor: Actor | null,
  input: ReplyIdInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const editor = authorize(actor, "reply.create");
  const { id } = parseAnnotationInput(replyIdInputSchema, input);
  const reply = await findReplyForChange(editor, id);
  if (reply.authorId !== editor.id) {
    throw new AppError(
      "FORBIDDEN",
      "Only the reply's author can delete it; moderators can hide it instead.",
    );
  }
  assertThreadOpen(reply.claim);
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, reply.claimId, editor);
    const { count } = await tx.reply.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count > 0) {
      await recordClaimEvent(tx, {
        action: "reply.delete",
        actorId: editor.id,
        claimId: reply.claimId,
        data: { replyId: id },
      });
    }
    return { id, claimId: reply.claimId, articleSlug: reply.claim.articleSlug };
  });
}
