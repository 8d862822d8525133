import "server-only";

import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

import { claimNotFound, findClaimForChange, staleVersion } from "./claim-access";
import { ALLOWED_STATUS_TRANSITIONS, isResolvedStatus } from "./claim-lifecycle";
import { CLAIM_STATUS_LABELS } from "./labels";
import { recordClaimEvent } from "./record-claim-event";
import {
  changeClaimStatusSchema,
  MIN_RATIONALE_LENGTH,
  type ChangeClaimStatusInput,
} from "./schemas";

/**
 * Moves a claim through its dispute lifecycle (moderators only): open → under review → resolved
 * as accepted, rejected or contested (no consensus), and back to open (a reopening). Resolutions
 * and reopenings need a rationale of at least 10 characters. Any other change is refused naming
 * the allowed ones.
 *
 * A compare-and-set on the claim's version: a moderator acting on a stale page gets CONFLICT. The
 * new status, its rationale, who and when are stored on the claim, and an audit event records
 * who, when, from, to and why: the claim's timeline.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role), NOT_FOUND, INVALID_INPUT (transition,
 *   rationale), CONFLICT (stale version)
 */
export async function changeClaimStatus(
  actor: Actor | null,
  input: ChangeClaimStatusInput,
): Promise<{ id: string; articleSlug: string; status: ClaimStatus; version: number }> {
  const moderator = authorize(actor, "claim.changeStatus");
  const data = parseAnnotationInput(changeClaimStatusSchema, input);
  const claim = await findClaimForChange(moderator, data.claimId);
  return prisma.$transaction(async (tx) => {
    const current = await tx.claim.findUnique({
      where: { id: claim.id },
      select: { status: true, version: true },
    });
    if (!current) {
      throw claimNotFound();
    }
    if (current.version !== data.version) {
      throw staleVersion("claim", current.version);
    }
    assertTransition(current.status, data.status, data.rationale);
    const now = new Date();
    const { count } = await tx.claim.updateMany({
      where: { id: claim.id, version: data.version },
      data: {
        status: data.status,
        statusRationale: data.rationale || null,
        statusChangedAt: now,
        statusChangedById: moderator.id,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const after = await tx.claim.findUnique({
        where: { id: claim.id },
        select: { version: true },
      });
      throw staleVersion("claim", after?.version ?? data.version);
    }
    await recordClaimEvent(tx, {
      action: "claim.status",
      actorId: moderator.id,
      claimId: claim.id,
      data: { from: current.status, to: data.status, rationale: data.rationale || null },
    });
    return {
      id: claim.id,
      articleSlug: claim.articleSlug,
      status: data.status,
      version: current.version + 1,
    };
  });
}

/**
 * Throws unless `from` → `to` is an allowed change with the rationale it needs.
 *
 * @throws AppError INVALID_INPUT "status: …" naming the allowed changes, or "rationale: …"
 */
function assertTransition(from: ClaimStatus, to: ClaimStatus, rationale: string): void {
  const allowed = ALLOWED_STATUS_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const names = allowed.map((status) => CLAIM_STATUS_LABELS[status]).join(", ");
    throw new AppError(
      "INVALID_INPUT",
      from === to
        ? `status: the claim is already ${CLAIM_STATUS_LABELS[from]}; from here it can go to ${names}.`
        : `status: a claim that is ${CLAIM_STATUS_LABELS[from]} cannot become ${CLAIM_STATUS_LABELS[to]}; it can go to ${names}.`,
      { field: "status", allowed },
    );
  }
  if (isResolvedStatus(from) && rationale.length < MIN_RATIONALE_LENGTH) {
    throw new AppError(
      "INVALID_INPUT",
      `rationale: explain why the claim is reopened in at least ${MIN_RATIONALE_LENGTH} characters.`,
      { field: "rationale" },
    );
  }
}
