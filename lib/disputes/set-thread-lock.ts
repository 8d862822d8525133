import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { findClaimForChange } from "./claim-access";
import { recordClaimEvent } from "./record-claim-event";
import { setThreadLockSchema, type SetThreadLockInput } from "./schemas";

/**
 * Locks or unlocks a claim's dispute thread (moderators). A locked thread takes no new replies,
 * accounts or evidence and no edits until it is unlocked; moderators can still hide replies and
 * change the status. Locking a locked thread (or unlocking an unlocked one) changes nothing;
 * otherwise the claim's version goes up and the change is audited with its reason.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role), NOT_FOUND, INVALID_INPUT
 */
export async function setThreadLock(
  actor: Actor | null,
  input: SetThreadLockInput,
): Promise<{ id: string; articleSlug: string; isLocked: boolean }> {
  const moderator = authorize(actor, "thread.lock");
  const data = parseAnnotationInput(setThreadLockSchema, input);
  const claim = await findClaimForChange(moderator, data.claimId);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.claim.updateMany({
      where: { id: claim.id, lockedAt: data.locked ? null : { not: null } },
      data: data.locked
        ? { lockedAt: new Date(), lockedById: moderator.id, version: { increment: 1 } }
        : { lockedAt: null, lockedById: null, version: { increment: 1 } },
    });
    if (count > 0) {
      await recordClaimEvent(tx, {
        action: data.locked ? "claim.lock" : "claim.unlock",
        actorId: moderator.id,
        claimId: claim.id,
        data: { reason: data.reason || null },
      });
    }
    return { id: claim.id, articleSlug: claim.articleSlug, isLocked: data.locked };
  });
}
