import "server-only";

import type { JSONContent } from "@tiptap/core";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { ReplyStance } from "@/lib/generated/prisma/enums";

import { findClaimForChange, isModerator } from "./claim-access";
import type { PersonRef } from "./claim-page-view";
import { replyNotFound } from "./find-reply-for-change";
import { replyIdInputSchema, type ReplyIdInput } from "./schemas";

/** One earlier version of a reply, for the "edited" history. */
export interface ReplyVersionView {
  /** The version number this text had (1 = as first posted). */
  version: number;
  body: JSONContent;
  bodyText: string;
  stance: ReplyStance | null;
  stanceAccountId: string | null;
  /** When it was replaced, and by whom. */
  replacedAt: Date;
  replacedBy: PersonRef | null;
}

/**
 * The earlier versions of a reply, oldest first (the current text is on the claim page). Anyone
 * who can see the reply may read its history; a deleted or hidden reply's history reaches
 * moderators only.
 *
 * @throws AppError NOT_FOUND
 */
export async function listReplyVersions(
  actor: Actor | null,
  input: ReplyIdInput,
): Promise<ReplyVersionView[]> {
  const { id } = parseAnnotationInput(replyIdInputSchema, input);
  const moderator = isModerator(actor);
  const reply = await prisma.reply.findFirst({
    where: { id, ...(moderator ? {} : { hiddenAt: null, deletedAt: null }) },
    select: { claimId: true },
  });
  if (!reply) {
    throw replyNotFound();
  }
  await findClaimForChange(actor, reply.claimId, () => replyNotFound());
  const versions = await prisma.replyVersion.findMany({
    where: { replyId: id },
    orderBy: { version: "asc" },
    select: {
      version: true,
      body: true,
      bodyText: true,
      stance: true,
      stanceAccountId: true,
      createdAt: true,
      editedBy: { select: { id: true, name: true } },
    },
  });
  return versions.map((row) => ({
    version: row.version,
    body: row.body as JSONContent,
    bodyText: row.bodyText,
    stance: row.stance,
    stanceAccountId: row.stanceAccountId,
    replacedAt: row.createdAt,
    replacedBy: row.editedBy,
  }));
}
