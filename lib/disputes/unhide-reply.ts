import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { findReplyForChange } from "./find-reply-for-change";
import { recordClaimEvent } from "./record-claim-event";
import { replyIdInputSchema, type ReplyIdInput } from "./schemas";

/**
 * Shows a hidden reply again (moderators). Showing one that is not hidden changes nothing.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role), NOT_FOUND
 */
export async function unhideReply(
  actor: Actor | null,
  input: ReplyIdInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const moderator = authorize(actor, "content.hide");
  const { id } = parseAnnotationInput(replyIdInputSchema, input);
  const reply = await findReplyForChange(moderator, id, { allowDeleted: true });
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.reply.updateMany({
      where: { id, hiddenAt: { not: null } },
      data: { hiddenAt: null, hiddenById: null, hiddenReason: null },
    });
    if (count > 0) {
      await recordClaimEvent(tx, {
        action: "reply.unhide",
        actorId: moderator.id,
        claimId: reply.claimId,
        data: { replyId: id },
      });
    }
    return { id, claimId: reply.claimId, articleSlug: reply.claim.articleSlug };
  });
}
