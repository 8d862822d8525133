import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { checkStanceAccount } from "./check-stance";
import { assertThreadOpenForWrite, findClaimForChange, isModerator } from "./claim-access";
import { checkEvidence, evidenceColumns } from "./evidence-target";
import { resolveMentionedUserIds } from "./mentions";
import { recordClaimEvent } from "./record-claim-event";
import { createReplySchema, type CreateReplyInput } from "./schemas";

/**
 * Posts a reply to a claim's dispute thread: rich text with mentions of other scholars, an
 * optional stance (supporting or opposing one of the claim's accounts, a question, neutral), and
 * evidence of its own, all created in one transaction with an audit event.
 *
 * Annotators and above who can see the claim may reply while the thread is unlocked. The account
 * of a stance must be one of this claim's; the reply answered must be in this thread, not withdrawn,
 * and not hidden (moderators may answer a hidden one); every
 * mention must name an existing, enabled account (stored in `mentionedUserIds`).
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND (claim), INVALID_INPUT naming the field,
 *   CONFLICT "This thread is locked…"
 */
export async function createReply(
  actor: Actor | null,
  input: CreateReplyInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const author = authorize(actor, "reply.create");
  const data = parseAnnotationInput(createReplySchema, input);
  const claim = await findClaimForChange(author, data.claimId);
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, claim.id, author);
    const stanceAccountTitle = await checkStanceAccount(tx, claim.id, data.stanceAccountId);
    if (data.inReplyToId) {
      const answered = await tx.reply.findFirst({
        where: { id: data.inReplyToId, claimId: claim.id },
        select: { id: true, hiddenAt: true, deletedAt: true },
      });
      // A hidden reply is, to everyone but moderators, not in the thread at all.
      if (!answered || (answered.hiddenAt !== null && !isModerator(author))) {
        throw new AppError(
          "INVALID_INPUT",
          "inReplyToId: the reply you answer is not in this thread.",
          { field: "inReplyToId" },
        );
      }
      if (answered.deletedAt !== null) {
        throw new AppError(
          "INVALID_INPUT",
          "inReplyToId: the reply you answer was withdrawn by its author.",
          { field: "inReplyToId" },
        );
      }
    }
    const mentionedUserIds = await resolveMentionedUserIds(tx, data.body.doc);
    const checkedEvidence = [];
    for (const [index, item] of data.evidence.entries()) {
      checkedEvidence.push(await checkEvidence(tx, claim.articleId, item, `evidence.${index}`));
    }
    const reply = await tx.reply.create({
      data: {
        claimId: claim.id,
        authorId: author.id,
        inReplyToId: data.inReplyToId ?? null,
        body: data.body.doc as Prisma.InputJsonObject,
        bodyText: data.body.text,
        stance: data.stance ?? null,
        stanceAccountId: data.stanceAccountId ?? null,
        mentionedUserIds,
      },
      select: { id: true },
    });
    await recordClaimEvent(tx, {
      action: "reply.create",
      actorId: author.id,
      claimId: claim.id,
      data: {
        replyId: reply.id,
        stance: data.stance ?? null,
        stanceAccountId: data.stanceAccountId ?? null,
        stanceAccountTitle,
        inReplyToId: data.inReplyToId ?? null,
        mentionedUserIds,
      },
    });
    for (const checked of checkedEvidence) {
      const evidence = await tx.evidence.create({
        data: { ...evidenceColumns(checked), replyId: reply.id, createdById: author.id },
        select: { id: true },
      });
      await recordClaimEvent(tx, {
        action: "evidence.create",
        actorId: author.id,
        claimId: claim.id,
        data: {
          evidenceId: evidence.id,
          replyId: reply.id,
          sourceId: checked.sourceId,
          relation: checked.relation,
          label: checked.label,
        },
      });
    }
    return { id: reply.id, claimId: claim.id, articleSlug: claim.articleSlug };
  });
}
