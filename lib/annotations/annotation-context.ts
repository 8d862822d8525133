import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { findMembership } from "@/lib/groups/find-membership";

import type { SectionSpan } from "./check-target";

/** The FORBIDDEN of writing for a group one is not a member of. */
function notAGroupMember(): AppError {
  return new AppError(
    "FORBIDDEN",
    "groupId: you are not a member of this group, so you cannot annotate for it.",
    { field: "groupId" },
  );
}

/**
 * Throws unless `actor` may put an annotation in the layer of `groupId`: only members of a live
 * group may write for it. Nothing to check for public and private annotations.
 *
 * @throws AppError FORBIDDEN "groupId: …" for a non-member, a deleted or an unknown group
 */
export async function assertCanWriteToGroup(
  actor: Actor,
  visibility: Visibility,
  groupId: string | null | undefined,
): Promise<void> {
  if (visibility !== "GROUP" || !groupId) {
    return;
  }
  const membership = await findMembership(actor, { groupId });
  if (!membership) {
    throw notAGroupMember();
  }
}

/**
 * Inside a write's transaction: `assertCanWriteToGroup` again, with the group's row share-locked.
 * Removing a member locks that row for update, so a scholar removed from the group at this moment
 * either leaves before this check (and is refused) or after the annotation is written.
 *
 * @throws AppError FORBIDDEN naming `groupId`
 */
export async function assertCanWriteToGroupForWrite(
  tx: Prisma.TransactionClient,
  actor: Actor,
  visibility: Visibility,
  groupId: string | null | undefined,
): Promise<void> {
  if (visibility !== "GROUP" || !groupId) {
    return;
  }
  const [group] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Group" WHERE id = ${groupId}::uuid AND "deletedAt" IS NULL FOR SHARE`;
  const membership = group
    ? await tx.groupMembership.findFirst({
        where: { groupId, userId: actor.id },
        select: { userId: true },
      })
    : null;
  if (!membership) {
    throw notAGroupMember();
  }
}

/** The current revision of an article, read under a share lock, with what anchoring needs. */
export interface CurrentRevision {
  articleId: string;
  revisionId: string;
  plainText: string;
  sections: SectionSpan[];
}

/**
 * Reads the article's current revision for a write that anchors to it, and checks that the client
 * selected in that revision. The article row is share-locked until the transaction ends: an import
 * (which locks it FOR UPDATE, then re-anchors every annotation) waits for us, or we wait for it and
 * then see its new revision, so no annotation is ever left without an anchor on the current text.
 *
 * @throws AppError NOT_FOUND for an unknown or deleted article or a revision of another article;
 *   CONFLICT when the article was revised since the client loaded it
 */
export async function readCurrentRevisionForWrite(
  tx: Prisma.TransactionClient,
  articleId: string,
  revisionId: string,
): Promise<CurrentRevision> {
  const [article] = await tx.$queryRaw<{ currentRevisionId: string | null }[]>`
    SELECT "currentRevisionId" FROM "Article"
    WHERE id = ${articleId}::uuid AND "deletedAt" IS NULL
    FOR SHARE`;
  if (!article?.currentRevisionId) {
    throw new AppError("NOT_FOUND", "articleId: no such article.", { field: "articleId" });
  }
  if (article.currentRevisionId !== revisionId) {
    const revision = await tx.articleRevision.findFirst({
      where: { id: revisionId, articleId },
      select: { number: true },
    });
    if (!revision) {
      throw new AppError("NOT_FOUND", "revisionId: no such revision of this article.", {
        field: "revisionId",
      });
    }
    throw new AppError(
      "CONFLICT",
      `revisionId: the article has been revised since revision ${revision.number}; reload it and select the passage again.`,
      { field: "revisionId" },
    );
  }
  const revision = await tx.articleRevision.findUniqueOrThrow({
    where: { id: revisionId },
    select: {
      plainText: true,
      sections: { select: { anchor: true, level: true, startOffset: true, endOffset: true } },
    },
  });
  return { articleId, revisionId, ...revision };
}
