/**
 * The shape of a claim page: what `findClaimPage` (lib/disputes/find-claim-page.ts) returns and
 * what components/disputes renders. Plain, serialisable data; hidden and deleted content reaches
 * moderators only (flagged), everyone else sees a stub or nothing.
 *
 * This file is the contract between the disputes domain and its UI: change both sides together.
 */
import type { JSONContent } from "@tiptap/core";

import type {
  ClaimFlag,
  ClaimStatus,
  EvidenceRelation,
  ReplyStance,
  SourceCategory,
  SourceProximity,
} from "@/lib/generated/prisma/enums";
import type { ReliabilitySummary } from "@/lib/sources/reliability-summary";

/** A person as the claim page names them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A source as cited by evidence, with its critique at a glance. */
export interface CitedSourceView {
  id: string;
  key: string;
  type: string;
  title: string;
  authorsText: string;
  year: number | null;
  category: SourceCategory | null;
  proximity: SourceProximity;
  authorPosition: string;
  reliability: ReliabilitySummary;
  /** True when the source was soft-deleted after being cited; the citation is kept. */
  isDeleted: boolean;
}

/** A passage of the article used as evidence. */
export interface EvidencePassageView {
  revisionId: string;
  exact: string;
  start: number;
  end: number;
  /** The section the passage is in on that revision, for a link `#anchor`. */
  sectionAnchor: string | null;
}

/** One piece of evidence on an account or a reply. */
export interface EvidenceView {
  id: string;
  relation: EvidenceRelation;
  source: CitedSourceView | null;
  /** CSL locator label ("page", "chapter", …) and value ("213"), for a source. */
  locatorLabel: string | null;
  locator: string | null;
  quote: string | null;
  passage: EvidencePassageView | null;
  note: string;
  createdBy: PersonRef;
  createdAt: Date;
}

/** One competing account of what happened. */
export interface AccountView {
  id: string;
  position: number;
  title: string;
  body: JSONContent;
  bodyText: string;
  proponents: string;
  version: number;
  createdBy: PersonRef;
  createdAt: Date;
  updatedAt: Date;
  evidence: EvidenceView[];
  /** Replies whose stance supports / opposes this account (visible ones). */
  stanceCounts: { supports: number; opposes: number };
}

/** One reply of the dispute thread. */
export interface ReplyView {
  id: string;
  author: PersonRef;
  inReplyToId: string | null;
  /** Empty doc for a deleted reply seen by a non-moderator. */
  body: JSONContent;
  bodyText: string;
  stance: ReplyStance | null;
  stanceAccountId: string | null;
  mentions: PersonRef[];
  evidence: EvidenceView[];
  version: number;
  createdAt: Date;
  /** Set when the reply was edited; its earlier versions are kept. */
  editedAt: Date | null;
  /** How many earlier versions are kept. */
  previousVersionCount: number;
  isDeleted: boolean;
  /** Hidden by a moderator; only moderators receive hidden replies. */
  isHidden: boolean;
  hiddenReason: string | null;
}

/** One entry of the claim's timeline, from the audit table. */
export interface TimelineEntryView {
  id: string;
  /** The audit action ("claim.status", "claim.lock", "reply.create", "evidence.create", …). */
  action: string;
  actor: PersonRef | null;
  createdAt: Date;
  /** A sentence describing the event ("Moderator changed the status from Open to Contested"). */
  summary: string;
  /** For status changes. */
  fromStatus: ClaimStatus | null;
  toStatus: ClaimStatus | null;
  rationale: string | null;
}

/** What the viewer may do here; the server checks again on every mutation. */
export interface ClaimPermissionsView {
  canReply: boolean;
  canAddAccount: boolean;
  canAddEvidence: boolean;
  canChangeStatus: boolean;
  canLock: boolean;
  canHide: boolean;
}

/** Everything the claim page shows. */
export interface ClaimPageView {
  claim: {
    id: string;
    title: string;
    status: ClaimStatus;
    flag: ClaimFlag | null;
    statusRationale: string | null;
    statusChangedAt: Date | null;
    statusChangedBy: PersonRef | null;
    isLocked: boolean;
    version: number;
    createdAt: Date;
  };
  article: { id: string; slug: string; title: string; revisionId: string; revisionNumber: number };
  /** The flagged passage on the current revision, with the paragraph around it. */
  passage: {
    exact: string;
    /** Text of the surrounding paragraph before and after the passage. */
    before: string;
    after: string;
    sectionAnchor: string | null;
    sectionTitle: string | null;
    isOrphaned: boolean;
  };
  /** The annotation that flagged the claim (its body is the flagger's note). */
  annotation: { id: string; author: PersonRef; body: JSONContent; createdAt: Date };
  accounts: AccountView[];
  replies: ReplyView[];
  timeline: TimelineEntryView[];
  permissions: ClaimPermissionsView;
}
