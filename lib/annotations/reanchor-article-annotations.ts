import "server-only";

import { reanchorAnnotations, type AnnotationAnchor } from "@/lib/anchoring/reanchor-annotations";
import { describeTextRange } from "@/lib/anchoring/selectors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnchorStrategy } from "@/lib/generated/prisma/enums";

import { findSectionAnchor, type SectionSpan } from "./check-target";

/** The new revision that annotations are placed on. */
export interface ReanchorArticleInput {
  articleId: string;
  /** The revision just created, inside the same transaction. */
  revisionId: string;
  /** Its plain text (`projectDocText`), which anchors point into. */
  plainText: string;
  /** Its sections, to record which section each placed passage is in. */
  sections: readonly SectionSpan[];
}

/** How many annotations found their passage on the new revision, and how many did not. */
export interface ReanchorSummary {
  placed: number;
  orphaned: number;
}

/** The database strategy of each anchoring strategy. */
const STRATEGY: Record<"position" | "quote" | "fuzzy", AnchorStrategy> = {
  position: "POSITION",
  quote: "QUOTE",
  fuzzy: "FUZZY",
};

/**
 * Places every live annotation of an article on a new revision of its text, inside the import's
 * transaction. Each annotation without an anchor on that revision is resolved from its latest
 * placed anchor (the text it was last found at, which follows a passage through successive edits)
 * or, failing that, from its original selectors; see `reanchorAnnotations` for the strategies.
 *
 * Writes one AnnotationAnchor per annotation in bulk: POSITION, QUOTE or FUZZY with the passage's
 * offsets and section, or ORPHANED with null offsets. Nothing is ever deleted or overwritten: an
 * orphan keeps its original quote and is listed as such, and deleted annotations are left alone.
 */
export async function reanchorArticleAnnotations(
  tx: Prisma.TransactionClient,
  input: ReanchorArticleInput,
): Promise<ReanchorSummary> {
  const annotations = await tx.annotation.findMany({
    where: {
      articleId: input.articleId,
      deletedAt: null,
      anchors: { none: { revisionId: input.revisionId } },
    },
    select: {
      id: true,
      revisionId: true,
      exact: true,
      prefix: true,
      suffix: true,
      start: true,
      end: true,
      anchors: {
        where: { strategy: { not: "ORPHANED" }, start: { not: null }, end: { not: null } },
        orderBy: { revision: { number: "desc" } },
        take: 1,
        select: { revisionId: true, start: true, end: true },
      },
    },
  });
  if (annotations.length === 0) {
    return { placed: 0, orphaned: 0 };
  }

  // The texts of the revisions where annotations were last placed, other than where they were made.
  const laterRevisionIds = new Set<string>();
  for (const annotation of annotations) {
    const latest = annotation.anchors[0];
    if (latest && latest.revisionId !== annotation.revisionId) {
      laterRevisionIds.add(latest.revisionId);
    }
  }
  const texts = new Map(
    (
      await tx.articleRevision.findMany({
        where: { id: { in: [...laterRevisionIds] } },
        select: { id: true, plainText: true },
      })
    ).map((revision) => [revision.id, revision.plainText]),
  );

  const selectors: AnnotationAnchor[] = annotations.map((annotation) => {
    const latest = annotation.anchors[0];
    const latestText = latest ? texts.get(latest.revisionId) : undefined;
    if (latest && latestText !== undefined && latest.start !== null && latest.end !== null) {
      try {
        return { id: annotation.id, ...describeTextRange(latestText, latest.start, latest.end) };
      } catch {
        // An anchor that does not fit its own revision's text cannot guide us; use the original.
      }
    }
    return {
      id: annotation.id,
      quote: {
        type: "TextQuoteSelector",
        exact: annotation.exact,
        prefix: annotation.prefix,
        suffix: annotation.suffix,
      },
      position: { type: "TextPositionSelector", start: annotation.start, end: annotation.end },
    };
  });

  const results = reanchorAnnotations(input.plainText, selectors);
  let placed = 0;
  const rows: Prisma.AnnotationAnchorCreateManyInput[] = annotations.map((annotation) => {
    const result = results.get(annotation.id);
    if (result?.status === "anchored") {
      placed += 1;
      return {
        annotationId: annotation.id,
        revisionId: input.revisionId,
        start: result.start,
        end: result.end,
        sectionAnchor: findSectionAnchor(input.sections, result.start),
        strategy: STRATEGY[result.strategy],
      };
    }
    return {
      annotationId: annotation.id,
      revisionId: input.revisionId,
      start: null,
      end: null,
      sectionAnchor: null,
      strategy: "ORPHANED",
    };
  });
  await tx.annotationAnchor.createMany({ data: rows, skipDuplicates: true });
  return { placed, orphaned: rows.length - placed };
}
