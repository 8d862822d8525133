import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

import { isModerator } from "./claim-access";
import { isResolvedStatus } from "./claim-lifecycle";
import type { TimelineEntryView } from "./claim-page-view";
import { CLAIM_STATUS_LABELS } from "./labels";

/** Human names of the claim flags, for "flagged the passage as …". */
const FLAG_LABELS: Record<string, string> = {
  DISPUTED: "disputed",
  DUBIOUS: "dubious",
  CITATION_NEEDED: "citation needed",
  BETTER_SOURCE_NEEDED: "better source needed",
  CONTRADICTED: "contradicted",
  CORROBORATED: "corroborated",
};

/** Words for evidence relations, for "cited … as supporting". */
const RELATION_WORDS: Record<string, string> = {
  SUPPORTS: "supporting",
  CONTRADICTS: "contradicting",
  CONTEXTUALISES: "contextualising",
  MENTIONS: "mentioning",
};

/** Words for reply stances. */
const STANCE_WORDS: Record<string, string> = {
  SUPPORTS: "in support of",
  OPPOSES: "opposing",
};

/** The recorded data of an event, read defensively (old events may lack fields). */
type EventData = Record<string, unknown>;

function text(data: EventData, key: string): string | null {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : null;
}

function status(data: EventData, key: string): ClaimStatus | null {
  const value = text(data, key);
  return value && value in CLAIM_STATUS_LABELS ? (value as ClaimStatus) : null;
}

/** “title”, or a fallback when none was recorded. */
function quoted(title: string | null, fallback: string): string {
  return title ? `“${title}”` : fallback;
}

/**
 * The sentence for one event, without the actor's name ("resolved the claim as Contested").
 * Exported for tests and for exporters that print timelines.
 */
export function describeClaimEvent(action: string, data: EventData): string {
  const from = status(data, "from");
  const to = status(data, "to");
  switch (action) {
    case "annotation.create": {
      const flag = text(data, "flag");
      return `flagged the passage${flag ? ` as ${FLAG_LABELS[flag] ?? flag.toLowerCase()}` : ""}`;
    }
    case "claim.status":
      if (to && isResolvedStatus(to)) {
        return `resolved the claim as ${CLAIM_STATUS_LABELS[to]}`;
      }
      if (to === "OPEN" && from && isResolvedStatus(from)) {
        return `reopened the claim (it was ${CLAIM_STATUS_LABELS[from]})`;
      }
      if (to === "UNDER_REVIEW") {
        return "put the claim under review";
      }
      return `changed the status from ${from ? CLAIM_STATUS_LABELS[from] : "?"} to ${to ? CLAIM_STATUS_LABELS[to] : "?"}`;
    case "claim.title": {
      const title = text(data, "to");
      return title ? `retitled the claim ${quoted(title, "")}` : "removed the claim's title";
    }
    case "claim.lock":
      return "locked the thread";
    case "claim.unlock":
      return "unlocked the thread";
    case "account.create":
      return `added the account ${quoted(text(data, "title"), "")}`.trimEnd();
    case "account.update":
      return `edited the account ${quoted(text(data, "title"), "")}`.trimEnd();
    case "account.delete":
      return `withdrew the account ${quoted(text(data, "title"), "")}`.trimEnd();
    case "evidence.create": {
      const relation = text(data, "relation");
      const cited = text(data, "label") ?? "evidence";
      const target = text(data, "accountTitle");
      const word = relation ? RELATION_WORDS[relation] : null;
      if (target && word) {
        return `cited ${cited} as ${word} ${quoted(target, "an account")}`;
      }
      return `cited ${cited}${word ? ` (${word})` : ""} in a reply`;
    }
    case "evidence.delete":
      return `removed the citation of ${text(data, "label") ?? "evidence"}`;
    case "reply.create": {
      const stance = text(data, "stance");
      const account = text(data, "stanceAccountTitle");
      if (stance && STANCE_WORDS[stance] && account) {
        return `replied ${STANCE_WORDS[stance]} ${quoted(account, "an account")}`;
      }
      if (stance === "QUESTION") {
        return "asked a question";
      }
      return "replied";
    }
    case "reply.update":
      return "edited a reply";
    case "reply.delete":
      return "deleted a reply";
    case "reply.hide":
      return "hid a reply";
    case "reply.unhide":
      return "showed a hidden reply again";
    default:
      return action;
  }
}

/**
 * The timeline of a claim: its flagging and every audited event of its dispute (status changes
 * with from, to and why; accounts, evidence, replies, locks, moderation), oldest first. The caller
 * has checked that `viewer` may see the claim; the reasons moderators gave for hiding replies reach
 * moderators only.
 */
export async function listClaimTimeline(
  viewer: Actor | null,
  claim: { id: string; annotationId: string },
): Promise<TimelineEntryView[]> {
  const events = await prisma.auditEvent.findMany({
    where: {
      OR: [
        { subjectType: "Claim", subjectId: claim.id },
        { subjectType: "Annotation", subjectId: claim.annotationId, action: "annotation.create" },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      action: true,
      createdAt: true,
      data: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const showReasons = isModerator(viewer);
  const dataOf = (event: (typeof events)[number]): EventData =>
    event.data && typeof event.data === "object" && !Array.isArray(event.data)
      ? (event.data as EventData)
      : {};
  // To everyone but moderators a hidden reply is not in the thread, so neither is what it said
  // in the timeline (its stance, its citations); that a moderator hid a reply stays.
  const hiddenReplyIds = showReasons ? new Set<string>() : await findHiddenReplyIds(claim.id);
  const visible = events.filter((event) => {
    const replyId = text(dataOf(event), "replyId");
    return (
      replyId === null ||
      !hiddenReplyIds.has(replyId) ||
      event.action === "reply.hide" ||
      event.action === "reply.unhide"
    );
  });
  return visible.map((event) => {
    const data = dataOf(event);
    const isStatus = event.action === "claim.status";
    const sentence = describeClaimEvent(event.action, data);
    const reason = text(data, "reason");
    const showReason = reason !== null && (event.action.startsWith("claim.") || showReasons);
    return {
      id: event.id,
      action: event.action,
      actor: event.actor,
      createdAt: event.createdAt,
      summary: `${event.actor?.name ?? "Someone"} ${sentence}${showReason ? ` (${reason})` : ""}`,
      fromStatus: isStatus ? status(data, "from") : null,
      toStatus: isStatus ? status(data, "to") : null,
      rationale: isStatus ? text(data, "rationale") : null,
    };
  });
}

/** The ids of the claim's replies a moderator has hidden. */
async function findHiddenReplyIds(claimId: string): Promise<Set<string>> {
  const rows = await prisma.reply.findMany({
    where: { claimId, hiddenAt: { not: null } },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}
