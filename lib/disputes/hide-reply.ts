import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { findReplyForChange } from "./find-reply-for-change";
import { recordClaimEvent } from "./record-claim-event";
import { hideReplySchema, type HideReplyInput } from "./schemas";

/**
 * Hides a reply (moderators): it stays in the database, flagged hidden with the reason, and is
 * shown to moderators only. Hiding a hidden reply changes nothing. Allowed on locked threads:
 * moderation is what a lock is for.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role), NOT_FOUND, INVALID_INPUT
 */
export async function hideReply(
  actor: Actor | null,
  input: HideReplyInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const moderator = authorize(actor, "content.hide");
  const { id, reason } = parseAnnotationInput(hideReplySchema, input);
  const reply = await findReplyForChange(moderator, id, { allowDeleted: true });
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.reply.updateMany({
      where: { id, hiddenAt: null },
      data: { hiddenAt: new Date(), hiddenById: moderator.id, hiddenReason: reason || null },
    });
    if (count > 0) {
      await recordClaimEvent(tx, {
        action: "reply.hide",
        actorId: moderator.id,
        claimId: reply.claimId,
        data: { replyId: id, reason: reason || null },
      });
    }
    return { id, claimId: reply.claimId, articleSlug: reply.claim.articleSlug };
  });
}
