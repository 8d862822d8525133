import "server-only";

import type { JSONContent } from "@tiptap/core";

import { emptyAnnotationBody } from "@/lib/annotations/annotation-body";
import { findSectionAnchor } from "@/lib/annotations/check-target";
import { can, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { claimNotFound, isModerator, readableClaimWhere } from "./claim-access";
import type { AccountView, ClaimPageView, ReplyView } from "./claim-page-view";
import { countStancesByAccount } from "./count-stances";
import { evidenceViewSelect, loadPassageSections, toEvidenceView } from "./evidence-view";
import { listClaimTimeline } from "./list-claim-timeline";
import { findClaimPageSchema, type FindClaimPageInput } from "./schemas";

/**
 * Everything the claim page shows: the claim and its flagged passage in context, the competing
 * accounts with their evidence, the dispute thread and the timeline, and what the viewer may do.
 *
 * A claim whose article is missing or deleted, whose slug does not match, or whose annotation the
 * viewer may not read is NOT_FOUND. Moderators receive hidden and deleted replies (flagged); for
 * everyone else hidden replies are left out and deleted ones become stubs without text.
 *
 * @throws AppError NOT_FOUND (a malformed id included: there is no such claim)
 */
export async function findClaimPage(
  actor: Actor | null,
  input: FindClaimPageInput,
): Promise<ClaimPageView> {
  const parsed = findClaimPageSchema.safeParse(input);
  if (!parsed.success) {
    throw claimNotFound();
  }
  const { slug, claimId } = parsed.data;
  const moderator = isModerator(actor);
  const claim = await prisma.claim.findFirst({
    where: { AND: [{ id: claimId, article: { slug } }, await readableClaimWhere(actor)] },
    select: {
      id: true,
      title: true,
      status: true,
      statusRationale: true,
      statusChangedAt: true,
      statusChangedById: true,
      lockedAt: true,
      version: true,
      createdAt: true,
      article: {
        select: {
          id: true,
          slug: true,
          title: true,
          currentRevision: {
            select: {
              id: true,
              number: true,
              plainText: true,
              sections: {
                select: {
                  anchor: true,
                  title: true,
                  level: true,
                  startOffset: true,
                  endOffset: true,
                },
              },
            },
          },
        },
      },
      annotation: {
        select: {
          id: true,
          flag: true,
          body: true,
          createdAt: true,
          exact: true,
          author: { select: { id: true, name: true } },
          anchors: { select: { revisionId: true, start: true, end: true, strategy: true } },
        },
      },
    },
  });
  const revision = claim?.article.currentRevision;
  if (!claim || !revision) {
    throw claimNotFound();
  }

  const [accountRows, replyRows, statusChangedBy, timeline] = await Promise.all([
    prisma.claimAccount.findMany({
      where: { claimId, deletedAt: null },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        position: true,
        title: true,
        body: true,
        bodyText: true,
        proponents: true,
        version: true,
        createdAt: true,
        updatedAt: true,
        createdBy: { select: { id: true, name: true } },
        evidence: {
          where: { deletedAt: null },
          orderBy: { createdAt: "asc" },
          select: evidenceViewSelect,
        },
      },
    }),
    prisma.reply.findMany({
      where: { claimId, ...(moderator ? {} : { hiddenAt: null }) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        author: { select: { id: true, name: true } },
        inReplyToId: true,
        body: true,
        bodyText: true,
        stance: true,
        stanceAccountId: true,
        mentionedUserIds: true,
        version: true,
        createdAt: true,
        deletedAt: true,
        hiddenAt: true,
        hiddenReason: true,
        evidence: {
          where: { deletedAt: null },
          orderBy: { createdAt: "asc" },
          select: evidenceViewSelect,
        },
        versions: { orderBy: { version: "desc" }, take: 1, select: { createdAt: true } },
        _count: { select: { versions: true } },
      },
    }),
    claim.statusChangedById
      ? prisma.user.findUnique({
          where: { id: claim.statusChangedById },
          select: { id: true, name: true },
        })
      : null,
    listClaimTimeline(actor, { id: claim.id, annotationId: claim.annotation.id }),
  ]);

  const mentionedIds = [...new Set(replyRows.flatMap((reply) => reply.mentionedUserIds))];
  const [sections, mentionedUsers] = await Promise.all([
    loadPassageSections([
      ...accountRows.flatMap((account) => account.evidence),
      ...replyRows.flatMap((reply) => reply.evidence),
    ]),
    mentionedIds.length > 0
      ? prisma.user.findMany({
          where: { id: { in: mentionedIds } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const mentioned = new Map(mentionedUsers.map((user) => [user.id, user]));

  const stanceCountsOf = countStancesByAccount(
    replyRows.filter((reply) => !reply.deletedAt && !reply.hiddenAt),
  );

  const accounts: AccountView[] = accountRows.map((account) => ({
    id: account.id,
    position: account.position,
    title: account.title,
    body: account.body as JSONContent,
    bodyText: account.bodyText,
    proponents: account.proponents,
    version: account.version,
    createdBy: account.createdBy,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    evidence: account.evidence.map((row) => toEvidenceView(row, sections)),
    stanceCounts: stanceCountsOf(account.id),
  }));

  const replies: ReplyView[] = replyRows.map((reply) => {
    const isStub = reply.deletedAt !== null && !moderator;
    return {
      id: reply.id,
      author: reply.author,
      inReplyToId: reply.inReplyToId,
      body: isStub ? emptyAnnotationBody() : (reply.body as JSONContent),
      bodyText: isStub ? "" : reply.bodyText,
      stance: isStub ? null : reply.stance,
      stanceAccountId: isStub ? null : reply.stanceAccountId,
      mentions: isStub
        ? []
        : reply.mentionedUserIds.flatMap((id) => {
            const user = mentioned.get(id);
            return user ? [user] : [];
          }),
      evidence: isStub ? [] : reply.evidence.map((row) => toEvidenceView(row, sections)),
      version: reply.version,
      createdAt: reply.createdAt,
      editedAt: reply.versions[0]?.createdAt ?? null,
      previousVersionCount: reply._count.versions,
      isDeleted: reply.deletedAt !== null,
      isHidden: reply.hiddenAt !== null,
      hiddenReason: moderator ? reply.hiddenReason : null,
    };
  });

  const anchor = claim.annotation.anchors.find((row) => row.revisionId === revision.id);
  const isOrphaned =
    !anchor || anchor.strategy === "ORPHANED" || anchor.start === null || anchor.end === null;
  const start = isOrphaned ? null : (anchor.start ?? null);
  const end = isOrphaned ? null : (anchor.end ?? null);
  const sectionAnchor = findSectionAnchor(revision.sections, start);
  const section = revision.sections.find((row) => row.anchor === sectionAnchor) ?? null;
  const passage =
    start === null || end === null
      ? { exact: claim.annotation.exact, before: "", after: "" }
      : surroundingParagraph(revision.plainText, start, end);

  const mayContribute = can(actor, "reply.create") && claim.lockedAt === null;
  return {
    claim: {
      id: claim.id,
      title: claim.title,
      status: claim.status,
      flag: claim.annotation.flag,
      statusRationale: claim.statusRationale,
      statusChangedAt: claim.statusChangedAt,
      statusChangedBy: statusChangedBy ?? null,
      isLocked: claim.lockedAt !== null,
      version: claim.version,
      createdAt: claim.createdAt,
    },
    article: {
      id: claim.article.id,
      slug: claim.article.slug,
      title: claim.article.title,
      revisionId: revision.id,
      revisionNumber: revision.number,
    },
    passage: {
      ...passage,
      sectionAnchor,
      sectionTitle: section?.title ?? null,
      isOrphaned,
    },
    annotation: {
      id: claim.annotation.id,
      author: claim.annotation.author,
      body: claim.annotation.body as JSONContent,
      createdAt: claim.annotation.createdAt,
    },
    accounts,
    replies,
    timeline,
    permissions: {
      canReply: mayContribute,
      canAddAccount: mayContribute,
      canAddEvidence: mayContribute,
      canChangeStatus: can(actor, "claim.changeStatus"),
      canLock: can(actor, "thread.lock"),
      canHide: can(actor, "content.hide"),
    },
  };
}

/** The passage at [start, end) and the rest of its paragraph (block) on either side. */
function surroundingParagraph(
  text: string,
  start: number,
  end: number,
): { exact: string; before: string; after: string } {
  const paragraphStart = start === 0 ? 0 : text.lastIndexOf("\n", start - 1) + 1;
  const nextBreak = text.indexOf("\n", end);
  const paragraphEnd = nextBreak === -1 ? text.length : nextBreak;
  return {
    exact: text.slice(start, end),
    before: text.slice(paragraphStart, start),
    after: text.slice(end, paragraphEnd),
  };
}
