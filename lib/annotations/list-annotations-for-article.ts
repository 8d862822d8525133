import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

import {
  annotationViewSelect,
  canSeeHidden,
  needsRevisionText,
  readableAnnotationWhere,
  toAnnotationView,
  type AnnotationView,
} from "./annotation-view";
import { findArticleRevision } from "./find-article-revision";
import {
  listAnnotationsForArticleSchema,
  parseAnnotationInput,
  type ListAnnotationsForArticleInput,
} from "./schemas";

/** The annotations of one article on one revision, in document order. */
export interface ArticleAnnotations {
  articleId: string;
  /** The revision whose anchors `annotations` carry. */
  revisionId: string;
  annotations: AnnotationView[];
}

/**
 * The annotations of an article that the actor may see, each with its anchor on the requested
 * revision (by default the current one), in document order: by start, longer passages first at
 * the same start, and orphans last (listed with their original quote, never dropped).
 *
 * Visibility is part of the query (`visibleWhere`), so nothing invisible is ever read. Deleted
 * annotations are left out; hidden ones are included, flagged, for moderators only. Filters:
 * kind, flag, tag, author, section of the anchor, orphaned or placed.
 *
 * On an older revision only the annotations that had an anchor there are listed; on the current
 * revision every annotation is, an annotation without an anchor row counting as an orphan.
 *
 * @throws AppError NOT_FOUND for an unknown article or revision; INVALID_INPUT for bad filters
 */
export async function listAnnotationsForArticle(
  actor: Actor | null,
  input: ListAnnotationsForArticleInput,
): Promise<ArticleAnnotations> {
  const filters = parseAnnotationInput(listAnnotationsForArticleSchema, input);
  const { revisionId, isCurrent } = await findArticleRevision(
    filters.articleId,
    filters.revisionId,
  );
  const scope = await getVisibilityScope(actor);
  const conditions: Prisma.AnnotationWhereInput[] = [
    readableAnnotationWhere(scope, { includeHidden: canSeeHidden(actor) }),
    { articleId: filters.articleId },
  ];
  if (filters.kind) {
    conditions.push({ kind: filters.kind });
  }
  if (filters.flag) {
    conditions.push({ flag: filters.flag });
  }
  if (filters.tag) {
    conditions.push({ tags: { has: filters.tag } });
  }
  if (filters.authorId) {
    conditions.push({ authorId: filters.authorId });
  }
  conditions.push(...anchorConditions(revisionId, isCurrent, filters));

  const rows = await prisma.annotation.findMany({
    where: { AND: conditions },
    select: annotationViewSelect(revisionId),
  });
  // Passages matched approximately or re-attached by hand read differently from their original
  // quote: the revision's text gives their wording (read only when there are such passages).
  const revisionText = rows.some(needsRevisionText)
    ? (
        await prisma.articleRevision.findUniqueOrThrow({
          where: { id: revisionId },
          select: { plainText: true },
        })
      ).plainText
    : undefined;
  const annotations = rows
    .map((row) => toAnnotationView(row, revisionText))
    .sort(compareInDocumentOrder);
  return { articleId: filters.articleId, revisionId, annotations };
}

/** Conditions on the anchor of the revision: which annotations it lists, and the filters on it. */
function anchorConditions(
  revisionId: string,
  isCurrent: boolean,
  filters: { sectionAnchor?: string; orphaned?: boolean },
): Prisma.AnnotationWhereInput[] {
  const conditions: Prisma.AnnotationWhereInput[] = [];
  if (!isCurrent) {
    conditions.push({ anchors: { some: { revisionId } } });
  }
  if (filters.sectionAnchor) {
    conditions.push({
      anchors: {
        some: { revisionId, sectionAnchor: filters.sectionAnchor, strategy: { not: "ORPHANED" } },
      },
    });
  }
  if (filters.orphaned === true) {
    conditions.push({
      OR: [
        { anchors: { some: { revisionId, strategy: "ORPHANED" } } },
        { anchors: { none: { revisionId } } },
      ],
    });
  } else if (filters.orphaned === false) {
    conditions.push({ anchors: { some: { revisionId, strategy: { not: "ORPHANED" } } } });
  }
  return conditions;
}

/** Document order: placed before orphans, then by start, longer first, then oldest first. */
export function compareInDocumentOrder(a: AnnotationView, b: AnnotationView): number {
  const aStart = a.anchor?.isOrphaned === false ? a.anchor.start : null;
  const bStart = b.anchor?.isOrphaned === false ? b.anchor.start : null;
  if (aStart === null || bStart === null) {
    if (aStart !== bStart) {
      return aStart === null ? 1 : -1;
    }
  } else if (aStart !== bStart) {
    return aStart - bStart;
  } else if (a.anchor?.end !== b.anchor?.end) {
    return (b.anchor?.end ?? 0) - (a.anchor?.end ?? 0);
  }
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}
