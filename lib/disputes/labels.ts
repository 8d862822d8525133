/**
 * The words for the disputes domain's codes: claim statuses, evidence relations, reply stances and
 * the category of a cited source. One definition shared by the claim page, the reader's sidebar,
 * the server's messages and timeline, and every edition format, so they all say the same thing.
 *
 * Pure (no React, no database), so it runs in the browser, in use cases and in the exporters alike.
 */
import type {
  ClaimStatus,
  EvidenceRelation,
  ReplyStance,
  SourceCategory,
} from "@/lib/generated/prisma/enums";

/** Names of the claim statuses. */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  OPEN: "Open",
  UNDER_REVIEW: "Under review",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  CONTESTED: "Contested",
};

/** Names of the evidence relations. */
export const EVIDENCE_RELATION_LABELS: Record<EvidenceRelation, string> = {
  SUPPORTS: "Supports",
  CONTRADICTS: "Contradicts",
  CONTEXTUALISES: "Contextualises",
  MENTIONS: "Mentions",
};

/** Names of the reply stances. */
export const REPLY_STANCE_LABELS: Record<ReplyStance, string> = {
  SUPPORTS: "Supports",
  OPPOSES: "Opposes",
  QUESTION: "Question",
  NEUTRAL: "Neutral",
};

/**
 * Names of the source categories where a source is cited (evidence lists and editions); the
 * source library's own forms use the shorter words of `components/sources/source-labels.ts`.
 */
export const SOURCE_CATEGORY_LABELS: Record<SourceCategory, string> = {
  PRIMARY: "Primary source",
  SECONDARY: "Secondary source",
  TERTIARY: "Tertiary source",
};
