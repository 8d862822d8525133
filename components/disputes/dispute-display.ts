/**
 * How disputes read: glyphs of claim statuses and evidence relations, the status transitions a
 * moderator is offered, locator labels and how citations are worded. The claim page, the reader's
 * sidebar and the contents badges take them from here, so they agree; the names of statuses,
 * relations, stances and source categories are in `@/lib/disputes/labels`, shared with the exports.
 *
 * Colour never carries meaning alone: every status also has a glyph and its name in words.
 */
import type { JSONContent } from "@tiptap/core";

import { ALLOWED_STATUS_TRANSITIONS, isResolvedStatus } from "@/lib/disputes/claim-lifecycle";
import type { CitedSourceView, EvidenceView } from "@/lib/disputes/claim-page-view";
import { CLAIM_STATUS_LABELS } from "@/lib/disputes/labels";
import type {
  ClaimStatus,
  EvidenceRelation,
  ReplyStance,
  SourceProximity,
} from "@/lib/generated/prisma/enums";

/** Glyphs of the claim statuses, shown beside their names (shapes differ, not only colours). */
export const CLAIM_STATUS_GLYPHS: Record<ClaimStatus, string> = {
  OPEN: "○",
  UNDER_REVIEW: "◔",
  ACCEPTED: "✓",
  REJECTED: "✕",
  CONTESTED: "⇆",
};

/**
 * The statuses a moderator may move a claim to from `status`: open → under review → accepted,
 * rejected or contested (an open claim may also be resolved at once), and a resolved claim may be
 * reopened. The server enforces the same lifecycle; this only fills the select.
 */
export function nextClaimStatuses(status: ClaimStatus): ClaimStatus[] {
  return [...ALLOWED_STATUS_TRANSITIONS[status]];
}

/** True when moving from `from` to `to` needs a rationale: resolving and reopening. */
export function needsRationale(from: ClaimStatus, to: ClaimStatus): boolean {
  return isResolvedStatus(to) || isResolvedStatus(from);
}

/** The name of a move in the status select: "Reopen" for a resolved claim, else the status. */
export function transitionLabel(from: ClaimStatus, to: ClaimStatus): string {
  if (to === "OPEN" && isResolvedStatus(from)) {
    return "Reopen";
  }
  return CLAIM_STATUS_LABELS[to];
}

/** Evidence relations in the order forms and lists show them. */
export const EVIDENCE_RELATIONS: readonly EvidenceRelation[] = [
  "SUPPORTS",
  "CONTRADICTS",
  "CONTEXTUALISES",
  "MENTIONS",
];

/** Glyphs of the evidence relations. */
export const EVIDENCE_RELATION_GLYPHS: Record<EvidenceRelation, string> = {
  SUPPORTS: "+",
  CONTRADICTS: "−",
  CONTEXTUALISES: "≈",
  MENTIONS: "·",
};

/** Reply stances in the order the composer offers them. */
export const REPLY_STANCES: readonly ReplyStance[] = ["SUPPORTS", "OPPOSES", "QUESTION", "NEUTRAL"];

/** True for the stances that name an account (supports / opposes it). */
export function stanceNeedsAccount(stance: ReplyStance | null | undefined): boolean {
  return stance === "SUPPORTS" || stance === "OPPOSES";
}

/** Names of the proximities of a source's author to the events. */
export const SOURCE_PROXIMITY_LABELS: Record<SourceProximity, string> = {
  PARTICIPANT: "Participant",
  CONTEMPORARY: "Contemporary",
  RETROSPECTIVE: "Retrospective",
  UNKNOWN: "Proximity unknown",
};

/** CSL locator labels the evidence form offers, with their abbreviations in citations. */
export const LOCATOR_LABELS: readonly { value: string; label: string; short: string }[] = [
  { value: "page", label: "Page", short: "p." },
  { value: "chapter", label: "Chapter", short: "ch." },
  { value: "section", label: "Section", short: "sec." },
  { value: "paragraph", label: "Paragraph", short: "para." },
  { value: "folio", label: "Folio", short: "fol." },
  { value: "line", label: "Line", short: "l." },
  { value: "figure", label: "Figure", short: "fig." },
  { value: "volume", label: "Volume", short: "vol." },
  { value: "timestamp", label: "Timestamp", short: "at" },
];

/** "p. 213", "pp. 213–215", "ch. 4"; null without a locator. */
export function formatLocator(label: string | null, locator: string | null): string | null {
  const value = locator?.trim();
  if (!value) {
    return null;
  }
  const known = LOCATOR_LABELS.find((entry) => entry.value === (label ?? "page"));
  if (!known) {
    return `${label} ${value}`;
  }
  if (known.value === "page" && /[-–,]/.test(value)) {
    return `pp. ${value}`;
  }
  return `${known.short} ${value}`;
}

/** "Yousaf and Adkin (1992)": the short author–year form of a source. */
export function formatAuthorYear(source: Pick<CitedSourceView, "authorsText" | "year">): string {
  const authors = source.authorsText.trim() || "Anonymous";
  return source.year === null ? `${authors} (n.d.)` : `${authors} (${source.year})`;
}

/** Evidence grouped by relation, in {@link EVIDENCE_RELATIONS} order, leaving out empty groups. */
export function groupEvidenceByRelation(
  evidence: readonly EvidenceView[],
): { relation: EvidenceRelation; items: EvidenceView[] }[] {
  return EVIDENCE_RELATIONS.map((relation) => ({
    relation,
    items: evidence.filter((item) => item.relation === relation),
  })).filter((group) => group.items.length > 0);
}

/** "1 open dispute", "2 open disputes". */
export function countOpenDisputes(count: number): string {
  return `${count} open ${count === 1 ? "dispute" : "disputes"}`;
}

/** Who is looking at the claim page: null for an anonymous visitor. */
export interface ClaimViewer {
  id: string;
  name: string;
  /** Moderators and admins: may remove anyone's evidence and edit anyone's account. */
  canModerate: boolean;
}

/** True when `viewer` wrote the thing or moderates (the server decides again). */
export function canManage(viewer: ClaimViewer | null, authorId: string): boolean {
  return viewer !== null && (viewer.id === authorId || viewer.canModerate);
}

/** The plain text of a rich-text body (its text nodes, blocks joined by a space). */
export function bodyText(body: JSONContent): string {
  if (typeof body.text === "string") {
    return body.text;
  }
  if (body.type === "mention") {
    const label = body.attrs?.label;
    return typeof label === "string" ? `@${label}` : "";
  }
  return (body.content ?? []).map(bodyText).join(" ").trim();
}
