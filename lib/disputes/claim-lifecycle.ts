/**
 * The lifecycle of a claim's dispute: which statuses are open or resolved and which changes a
 * moderator may make. One definition for the server's checks and timeline and the claim page's
 * moderator panel, so the select offers exactly what the server accepts.
 *
 * Pure (no React, no database), so it runs in the browser and in use cases alike.
 */
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

/** Statuses that still count as an open dispute (the contents badges count these). */
export const OPEN_DISPUTE_STATUSES: readonly ClaimStatus[] = ["OPEN", "UNDER_REVIEW"];

/** Statuses that end a dispute; they need a rationale, and leaving them is a reopening. */
export const RESOLVED_STATUSES: readonly ClaimStatus[] = ["ACCEPTED", "REJECTED", "CONTESTED"];

/** The status changes allowed from each status. */
export const ALLOWED_STATUS_TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  OPEN: ["UNDER_REVIEW", "ACCEPTED", "REJECTED", "CONTESTED"],
  UNDER_REVIEW: ["OPEN", "ACCEPTED", "REJECTED", "CONTESTED"],
  ACCEPTED: ["OPEN"],
  REJECTED: ["OPEN"],
  CONTESTED: ["OPEN"],
};

/** True while a claim is still being disputed (open or under review). */
export function isOpenDisputeStatus(status: ClaimStatus): boolean {
  return OPEN_DISPUTE_STATUSES.includes(status);
}

/** True when `status` ends a dispute (accepted, rejected or contested). */
export function isResolvedStatus(status: ClaimStatus): boolean {
  return RESOLVED_STATUSES.includes(status);
}
