import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import {
  assertThreadOpen,
  assertThreadOpenForWrite,
  isModerator,
  type ClaimForChange,
} from "./claim-access";
import { checkEvidence, evidenceColumns } from "./evidence-target";
import { findAccountForChange } from "./find-account-for-change";
import { findReplyForChange } from "./find-reply-for-change";
import { recordClaimEvent } from "./record-claim-event";
import { addEvidenceSchema, type AddEvidenceInput } from "./schemas";

/**
 * Links evidence to an account or to a reply: a source of the library (with a CSL locator and an
 * optional verbatim quotation) or another passage of the claim's article, with how it bears on
 * the account (supports, contradicts, contextualises, mentions).
 *
 * Annotators and above who can see the claim may add evidence to any live account; evidence of a
 * reply only by the reply's author or a moderator. A merged source is cited as the record it was
 * merged into; a deleted source, a source or revision that does not exist, and a passage of
 * another article are refused. Nothing is written unless everything checks out; the addition is
 * audited on the claim's timeline.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND (account, reply, source, revision),
 *   INVALID_INPUT naming the field, CONFLICT when the thread is locked
 */
export async function addEvidence(
  actor: Actor | null,
  input: AddEvidenceInput,
): Promise<{ id: string; claimId: string; articleSlug: string }> {
  const author = authorize(actor, "reply.create");
  const data = parseAnnotationInput(addEvidenceSchema, input);
  let claim: ClaimForChange;
  let accountTitle: string | null = null;
  if (data.accountId) {
    const account = await findAccountForChange(author, data.accountId, { field: "accountId" });
    claim = account.claim;
    accountTitle = account.title;
  } else {
    const reply = await findReplyForChange(author, data.replyId ?? "", { field: "replyId" });
    if (reply.authorId !== author.id && !isModerator(author)) {
      throw new AppError(
        "FORBIDDEN",
        "Only the reply's author or a moderator can add evidence to a reply.",
      );
    }
    claim = reply.claim;
  }
  assertThreadOpen(claim);
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, claim.id, author);
    const checked = await checkEvidence(tx, claim.articleId, data);
    const evidence = await tx.evidence.create({
      data: {
        ...evidenceColumns(checked),
        accountId: data.accountId ?? null,
        replyId: data.accountId ? null : (data.replyId ?? null),
        createdById: author.id,
      },
      select: { id: true },
    });
    await recordClaimEvent(tx, {
      action: "evidence.create",
      actorId: author.id,
      claimId: claim.id,
      data: {
        evidenceId: evidence.id,
        accountId: data.accountId ?? null,
        accountTitle,
        replyId: data.accountId ? null : (data.replyId ?? null),
        sourceId: checked.sourceId,
        relation: checked.relation,
        label: checked.label,
      },
    });
    return { id: evidence.id, claimId: claim.id, articleSlug: claim.articleSlug };
  });
}
