/**
 * Input schemas of the disputes domain: accounts of a claim, their evidence, the dispute thread's
 * replies, locks, titles and the claim's status lifecycle. `XInput` types are what callers pass
 * (`z.input`); the use cases work on the parsed output.
 *
 * Messages start with the field they are about (`title: …`, `rationale: …`), the convention that
 * server actions and the API use to point at a field. Bodies are checked against the
 * annotation-body schema (mentions included) by the annotations domain's `bodySchema`.
 */
import { z } from "zod";

import { bodySchema } from "@/lib/annotations/schemas";
import { MAX_STORED_INT } from "@/lib/db/limits";
import { ClaimStatus, EvidenceRelation, ReplyStance } from "@/lib/generated/prisma/enums";

import { isResolvedStatus } from "./claim-lifecycle";

/** Longest claim or account title, in characters. */
export const MAX_TITLE_LENGTH = 300;

/** Longest list of proponents, in characters. */
export const MAX_PROPONENTS_LENGTH = 500;

/** Longest quoted excerpt of a source, in characters. */
export const MAX_QUOTE_LENGTH = 5000;

/** Longest locator ("213–215"), in characters. */
export const MAX_LOCATOR_LENGTH = 100;

/** Longest note on a piece of evidence, in characters. */
export const MAX_EVIDENCE_NOTE_LENGTH = 2000;

/** Shortest rationale of a resolution or a reopening, in characters. */
export const MIN_RATIONALE_LENGTH = 10;

/** Longest status rationale, in characters. */
export const MAX_RATIONALE_LENGTH = 5000;

/** Longest reason for hiding a reply or locking a thread, in characters. */
export const MAX_REASON_LENGTH = 500;

/** Most pieces of evidence one reply may bring with it. */
export const MAX_REPLY_EVIDENCE = 20;

/** Longest passage of the article cited as evidence, in characters. */
export const MAX_PASSAGE_LENGTH = 5000;

/**
 * CSL 1.0.2's locator labels (the `label` of a citation item), in the order a picker shows them.
 * "sub verbo" (CSL 1.0.1's spelling) is accepted and stored as "sub-verbo".
 */
export const LOCATOR_LABELS = [
  "page",
  "chapter",
  "section",
  "paragraph",
  "folio",
  "line",
  "volume",
  "figure",
  "note",
  "part",
  "column",
  "verse",
  "book",
  "issue",
  "opus",
  "sub-verbo",
  "canon",
  "table",
  "timestamp",
  "act",
  "appendix",
  "article-locator",
  "elocation",
  "equation",
  "rule",
  "scene",
  "supplement",
  "title-locator",
] as const;

/** A CSL locator label. */
export type LocatorLabel = (typeof LOCATOR_LABELS)[number];

/** A uuid naming `field`. */
function idSchema(field: string, what: string) {
  return z.uuid(`${field}: not a valid ${what} id.`);
}

/** An optimistic-concurrency version sent back with an edit. */
const versionSchema = z
  .int("version: must be a whole number.")
  .min(1, "version: versions start at 1.")
  .max(MAX_STORED_INT, "version: no such version.");

/** A one-line title, trimmed, 1–300 characters. */
const titleSchema = z
  .string("title: must be text.")
  .trim()
  .min(1, "title: write a title.")
  .max(MAX_TITLE_LENGTH, `title: use at most ${MAX_TITLE_LENGTH} characters.`);

/** Who holds an account, as one line. */
const proponentsSchema = z
  .string("proponents: must be text.")
  .trim()
  .max(MAX_PROPONENTS_LENGTH, `proponents: use at most ${MAX_PROPONENTS_LENGTH} characters.`)
  .default("");

/** How a piece of evidence bears on an account. */
const relationSchema = z.enum(
  EvidenceRelation,
  "relation: choose supports, contradicts, contextualises or mentions (SUPPORTS, CONTRADICTS, CONTEXTUALISES, MENTIONS).",
);

/** A reply's stance. */
const stanceSchema = z.enum(
  ReplyStance,
  "stance: choose supports, opposes, question or neutral (SUPPORTS, OPPOSES, QUESTION, NEUTRAL).",
);

/** A CSL locator label; "sub verbo" becomes "sub-verbo". */
const locatorLabelSchema = z
  .string("locatorLabel: must be text.")
  .trim()
  .toLowerCase()
  .transform((label) => (label === "sub verbo" ? "sub-verbo" : label))
  .pipe(
    z.enum(
      LOCATOR_LABELS,
      `locatorLabel: choose one of CSL's locator labels (${LOCATOR_LABELS.slice(0, 8).join(", ")}, …).`,
    ),
  );

/**
 * A passage of the article cited as evidence: a quote and position selector into one revision's
 * plain text. The use case checks that the revision is of the claim's article and that its text at
 * [start, end) is `exact`.
 */
export const evidencePassageSchema = z
  .object({
    /** The revision the offsets point into. */
    revisionId: idSchema("passage.revisionId", "revision"),
    /** The passage's text, verbatim. */
    exact: z
      .string("passage.exact: must be text.")
      .min(1, "passage.exact: select a passage.")
      .max(MAX_PASSAGE_LENGTH, `passage.exact: use at most ${MAX_PASSAGE_LENGTH} characters.`),
    /** Up to a few dozen characters before the passage, for re-anchoring. */
    prefix: z.string("passage.prefix: must be text.").max(200).default(""),
    /** Up to a few dozen characters after the passage. */
    suffix: z.string("passage.suffix: must be text.").max(200).default(""),
    /** Start offset (inclusive) in the revision's plain text. */
    start: z.int("passage.start: must be a whole number.").min(0, "passage.start: must be ≥ 0."),
    /** End offset (exclusive). */
    end: z.int("passage.end: must be a whole number.").min(1, "passage.end: must be ≥ 1."),
  })
  .refine((passage) => passage.end - passage.start === passage.exact.length, {
    message: "passage: start and end must span exactly the selected text.",
    path: ["end"],
  });

/** The fields of one piece of evidence, whatever it is attached to. */
const evidenceFields = {
  /** How it bears on the account (or on the reply's argument). */
  relation: relationSchema,
  /** The cited source; exactly one of sourceId and passage. */
  sourceId: idSchema("sourceId", "source").nullish(),
  /** The CSL locator label of the locator ("page" by default when a locator is given). */
  locatorLabel: locatorLabelSchema.nullish(),
  /** Where in the source ("213", "213–215"). */
  locator: z
    .string("locator: must be text.")
    .trim()
    .max(MAX_LOCATOR_LENGTH, `locator: use at most ${MAX_LOCATOR_LENGTH} characters.`)
    .nullish(),
  /** A verbatim excerpt of the source. */
  quote: z
    .string("quote: must be text.")
    .trim()
    .max(MAX_QUOTE_LENGTH, `quote: use at most ${MAX_QUOTE_LENGTH} characters.`)
    .nullish(),
  /** Another passage of the article; exactly one of sourceId and passage. */
  passage: evidencePassageSchema.nullish(),
  /** Why it bears on the account, in a sentence or two. */
  note: z
    .string("note: must be text.")
    .trim()
    .max(MAX_EVIDENCE_NOTE_LENGTH, `note: use at most ${MAX_EVIDENCE_NOTE_LENGTH} characters.`)
    .default(""),
};

/** The cross-field rules of a piece of evidence's target. */
interface EvidenceTargetValues {
  sourceId?: string | null;
  passage?: unknown;
  locator?: string | null;
  locatorLabel?: string | null;
  quote?: string | null;
}

function refineEvidenceTarget<Schema extends z.ZodType<EvidenceTargetValues>>(
  schema: Schema,
): Schema {
  return schema
    .refine((value) => Boolean(value.sourceId) !== Boolean(value.passage), {
      message:
        "sourceId: cite exactly one thing, either a source (sourceId) or a passage of the article (passage).",
      path: ["sourceId"],
    })
    .refine((value) => !value.passage || (!value.locator && !value.locatorLabel && !value.quote), {
      message:
        "locator: a locator and a quotation belong to a source; a passage of the article has its own selectors.",
      path: ["locator"],
    });
}

/** One piece of evidence brought with a new reply. */
export const evidenceItemSchema = refineEvidenceTarget(z.object(evidenceFields));
/** Input of one piece of evidence of a new reply. */
export type EvidenceInput = z.input<typeof evidenceItemSchema>;
/** Parsed piece of evidence. */
export type EvidenceData = z.output<typeof evidenceItemSchema>;

/** What `addEvidence` accepts: the evidence and exactly one of accountId/replyId. */
export const addEvidenceSchema = refineEvidenceTarget(
  z
    .object({
      /** The account the evidence bears on. */
      accountId: idSchema("accountId", "account").nullish(),
      /** The reply that brings it (its author's or a moderator's). */
      replyId: idSchema("replyId", "reply").nullish(),
      ...evidenceFields,
    })
    .refine((value) => Boolean(value.accountId) !== Boolean(value.replyId), {
      message:
        "accountId: attach the evidence to exactly one thing, an account (accountId) or a reply (replyId).",
      path: ["accountId"],
    }),
);
/** Input of `addEvidence`. */
export type AddEvidenceInput = z.input<typeof addEvidenceSchema>;

/** What `removeEvidence` accepts. */
export const removeEvidenceSchema = z.object({
  /** The evidence to remove (softly). */
  id: idSchema("id", "evidence"),
});
/** Input of `removeEvidence`. */
export type RemoveEvidenceInput = z.input<typeof removeEvidenceSchema>;

/** What `createAccount` accepts. */
export const createAccountSchema = z.object({
  /** The claim the account is a version of. */
  claimId: idSchema("claimId", "claim"),
  /** One line: what the account says happened. */
  title: titleSchema,
  /** The account in full, rich text; may be empty. */
  body: bodySchema,
  /** Who holds it ("Massoud; not challenged by Mohammed Yousaf"). */
  proponents: proponentsSchema,
});
/** Input of `createAccount`. */
export type CreateAccountInput = z.input<typeof createAccountSchema>;

/** What `updateAccount` accepts: every editable field and the version edited. */
export const updateAccountSchema = z.object({
  /** The account to edit. */
  id: idSchema("id", "account"),
  /** The version the edit was made from; a different current version means a conflict. */
  version: versionSchema,
  /** New title. */
  title: titleSchema,
  /** New body. */
  body: bodySchema,
  /** New proponents. */
  proponents: proponentsSchema,
});
/** Input of `updateAccount`. */
export type UpdateAccountInput = z.input<typeof updateAccountSchema>;

/** What `deleteAccount` accepts. */
export const deleteAccountSchema = z.object({
  /** The account to delete (softly). */
  id: idSchema("id", "account"),
});
/** Input of `deleteAccount`. */
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

/** A reply body: like an annotation body, but it must say something. */
const replyBodySchema = bodySchema.refine((body) => body.text !== "", {
  message: "body: write your reply.",
});

/** The stance fields of a reply and their rule. */
interface StanceValues {
  stance?: ReplyStance | null;
  stanceAccountId?: string | null;
}

function refineStance<Schema extends z.ZodType<StanceValues>>(schema: Schema): Schema {
  return schema
    .refine(
      (value) =>
        !(value.stance === "SUPPORTS" || value.stance === "OPPOSES") ||
        Boolean(value.stanceAccountId),
      {
        message: "stanceAccountId: choose the account your reply supports or opposes.",
        path: ["stanceAccountId"],
      },
    )
    .refine(
      (value) =>
        value.stance === "SUPPORTS" || value.stance === "OPPOSES" || !value.stanceAccountId,
      {
        message: "stanceAccountId: only a reply that supports or opposes an account names one.",
        path: ["stanceAccountId"],
      },
    );
}

/** What `createReply` accepts. */
export const createReplySchema = refineStance(
  z.object({
    /** The claim whose thread the reply is in. */
    claimId: idSchema("claimId", "claim"),
    /** The reply, rich text with mentions; not empty. */
    body: replyBodySchema,
    /** Its position in the dispute, if any. */
    stance: stanceSchema.nullish(),
    /** The account a SUPPORTS/OPPOSES stance is about (an account of this claim). */
    stanceAccountId: idSchema("stanceAccountId", "account").nullish(),
    /** The reply this one answers (in the same thread). */
    inReplyToId: idSchema("inReplyToId", "reply").nullish(),
    /** Evidence the reply brings, created with it. */
    evidence: z
      .array(evidenceItemSchema, "evidence: must be a list.")
      .max(MAX_REPLY_EVIDENCE, `evidence: bring at most ${MAX_REPLY_EVIDENCE} pieces at once.`)
      .default([]),
  }),
);
/** Input of `createReply`. */
export type CreateReplyInput = z.input<typeof createReplySchema>;

/** What `updateReply` accepts. */
export const updateReplySchema = refineStance(
  z.object({
    /** The reply to edit. */
    id: idSchema("id", "reply"),
    /** The version the edit was made from. */
    version: versionSchema,
    /** New body. */
    body: replyBodySchema,
    /** New stance. */
    stance: stanceSchema.nullish(),
    /** New stance account. */
    stanceAccountId: idSchema("stanceAccountId", "account").nullish(),
  }),
);
/** Input of `updateReply`. */
export type UpdateReplyInput = z.input<typeof updateReplySchema>;

/** What `deleteReply`, `unhideReply` and `listReplyVersions` accept. */
export const replyIdInputSchema = z.object({
  /** The reply. */
  id: idSchema("id", "reply"),
});
/** Input naming one reply. */
export type ReplyIdInput = z.input<typeof replyIdInputSchema>;

/** An optional reason, trimmed. */
const reasonSchema = z
  .string("reason: must be text.")
  .trim()
  .max(MAX_REASON_LENGTH, `reason: use at most ${MAX_REASON_LENGTH} characters.`)
  .optional();

/** What `hideReply` accepts. */
export const hideReplySchema = z.object({
  /** The reply to hide. */
  id: idSchema("id", "reply"),
  /** Why, for the other moderators and the timeline. */
  reason: reasonSchema,
});
/** Input of `hideReply`. */
export type HideReplyInput = z.input<typeof hideReplySchema>;

/** What `setThreadLock` accepts. */
export const setThreadLockSchema = z.object({
  /** The claim whose thread to lock or unlock. */
  claimId: idSchema("claimId", "claim"),
  /** true to lock, false to unlock. */
  locked: z.boolean("locked: must be true or false."),
  /** Why, for the timeline. */
  reason: reasonSchema,
});
/** Input of `setThreadLock`. */
export type SetThreadLockInput = z.input<typeof setThreadLockSchema>;

/**
 * What `changeClaimStatus` accepts. A resolution (accepted, rejected, contested) needs a rationale
 * of at least 10 characters; so does a reopening, which the use case checks since it depends on
 * the current status.
 */
export const changeClaimStatusSchema = z
  .object({
    /** The claim. */
    claimId: idSchema("claimId", "claim"),
    /** The version the moderator saw. */
    version: versionSchema,
    /** The new status. */
    status: z.enum(
      ClaimStatus,
      "status: choose open, under review, accepted, rejected or contested (OPEN, UNDER_REVIEW, ACCEPTED, REJECTED, CONTESTED).",
    ),
    /** Why: required for resolutions and reopenings. */
    rationale: z
      .string("rationale: must be text.")
      .trim()
      .max(MAX_RATIONALE_LENGTH, `rationale: use at most ${MAX_RATIONALE_LENGTH} characters.`)
      .default(""),
  })
  .refine(
    (value) => !isResolvedStatus(value.status) || value.rationale.length >= MIN_RATIONALE_LENGTH,
    {
      message: `rationale: explain the resolution in at least ${MIN_RATIONALE_LENGTH} characters.`,
      path: ["rationale"],
    },
  );
/** Input of `changeClaimStatus`. */
export type ChangeClaimStatusInput = z.input<typeof changeClaimStatusSchema>;

/** What `updateClaimTitle` accepts. */
export const updateClaimTitleSchema = z.object({
  /** The claim. */
  claimId: idSchema("claimId", "claim"),
  /** The version edited. */
  version: versionSchema,
  /** The new title; empty lets the passage stand for the claim again. */
  title: z
    .string("title: must be text.")
    .trim()
    .max(MAX_TITLE_LENGTH, `title: use at most ${MAX_TITLE_LENGTH} characters.`),
});
/** Input of `updateClaimTitle`. */
export type UpdateClaimTitleInput = z.input<typeof updateClaimTitleSchema>;

/** What `findClaimPage` accepts. */
export const findClaimPageSchema = z.object({
  /** The article's slug. */
  slug: z.string("slug: must be text.").min(1).max(200),
  /** The claim. */
  claimId: idSchema("claimId", "claim"),
});
/** Input of `findClaimPage`. */
export type FindClaimPageInput = z.input<typeof findClaimPageSchema>;

/** What `searchMentionableUsers` accepts: part of a name. */
export const mentionQuerySchema = z
  .string("query: must be text.")
  .trim()
  .max(100, "query: use at most 100 characters.");
