/**
 * The export model: everything an annotated edition holds, loaded once by `loadEdition` and
 * written by every format (`lib/export/formats/*`). No writer queries the database; each one turns
 * this plain, serialisable data into its own syntax, so all formats agree on what is in an
 * edition, in which order, and under which numbers.
 *
 * Ordering is deterministic everywhere: blocks in document order; annotations by their place on
 * the exported revision (start, longer passage first, then creation time, then id), orphans last;
 * accounts by position; evidence and replies by creation time then id; sources by key; people by
 * first appearance. Same data and options give the same model, hence byte-identical files.
 *
 * Offsets (`start`/`end`) are into `revision.plainText`, the text projection that anchors use
 * (`lib/anchoring/text-projection`): every textblock's text joined by "\n".
 */
import type { JSONContent } from "@tiptap/core";

import type {
  AnchorStrategy,
  AnnotationKind,
  ClaimFlag,
  ClaimStatus,
  EvidenceRelation,
  ReplyStance,
  SourceCategory,
  SourceProximity,
  Visibility,
} from "@/lib/generated/prisma/enums";
import type { ReliabilitySummary } from "@/lib/sources/reliability-summary";

import type { ExportOptions } from "./options";

/** A run of the revision's text: `plainText.slice(start, end) === text`. */
export interface EditionText {
  text: string;
  start: number;
  end: number;
}

/** One `Key: Value` row of the infobox; label and value are text blocks of their own. */
export interface EditionInfoboxRow {
  label: EditionText;
  value: EditionText;
}

/** One block of the exported revision, in document order. */
export type EditionBlock =
  | {
      type: "infobox";
      rows: EditionInfoboxRow[];
      /** Always null: the infobox precedes every heading. */
      sectionAnchor: string | null;
    }
  | {
      type: "heading";
      /** 2–6 (the article title is level 1 and is not a block). */
      level: number;
      /** The section's anchor (`aftermath-2`), unique in the revision. */
      anchor: string;
      text: EditionText;
      /** The section this heading opens (equal to `anchor`). */
      sectionAnchor: string | null;
    }
  | {
      type: "paragraph";
      text: EditionText;
      /** The innermost section containing the block, or null for the lead. */
      sectionAnchor: string | null;
    }
  | {
      /** A short line introducing what follows ("99th Missile Brigade:"). */
      type: "label";
      text: EditionText;
      sectionAnchor: string | null;
    }
  | {
      type: "list";
      /** True for the article's Bibliography list. */
      isBibliography: boolean;
      items: EditionText[];
      sectionAnchor: string | null;
    };

/** A section of the revision (a heading and the span it governs, subsections included). */
export interface EditionSection {
  anchor: string;
  level: number;
  title: string;
  /** 0-based order among the headings. */
  position: number;
  parentAnchor: string | null;
  /** Start of the heading text. */
  startOffset: number;
  /** End (exclusive) of the section's span. */
  endOffset: number;
}

/**
 * A person as the edition names them: a real name, or "Annotator N" when anonymised. `ref` is
 * stable within one edition ("person-1", "person-2", … by first appearance) and is what writers
 * use for identifiers (TEI `xml:id`, `@resp`).
 */
export interface EditionPerson {
  ref: string;
  /** The name to print. */
  name: string;
  /** The user id; null when the edition is anonymised. */
  userId: string | null;
  /** The ORCID iD when known and not anonymised. */
  orcid: string | null;
}

/** What a contributor did in the edition, for the colophon and the TEI `respStmt`. */
export type ContributionRole = "annotation" | "claim status" | "account" | "evidence" | "reply";

/** A contributor with what they contributed, in order of first appearance. */
export interface EditionContributor {
  person: EditionPerson;
  /** The roles, in the order of {@link CONTRIBUTION_ROLES}. */
  roles: ContributionRole[];
  /** How many annotations, replies, … of theirs the edition includes, by role. */
  counts: Partial<Record<ContributionRole, number>>;
}

/** Contribution roles in the order they are listed. */
export const CONTRIBUTION_ROLES: readonly ContributionRole[] = [
  "annotation",
  "claim status",
  "account",
  "evidence",
  "reply",
];

/** A passage of the article cited as evidence. */
export interface EditionPassage {
  /** The revision the passage's selectors point into (may differ from the exported one). */
  revisionId: string;
  exact: string;
  start: number;
  end: number;
}

/** One piece of evidence on an account or a reply: a source with a locator, or a passage. */
export interface EditionEvidence {
  id: string;
  relation: EvidenceRelation;
  /** The cited source's key in {@link Edition.sources}, or null for a passage. */
  sourceKey: string | null;
  /** CSL locator label ("page", "chapter", …) and the locator ("213"). */
  locatorLabel: string | null;
  locator: string | null;
  /** The locator as printed: "p. 213", "pp. 213–215", "ch. 4"; null without a locator. */
  locatorText: string | null;
  /** The quoted excerpt of the source, verbatim. */
  quote: string | null;
  passage: EditionPassage | null;
  /** Why it bears on the account. */
  note: string;
  createdBy: EditionPerson;
  createdAt: Date;
}

/** One competing account of a claim. */
export interface EditionAccount {
  id: string;
  /** 0-based order on the claim. */
  position: number;
  title: string;
  body: JSONContent;
  bodyText: string;
  proponents: string;
  createdBy: EditionPerson;
  createdAt: Date;
  updatedAt: Date;
  evidence: EditionEvidence[];
  /** Included replies whose stance supports / opposes this account. */
  stanceCounts: { supports: number; opposes: number };
}

/** One reply of a dispute thread (hidden and deleted replies are never exported). */
export interface EditionReply {
  id: string;
  /** 1-based position in the thread. */
  number: number;
  author: EditionPerson;
  /** The included reply this one answers, or null. */
  inReplyToId: string | null;
  body: JSONContent;
  bodyText: string;
  stance: ReplyStance | null;
  /** The account a SUPPORTS/OPPOSES stance is about. */
  stanceAccountId: string | null;
  evidence: EditionEvidence[];
  createdAt: Date;
  /** Set when the reply was edited after it was written. */
  editedAt: Date | null;
}

/** A dispute thread in numbers, for the apparatus. */
export interface EditionThreadSummary {
  replyCount: number;
  /** Replies by stance; replies without a stance count as neutral. */
  stances: { supports: number; opposes: number; question: number; neutral: number };
  /** The newest replies (at most {@link THREAD_SUMMARY_LAST_REPLIES}), oldest first. */
  lastReplies: EditionReply[];
  lastReplyAt: Date | null;
}

/** How many of the newest replies a thread summary quotes. */
export const THREAD_SUMMARY_LAST_REPLIES = 3;

/** A claim: a contested passage with its status, accounts and thread. */
export interface EditionClaim {
  id: string;
  /** The short statement of what is contested; "" when none was written. */
  title: string;
  status: ClaimStatus;
  /** The rationale of the latest status change. */
  statusRationale: string | null;
  statusChangedAt: Date | null;
  statusChangedBy: EditionPerson | null;
  isLocked: boolean;
  createdAt: Date;
  accounts: EditionAccount[];
  /** The thread in time order; empty when threads are left out. */
  replies: EditionReply[];
  /** Null when threads are left out. */
  thread: EditionThreadSummary | null;
}

/** Where an annotation sits on the exported revision. */
export interface EditionAnchor {
  /** Null for an orphan: the passage could not be found on this revision. */
  start: number | null;
  end: number | null;
  sectionAnchor: string | null;
  strategy: AnchorStrategy;
  isOrphaned: boolean;
}

/** One selected annotation, with its note number in the edition. */
export interface EditionAnnotation {
  id: string;
  /** 1, 2, 3… in document order (orphans last): the marker and note number. */
  number: number;
  kind: AnnotationKind;
  /** The claim flag, for claims. */
  flag: ClaimFlag | null;
  tags: string[];
  visibility: Visibility;
  body: JSONContent;
  bodyText: string;
  author: EditionPerson;
  createdAt: Date;
  updatedAt: Date;
  /** The passage as originally selected (on the revision the annotation was made on). */
  quote: { exact: string; prefix: string; suffix: string };
  /** The revision the annotation was made on. */
  originalRevisionNumber: number;
  originalRevisionId: string;
  /** When that revision was imported (the W3C TimeState's sourceDate). */
  originalRevisionCreatedAt: Date;
  /** The original TextPositionSelector, on the revision the annotation was made on. */
  position: { start: number; end: number };
  /** The section of the original passage on that revision. */
  sectionAnchor: string | null;
  /** The group whose layer it is in, for group annotations. */
  groupId: string | null;
  groupName: string | null;
  /** The annotation's edit version, as the API reports it. */
  version: number;
  anchor: EditionAnchor;
  /** The claim a CLAIM annotation made; null for other kinds. */
  claim: EditionClaim | null;
}

/** A source cited by the edition's evidence or linked from the article's bibliography. */
export interface EditionSource {
  id: string;
  /** The citation key (BibTeX key, CSL id), unique: how the rest of the model refers to it. */
  key: string;
  /** CSL type ("book", …). */
  type: string;
  title: string;
  authorsText: string;
  year: number | null;
  /** The whole CSL-JSON item as stored (its `id` is the key). */
  csl: Record<string, unknown>;
  category: SourceCategory | null;
  proximity: SourceProximity;
  authorPosition: string;
  critique: string;
  reliability: ReliabilitySummary;
  isDeleted: boolean;
  /** True when evidence in the edition cites it. */
  isCited: boolean;
  /** True when the article's bibliography links to it. */
  isInArticleBibliography: boolean;
}

/** One entry of the article's own bibliography, as written. */
export interface EditionBibliographyEntry {
  position: number;
  raw: string;
  author: string | null;
  title: string | null;
  year: number | null;
  /** The linked source's key, or null. */
  sourceKey: string | null;
}

/** An annotated edition: one revision of an article with the selected annotations. */
export interface Edition {
  article: { id: string; slug: string; title: string };
  revision: {
    id: string;
    number: number;
    /** The revision's title (the article's title when it was imported). */
    title: string;
    createdAt: Date;
    /** True when it is the article's current revision. */
    isCurrent: boolean;
    /** The text all offsets point into. */
    plainText: string;
  };
  blocks: EditionBlock[];
  sections: EditionSection[];
  annotations: EditionAnnotation[];
  /** Sources by key (ascending, code-unit order). */
  sources: EditionSource[];
  bibliography: EditionBibliographyEntry[];
  contributors: EditionContributor[];
  /** The options the edition was made with, defaults filled in. */
  options: ExportOptions;
  /** When the edition was made (`options.exportedAt` when given). */
  exportedAt: Date;
}
