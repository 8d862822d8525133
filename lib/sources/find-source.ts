import "server-only";

import { readableAnnotationWhere } from "@/lib/annotations/annotation-view";
import { prisma } from "@/lib/db";
import type { PersonRef } from "@/lib/disputes/claim-page-view";
import { AppError } from "@/lib/errors";
import type {
  EvidenceRelation,
  SourceCategory,
  SourceProximity,
} from "@/lib/generated/prisma/enums";

import { formatCitation } from "./format-citation";
import { summarizeReliability, type ReliabilitySummary } from "./reliability-summary";
import { parseSourceInput, sourceIdSchema, type CslItem } from "./schemas";

/** One scholar's assessment, current or superseded. */
export interface AssessmentView {
  id: string;
  rating: number;
  rationale: string;
  author: PersonRef;
  createdAt: Date;
  /** When it was replaced or withdrawn; null for a current assessment. */
  supersededAt: Date | null;
}

/** A piece of evidence that cites the source, with where it stands. */
export interface CitingEvidenceView {
  evidenceId: string;
  relation: EvidenceRelation;
  locatorLabel: string | null;
  locator: string | null;
  claimId: string;
  claimTitle: string;
  articleSlug: string;
  articleTitle: string;
}

/** A bibliography entry of an article that names the source. */
export interface CitingBibliographyEntryView {
  id: string;
  raw: string;
  articleSlug: string;
  articleTitle: string;
}

/** One event of the source's history, from the audit table. */
export interface SourceHistoryEntry {
  id: string;
  action: string;
  actor: PersonRef | null;
  createdAt: Date;
  /** A sentence describing the event. */
  summary: string;
}

/** A source reference: id, key and title. */
export interface SourceRef {
  id: string;
  key: string;
  title: string;
}

/** Everything the source's page shows. */
export interface SourceDetail {
  id: string;
  key: string;
  version: number;
  csl: CslItem;
  citation: string;
  type: string;
  title: string;
  authorsText: string;
  year: number | null;
  doi: string | null;
  isbn: string | null;
  category: SourceCategory | null;
  proximity: SourceProximity;
  authorPosition: string;
  critique: string;
  createdBy: PersonRef | null;
  createdAt: Date;
  updatedAt: Date;
  isDeleted: boolean;
  mergedInto: SourceRef | null;
  mergedFrom: SourceRef[];
  /** Every assessment, newest first; the summary counts the current ones. */
  assessments: AssessmentView[];
  reliability: ReliabilitySummary;
  citedBy: CitingEvidenceView[];
  bibliographyEntries: CitingBibliographyEntryView[];
  history: SourceHistoryEntry[];
}

/** Sentences for the audit actions of sources. */
const HISTORY_SUMMARIES: Record<string, string> = {
  "source.create": "added the source",
  "source.update": "edited the source",
  "source.delete": "deleted the source",
  "source.assess": "assessed its reliability",
  "source.withdrawAssessment": "withdrew an assessment",
  "source.merge": "merged a duplicate into it",
  "source.import": "imported it from a file",
};

/**
 * Reads a source's page: its CSL fields and critique, every assessment (current and superseded)
 * with its author, the summary, the public claims whose evidence cites it and the bibliography
 * entries naming it (both left out once their article is deleted), what was merged into it and its
 * history. Deleted and merged sources are still shown (flagged), so old links keep working.
 * Anyone may read the library.
 *
 * @throws AppError INVALID_INPUT (id), NOT_FOUND
 */
export async function findSource(id: string): Promise<SourceDetail> {
  const sourceId = parseSourceInput(sourceIdSchema, id);
  const row = await prisma.source.findUnique({
    where: { id: sourceId },
    include: {
      createdBy: { select: { id: true, name: true } },
      mergedInto: { select: { id: true, key: true, title: true } },
      mergedFrom: { select: { id: true, key: true, title: true }, orderBy: { key: "asc" } },
      assessments: {
        include: { author: { select: { id: true, name: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      },
      bibliographyEntries: {
        where: { revision: { article: { deletedAt: null } } },
        select: {
          id: true,
          raw: true,
          revision: { select: { article: { select: { slug: true, title: true } } } },
        },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!row) {
    throw new AppError("NOT_FOUND", "This source does not exist.");
  }
  // Who cites it and what happened to it: independent reads, run together.
  const [evidence, events] = await Promise.all([
    prisma.evidence.findMany({
      where: {
        sourceId: row.id,
        deletedAt: null,
        OR: [
          { account: { deletedAt: null, claim: { annotation: publicAnnotationWhere } } },
          {
            reply: {
              deletedAt: null,
              hiddenAt: null,
              claim: { annotation: publicAnnotationWhere },
            },
          },
        ],
      },
      select: {
        id: true,
        relation: true,
        locatorLabel: true,
        locator: true,
        account: { select: { claim: { select: claimSelect } } },
        reply: { select: { claim: { select: claimSelect } } },
      },
      orderBy: { createdAt: "asc" },
    }),
    prisma.auditEvent.findMany({
      where: {
        OR: [
          { subjectType: "Source", subjectId: row.id },
          // The merge is recorded on the survivor; a merged duplicate's history shows it too.
          { action: "source.merge", data: { path: ["duplicateId"], equals: row.id } },
        ],
      },
      include: { actor: { select: { id: true, name: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const seenEntries = new Set<string>();
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    csl: row.csl as CslItem,
    citation: formatCitation(row.csl as CslItem),
    type: row.type,
    title: row.title,
    authorsText: row.authorsText,
    year: row.year,
    doi: row.doi,
    isbn: row.isbn,
    category: row.category,
    proximity: row.proximity,
    authorPosition: row.authorPosition,
    critique: row.critique,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isDeleted: row.deletedAt !== null,
    mergedInto: row.mergedInto,
    mergedFrom: row.mergedFrom,
    assessments: row.assessments.map((assessment) => ({
      id: assessment.id,
      rating: assessment.rating,
      rationale: assessment.rationale,
      author: assessment.author,
      createdAt: assessment.createdAt,
      supersededAt: assessment.supersededAt,
    })),
    reliability: summarizeReliability(
      row.assessments
        .filter((assessment) => assessment.supersededAt === null)
        .map((assessment) => assessment.rating),
    ),
    citedBy: evidence.flatMap((item) => {
      const claim = item.account?.claim ?? item.reply?.claim;
      return claim
        ? [
            {
              evidenceId: item.id,
              relation: item.relation,
              locatorLabel: item.locatorLabel,
              locator: item.locator,
              claimId: claim.id,
              claimTitle: claim.title || claim.annotation.exact,
              articleSlug: claim.article.slug,
              articleTitle: claim.article.title,
            },
          ]
        : [];
    }),
    bibliographyEntries: row.bibliographyEntries
      .filter((entry) => {
        const key = `${entry.revision.article.slug}\n${entry.raw}`;
        const isNew = !seenEntries.has(key);
        seenEntries.add(key);
        return isNew;
      })
      .map((entry) => ({
        id: entry.id,
        raw: entry.raw,
        articleSlug: entry.revision.article.slug,
        articleTitle: entry.revision.article.title,
      })),
    history: events.map((event) => ({
      id: event.id,
      action: event.action,
      actor: event.actor,
      createdAt: event.createdAt,
      summary:
        event.action === "source.merge" && event.subjectId !== row.id
          ? "merged it into another record"
          : (HISTORY_SUMMARIES[event.action] ?? event.action),
    })),
  };
}

/**
 * Claims whose flagging annotation everyone may read: public, not deleted or hidden, on a live
 * article (the same rule as every other read of annotations, for an anonymous reader).
 */
const publicAnnotationWhere = readableAnnotationWhere(
  { userId: null, groupIds: [] },
  { includeHidden: false },
);

/** What a cited-by row shows of a claim. */
const claimSelect = {
  id: true,
  title: true,
  annotation: { select: { exact: true } },
  article: { select: { slug: true, title: true } },
} as const;
