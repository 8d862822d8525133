import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

import { assertThreadOpen, assertThreadOpenForWrite, staleVersion } from "./claim-access";
import { accountNotFound, findAccountForChange } from "./find-account-for-change";
import { recordClaimEvent } from "./record-claim-event";
import { updateAccountSchema, type UpdateAccountInput } from "./schemas";

/**
 * Edits an account (its author or a moderator), from the version they saw: a compare-and-set on
 * `version`, so a stale edit gets CONFLICT and nothing is lost. The previous state is kept as a
 * ClaimAccountVersion and the edit is audited, in one transaction.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, NOT_FOUND, INVALID_INPUT, CONFLICT (stale version
 *   or locked thread)
 */
export async function updateAccount(
  actor: Actor | null,
  input: UpdateAccountInput,
): Promise<{ id: string; claimId: string; articleSlug: string; version: number }> {
  const editor = authorize(actor, "reply.create");
  const data = parseAnnotationInput(updateAccountSchema, input);
  const account = await findAccountForChange(editor, data.id, { mustOwn: true });
  assertThreadOpen(account.claim);
  return prisma.$transaction(async (tx) => {
    await assertThreadOpenForWrite(tx, account.claimId, editor);
    const previous = await tx.claimAccount.findFirst({
      where: { id: data.id, deletedAt: null },
      select: { version: true, title: true, body: true, bodyText: true, proponents: true },
    });
    if (!previous) {
      throw accountNotFound();
    }
    if (previous.version !== data.version) {
      throw staleVersion("account", previous.version);
    }
    const { count } = await tx.claimAccount.updateMany({
      where: { id: data.id, version: data.version, deletedAt: null },
      data: {
        title: data.title,
        body: data.body.doc as Prisma.InputJsonObject,
        bodyText: data.body.text,
        proponents: data.proponents,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const now = await tx.claimAccount.findUnique({
        where: { id: data.id },
        select: { version: true },
      });
      throw staleVersion("account", now?.version ?? data.version);
    }
    await tx.claimAccountVersion.create({
      data: {
        accountId: data.id,
        version: previous.version,
        title: previous.title,
        body: previous.body as Prisma.InputJsonValue,
        bodyText: previous.bodyText,
        proponents: previous.proponents,
        editedById: editor.id,
      },
    });
    await recordClaimEvent(tx, {
      action: "account.update",
      actorId: editor.id,
      claimId: account.claimId,
      data: {
        accountId: data.id,
        title: data.title,
        previousTitle: previous.title,
        fromVersion: previous.version,
        toVersion: previous.version + 1,
      },
    });
    return {
      id: data.id,
      claimId: account.claimId,
      articleSlug: account.claim.articleSlug,
      version: previous.version + 1,
    };
  });
}
