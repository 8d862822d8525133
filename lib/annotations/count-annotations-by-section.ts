import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";

import { canSeeHidden, readableAnnotationWhere } from "./annotation-view";
import { findArticleRevision } from "./find-article-revision";
import {
  countAnnotationsBySectionSchema,
  parseAnnotationInput,
  type CountAnnotationsBySectionInput,
} from "./schemas";

/** How many annotations the actor can see in each section, for the table of contents. */
export interface SectionAnnotationCounts {
  revisionId: string;
  /** Every annotation of the article the actor can see (on the current revision, all of them). */
  total: number;
  /** Per section anchor, the annotations whose passage starts in it (not in its subsections). */
  bySection: Record<string, number>;
  /** Annotations placed before the first heading (the lead). */
  inLead: number;
  /** Annotations that could not be placed on this revision. */
  orphaned: number;
}

/**
 * Counts the annotations an actor can see per section of a revision (the current one by default),
 * with the same visibility, deletion and hiding rules as `listAnnotationsForArticle`. A section's
 * count is its own passages only; the table of contents adds subsections up if it wants to.
 *
 * @throws AppError NOT_FOUND for an unknown article or revision
 */
export async function countAnnotationsBySection(
  actor: Actor | null,
  input: CountAnnotationsBySectionInput,
): Promise<SectionAnnotationCounts> {
  const { articleId, revisionId: requested } = parseAnnotationInput(
    countAnnotationsBySectionSchema,
    input,
  );
  const { revisionId, isCurrent } = await findArticleRevision(articleId, requested);
  const scope = await getVisibilityScope(actor);
  const readable = {
    AND: [readableAnnotationWhere(scope, { includeHidden: canSeeHidden(actor) }), { articleId }],
  };
  const [total, groups] = await Promise.all([
    prisma.annotation.count({
      where: isCurrent ? readable : { AND: [readable, { anchors: { some: { revisionId } } }] },
    }),
    prisma.annotationAnchor.groupBy({
      by: ["sectionAnchor"],
      where: { revisionId, strategy: { not: "ORPHANED" }, annotation: readable },
      _count: { _all: true },
    }),
  ]);
  const bySection: Record<string, number> = {};
  let inLead = 0;
  let placed = 0;
  for (const group of groups) {
    placed += group._count._all;
    if (group.sectionAnchor === null) {
      inLead += group._count._all;
    } else {
      bySection[group.sectionAnchor] = group._count._all;
    }
  }
  return { revisionId, total, bySection, inLead, orphaned: total - placed };
}
