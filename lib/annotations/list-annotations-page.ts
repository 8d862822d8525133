import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import {
  annotationViewSelect,
  canSeeHidden,
  readableAnnotationWhere,
  toAnnotationView,
  type AnnotationView,
} from "./annotation-view";
import {
  listAnnotationsPageSchema,
  parseAnnotationInput,
  type ListAnnotationsPageInput,
} from "./schemas";

/** One page of the annotations an actor may see. */
export interface AnnotationsPage {
  items: AnnotationView[];
  /** All annotations matching the filter that the actor may see. */
  total: number;
  page: number;
  pageSize: number;
  articleSlug?: string;
}

/**
 * A page of every annotation the actor may see (oldest first, a stable order for paging), across
 * articles or on one article by slug: the Web Annotation container. Each comes with its anchor on
 * its article's current revision. Same visibility, deletion and hiding rules as the reader's list.
 *
 * @throws AppError NOT_FOUND "article: …" for an unknown article; INVALID_INPUT for bad paging
 */
export async function listAnnotationsPage(
  actor: Actor | null,
  input: ListAnnotationsPageInput,
): Promise<AnnotationsPage> {
  const { articleSlug, page, pageSize } = parseAnnotationInput(listAnnotationsPageSchema, input);
  const conditions: Prisma.AnnotationWhereInput[] = [
    readableAnnotationWhere(await getVisibilityScope(actor), {
      includeHidden: canSeeHidden(actor),
    }),
  ];
  if (articleSlug !== undefined) {
    const article = await prisma.article.findFirst({
      where: { slug: articleSlug, deletedAt: null },
      select: { id: true },
    });
    if (!article) {
      throw new AppError("NOT_FOUND", "article: no such article.", { field: "article" });
    }
    conditions.push({ articleId: article.id });
  }
  const where = { AND: conditions };
  const [total, rows] = await Promise.all([
    prisma.annotation.count({ where }),
    prisma.annotation.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: page * pageSize,
      take: pageSize,
      select: annotationViewSelect("current"),
    }),
  ]);
  return { items: rows.map((row) => toAnnotationView(row)), total, page, pageSize, articleSlug };
}
