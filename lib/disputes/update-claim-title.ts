import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import {
  claimNotFound,
  findClaimForChange,
  isModerator,
  staleVersion,
  threadLocked,
} from "./claim-access";
import { recordClaimEvent } from "./record-claim-event";
import { updateClaimTitleSchema, type UpdateClaimTitleInput } from "./schemas";

/**
 * Sets the short statement of what a claim contests ("Why Massoud had Jamal Agha executed"). Only
 * the scholar who flagged the passage or a moderator may; from the version they saw (CONFLICT
 * otherwise). While the thread is locked only moderators may (they can still resolve it too). An
 * empty title lets the passage stand for the claim again. Audited with the old and new titles.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND, INVALID_INPUT, CONFLICT (stale version,
 *   or "This thread is locked…" for the flagger)
 */
export async function updateClaimTitle(
  actor: Actor | null,
  input: UpdateClaimTitleInput,
): Promise<{ id: string; articleSlug: string; version: number }> {
  const editor = authorize(actor, "reply.create");
  const data = parseAnnotationInput(updateClaimTitleSchema, input);
  const claim = await findClaimForChange(editor, data.claimId);
  if (claim.flaggerId !== editor.id && !isModerator(editor)) {
    throw new AppError(
      "FORBIDDEN",
      "Only the scholar who flagged the passage or a moderator can retitle the claim.",
    );
  }
  const moderator = isModerator(editor);
  return prisma.$transaction(async (tx) => {
    // FOR UPDATE, not the contributions' FOR SHARE: this transaction writes the row, and two
    // share locks upgrading to write locks at once would deadlock each other.
    const [current] = await tx.$queryRaw<
      { title: string; version: number; lockedAt: Date | null }[]
    >`SELECT title, version, "lockedAt" FROM "Claim" WHERE id = ${claim.id}::uuid FOR UPDATE`;
    if (!current) {
      throw claimNotFound();
    }
    if (current.lockedAt && !moderator) {
      throw threadLocked();
    }
    if (current.version !== data.version) {
      throw staleVersion("claim", current.version);
    }
    if (current.title === data.title) {
      return { id: claim.id, articleSlug: claim.articleSlug, version: current.version };
    }
    const { count } = await tx.claim.updateMany({
      where: { id: claim.id, version: data.version },
      data: { title: data.title, version: { increment: 1 } },
    });
    if (count === 0) {
      throw staleVersion("claim", current.version + 1);
    }
    await recordClaimEvent(tx, {
      action: "claim.title",
      actorId: editor.id,
      claimId: claim.id,
      data: { from: current.title, to: data.title },
    });
    return { id: claim.id, articleSlug: claim.articleSlug, version: current.version + 1 };
  });
}
