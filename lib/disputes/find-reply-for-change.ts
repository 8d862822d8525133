import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { findClaimForChange, isModerator, type ClaimForChange } from "./claim-access";

/** A reply about to be changed, with its claim. */
export interface ReplyForChange {
  id: string;
  claimId: string;
  authorId: string;
  version: number;
  isDeleted: boolean;
  isHidden: boolean;
  claim: ClaimForChange;
}

/** The NOT_FOUND error for a reply that does not exist or is not visible to the actor. */
export function replyNotFound(field = "id"): AppError {
  return new AppError("NOT_FOUND", `${field}: no such reply (or you may not see it).`, { field });
}

/**
 * Reads a reply of a claim that `actor` may see. Hidden replies exist for moderators only; deleted
 * ones only with `allowDeleted` (moderators hiding what an author deleted).
 */
export async function findReplyForChange(
  actor: Actor,
  id: string,
  options: { field?: string; allowDeleted?: boolean } = {},
): Promise<ReplyForChange> {
  const field = options.field ?? "id";
  const moderator = isModerator(actor);
  const reply = await prisma.reply.findFirst({
    where: {
      id,
      ...(moderator ? {} : { hiddenAt: null }),
      ...(options.allowDeleted ? {} : { deletedAt: null }),
    },
    select: {
      id: true,
      claimId: true,
      authorId: true,
      version: true,
      deletedAt: true,
      hiddenAt: true,
    },
  });
  if (!reply) {
    throw replyNotFound(field);
  }
  const claim = await findClaimForChange(actor, reply.claimId, () => replyNotFound(field));
  return {
    id: reply.id,
    claimId: reply.claimId,
    authorId: reply.authorId,
    version: reply.version,
    isDeleted: reply.deletedAt !== null,
    isHidden: reply.hiddenAt !== null,
    claim,
  };
}
