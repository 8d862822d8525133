/**
 * The words every edition format prints for the model's codes (kinds, flags, proximities; the
 * names of statuses, relations and stances come from `@/lib/disputes/labels`, shared with the
 * claim page), dates in one fixed form, and the colophon's description of the filters. Pure and
 * locale-independent, so output is byte-identical on every machine.
 */
import { SOURCE_CATEGORY_LABELS } from "@/lib/disputes/labels";
import type { AnnotationKind, ClaimFlag, SourceProximity } from "@/lib/generated/prisma/enums";

import type { Edition, EditionContributor, EditionSource } from "../edition-model";

/** Claim flags as printed. */
export const FLAG_LABELS: Record<ClaimFlag, string> = {
  DISPUTED: "Disputed",
  DUBIOUS: "Dubious",
  CITATION_NEEDED: "Citation needed",
  BETTER_SOURCE_NEEDED: "Better source needed",
  CONTRADICTED: "Contradicted",
  CORROBORATED: "Corroborated",
};

/** Annotation kinds as printed. */
export const KIND_LABELS: Record<AnnotationKind, string> = {
  COMMENT: "Comment",
  QUESTION: "Question",
  HIGHLIGHT: "Highlight",
  CLAIM: "Claim",
};

/** Proximity to the events as printed. */
export const PROXIMITY_LABELS: Record<SourceProximity, string> = {
  PARTICIPANT: "participant",
  CONTEMPORARY: "contemporary",
  RETROSPECTIVE: "retrospective",
  UNKNOWN: "proximity unknown",
};

/** "2026-11-24": the UTC calendar date. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2026-11-24 07:21 UTC": the UTC date and minute. */
export function formatDateTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The annotation's heading words: "Claim · Disputed", "Comment". */
export function describeKind(kind: AnnotationKind, flag: ClaimFlag | null): string {
  return flag ? `${KIND_LABELS[kind]} · ${FLAG_LABELS[flag]}` : KIND_LABELS[kind];
}

/** "Coll, Steve. Ghost Wars (2004)": a short citation of a source. */
export function describeSource(source: EditionSource): string {
  const author = source.authorsText.trim();
  const year = source.year === null ? "" : ` (${source.year})`;
  return `${author ? `${author}. ` : ""}${source.title}${year}`;
}

/** "Primary source; participant; Hezb-e Islami supporter": a source's critique at a glance. */
export function describeSourceCritique(source: EditionSource): string {
  const parts: string[] = [];
  if (source.category) {
    parts.push(SOURCE_CATEGORY_LABELS[source.category]);
  }
  parts.push(PROXIMITY_LABELS[source.proximity]);
  if (source.authorPosition.trim()) {
    parts.push(source.authorPosition.trim());
  }
  return parts.join("; ");
}

/** "3 replies: 1 supports, 1 opposes, 1 question": a thread in one line. */
export function describeThreadCounts(thread: {
  replyCount: number;
  stances: { supports: number; opposes: number; question: number; neutral: number };
}): string {
  const { replyCount, stances } = thread;
  if (replyCount === 0) {
    return "No replies.";
  }
  const parts = [
    [stances.supports, "support"],
    [stances.opposes, "oppose"],
    [stances.question, "question"],
    [stances.neutral, "neutral"],
  ]
    .filter(([count]) => Number(count) > 0)
    .map(([count, word]) => `${count} ${word}`);
  return `${replyCount} repl${replyCount === 1 ? "y" : "ies"}: ${parts.join(", ")}.`;
}

/** The colophon's account of what was selected, one phrase per filter. */
export function describeFilters(options: Edition["options"]): string[] {
  const selection: Record<Edition["options"]["only"], string> = {
    all: "all annotations",
    claims: "claims only",
    open: "open disputes only (open, under review)",
    resolved: "resolved disputes only (accepted, rejected, contested)",
  };
  const lines = [`Selection: ${selection[options.only]}`];
  if (options.tags.length > 0) {
    lines.push(`Tags: ${options.tags.join(", ")}`);
  }
  if (options.authors.length > 0) {
    // An anonymised edition must not name its annotators in the colophon either.
    lines.push(
      options.anonymise
        ? `Authors: ${options.authors.length} selected (withheld)`
        : `Authors: ${options.authors.join(", ")}`,
    );
  }
  if (options.sections.length > 0) {
    lines.push(`Sections: ${options.sections.join(", ")}`);
  }
  lines.push(options.threads ? "Dispute threads included" : "Dispute threads left out");
  lines.push(options.anonymise ? "Annotators anonymised" : "Annotators named");
  return lines;
}

/** "Annotator 1 (annotation ×3, reply ×1)": a contributor in one line. */
export function describeContributor(contributor: EditionContributor): string {
  const roles = contributor.roles
    .map((role) => `${role} ×${contributor.counts[role] ?? 0}`)
    .join(", ");
  return `${contributor.person.name} (${roles})`;
}

/** Each edition's sources by key, built once per edition. */
const sourceIndexes = new WeakMap<Edition, Map<string, EditionSource>>();

/** The source with `key`, or undefined. */
export function findSource(edition: Edition, key: string | null): EditionSource | undefined {
  if (key === null) {
    return undefined;
  }
  let index = sourceIndexes.get(edition);
  if (!index) {
    index = new Map(edition.sources.map((source) => [source.key, source]));
    sourceIndexes.set(edition, index);
  }
  return index.get(key);
}
