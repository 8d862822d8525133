import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { checkStanceAccount } from "./check-stance";
import { assertThreadOpen, assertThreadOpenForWrite, staleVersion } from "./claim-access";
import { findReplyForChange, replyNotFound } from "./find-reply-for-change";
import { resolveMentionedUserIds } from "./mentions";
import { recordClaimEvent } from "./record-claim-event";
import { updateReplySchema, type UpdateReplyInput } from "./schemas";

/**
 * Edits one's own reply, from the version one saw (compare-and-set on `version`: a stale edit gets
 * CONFLICT). The previous text and stance are kept as a ReplyVersion, so the thread can show that
 * and how the reply was edited. Not while the thread is locked, and not for a deleted or hidden
 * reply.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (not the author), NOT_FOUND, INVALID_INPUT,
 *   CONFLICT (stale version or locked thread)
 */
export async function updateReply(
  actor: Actor | null,
  input: UpdateReplyInput,
): Promise<{ id: string; claimId: string; articleSlug: string; version: number }> {
  const editor = authorize(actor, "reply.create");
  const data = parseAnnotationInput(updateReplySchema, input);
  const reply = await findReplyForChange(editor, data.id);
  if (reply.authorId !== editor.id) {
    throw new AppError("FORBIDDEN", "Only the reply's author can edit it.");
  }
  if (reply.isHidden) {
    throw replyNotFound();
  }
  assertThreadOpen(reply.claim);
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, reply.claimId, editor);
    const previous = await tx.reply.findFirst({
      where: { id: data.id, deletedAt: null, hiddenAt: null },
      select: { version: true, body: true, bodyText: true, stance: true, stanceAccountId: true },
    });
    if (!previous) {
      throw replyNotFound();
    }
    if (previous.version !== data.version) {
      throw staleVersion("reply", previous.version);
    }
    await checkStanceAccount(tx, reply.claimId, data.stanceAccountId);
    const mentionedUserIds = await resolveMentionedUserIds(tx, data.body.doc);
    const { count } = await tx.reply.updateMany({
      where: { id: data.id, version: data.version, deletedAt: null, hiddenAt: null },
      data: {
        body: data.body.doc as Prisma.InputJsonObject,
        bodyText: data.body.text,
        stance: data.stance ?? null,
        stanceAccountId: data.stanceAccountId ?? null,
        mentionedUserIds,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const now = await tx.reply.findUnique({ where: { id: data.id }, select: { version: true } });
      throw staleVersion("reply", now?.version ?? data.version);
    }
    await tx.replyVersion.create({
      data: {
        replyId: data.id,
        version: previous.version,
        body: previous.body as Prisma.InputJsonValue,
        bodyText: previous.bodyText,
        stance: previous.stance,
        stanceAccountId: previous.stanceAccountId,
        editedById: editor.id,
      },
    });
    await recordClaimEvent(tx, {
      action: "reply.update",
      actorId: editor.id,
      claimId: reply.claimId,
      data: { replyId: data.id, fromVersion: previous.version, toVersion: previous.version + 1 },
    });
    return {
      id: data.id,
      claimId: reply.claimId,
      articleSlug: reply.claim.articleSlug,
      version: previous.version + 1,
    };
  });
}
