import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";

/** What happened in a claim's dispute, as written to the audit table. */
export type ClaimAuditAction =
  | "claim.status"
  | "claim.title"
  | "claim.lock"
  | "claim.unlock"
  | "account.create"
  | "account.update"
  | "account.delete"
  | "evidence.create"
  | "evidence.delete"
  | "reply.create"
  | "reply.update"
  | "reply.delete"
  | "reply.hide"
  | "reply.unhide";

/**
 * Appends an event of a claim's dispute to the audit table (`subjectType: "Claim"`), inside the
 * transaction of the write it records, so that both land or neither does. The claim's timeline is
 * read from these events, so `data` carries what a sentence about the event needs (titles, the
 * statuses from and to, the rationale) as they were at the time.
 */
export async function recordClaimEvent(
  tx: Prisma.TransactionClient,
  event: {
    action: ClaimAuditAction;
    actorId: string;
    claimId: string;
    data?: Prisma.InputJsonObject;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId,
      subjectType: "Claim",
      subjectId: event.claimId,
      data: event.data ?? {},
    },
  });
}
