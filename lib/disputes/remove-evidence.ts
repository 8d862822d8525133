import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import {
  assertThreadOpen,
  assertThreadOpenForWrite,
  findClaimForChange,
  isModerator,
} from "./claim-access";
import { recordClaimEvent } from "./record-claim-event";
import { removeEvidenceSchema, type RemoveEvidenceInput } from "./schemas";

/** The NOT_FOUND error for evidence that does not exist, is removed, or is not visible. */
function evidenceNotFound(): AppError {
  return new AppError("NOT_FOUND", "id: no such evidence (or you may not see it).", {
    field: "id",
  });
}

/**
 * Removes a piece of evidence (its creator or a moderator): softly, so the row stays and the
 * timeline still tells that it was cited and removed. Only evidence the actor sees on the claim
 * page: that of a withdrawn account is seen by no one, that of a hidden or deleted reply by
 * moderators only; anything else is NOT_FOUND.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND, CONFLICT when the thread is locked
 */
export async function removeEvidence(
  actor: Actor | null,
  input: RemoveEvidenceInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const editor = authorize(actor, "reply.create");
  const { id } = parseAnnotationInput(removeEvidenceSchema, input);
  const evidence = await prisma.evidence.findFirst({
    where: {
      id,
      deletedAt: null,
      OR: [
        { account: { is: { deletedAt: null } } },
        isModerator(editor)
          ? { reply: { isNot: null } }
          : { reply: { is: { deletedAt: null, hiddenAt: null } } },
      ],
    },
    select: {
      createdById: true,
      account: { select: { claimId: true, title: true } },
      replyId: true,
      reply: { select: { claimId: true } },
      source: { select: { title: true } },
      passageExact: true,
    },
  });
  const claimId = evidence?.account?.claimId ?? evidence?.reply?.claimId;
  if (!evidence || !claimId) {
    throw evidenceNotFound();
  }
  const claim = await findClaimForChange(editor, claimId, evidenceNotFound);
  if (evidence.createdById !== editor.id && !isModerator(editor)) {
    throw new AppError(
      "FORBIDDEN",
      "Only whoever added this evidence or a moderator can remove it.",
    );
  }
  assertThreadOpen(claim);
  const label = evidence.source
    ? `“${evidence.source.title}”`
    : `the passage “${(evidence.passageExact ?? "").slice(0, 60)}”`;
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, claimId, editor);
    const { count } = await tx.evidence.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: editor.id },
    });
    if (count > 0) {
      await recordClaimEvent(tx, {
        action: "evidence.delete",
        actorId: editor.id,
        claimId,
        data: {
          evidenceId: id,
          accountTitle: evidence.account?.title ?? null,
          // Named so that the timeline can leave it out while the reply is hidden.
          replyId: evidence.replyId,
          label,
        },
      });
    }
    return { id, claimId, articleSlug: claim.articleSlug };
  });
}
