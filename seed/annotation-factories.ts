/**
 * Builders of annotations for integration tests, written straight to the database (no permission
 * checks), so that a test can arrange an annotation by any author, visibility or state in one call.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AnnotationKind, ClaimFlag, Visibility } from "@/lib/generated/prisma/enums";

/** A revision to annotate: what `buildAnnotation` needs to know of it. */
export interface AnnotatableRevision {
  articleId: string;
  revisionId: string;
  plainText: string;
}

/** The current revision of an article, by id. */
export async function findAnnotatableRevision(
  db: PrismaClient,
  articleId: string,
): Promise<AnnotatableRevision> {
  const article = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { id: true, plainText: true } } },
  });
  if (!article.currentRevision) {
    throw new Error(`article ${articleId} has no revision`);
  }
  return {
    articleId,
    revisionId: article.currentRevision.id,
    plainText: article.currentRevision.plainText,
  };
}

/** An empty annotation body (one empty paragraph). */
const EMPTY_BODY = { type: "doc", content: [{ type: "paragraph" }] };

/**
 * Writes an annotation on `revision` with its ORIGINAL anchor (and a Claim for claims): a public
 * comment on the first occurrence of `quote` (default: the text's first 12 characters) unless told
 * otherwise.
 */
export async function buildAnnotation(
  db: PrismaClient,
  revision: AnnotatableRevision,
  options: {
    authorId: string;
    quote?: string;
    kind?: AnnotationKind;
    flag?: ClaimFlag;
    visibility?: Visibility;
    groupId?: string;
    tags?: string[];
    bodyText?: string;
    isHidden?: boolean;
    isDeleted?: boolean;
  },
): Promise<{ id: string; version: number; start: number; end: number }> {
  const quote = options.quote ?? revision.plainText.slice(0, 12);
  const start = revision.plainText.indexOf(quote);
  if (start === -1) {
    throw new Error(`"${quote}" is not in the revision's text`);
  }
  const end = start + quote.length;
  const kind = options.kind ?? "COMMENT";
  const bodyText = options.bodyText ?? (kind === "HIGHLIGHT" ? "" : "A test note.");
  const body: Prisma.InputJsonObject = bodyText
    ? { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: bodyText }] }] }
    : EMPTY_BODY;
  const now = new Date();
  return db.annotation.create({
    data: {
      articleId: revision.articleId,
      authorId: options.authorId,
      kind,
      flag: kind === "CLAIM" ? (options.flag ?? "DISPUTED") : null,
      body,
      bodyText,
      tags: options.tags ?? [],
      visibility: options.visibility ?? "PUBLIC",
      groupId: options.groupId ?? null,
      revisionId: revision.revisionId,
      exact: quote,
      prefix: revision.plainText.slice(Math.max(0, start - 32), start),
      suffix: revision.plainText.slice(end, end + 32),
      start,
      end,
      hiddenAt: options.isHidden ? now : null,
      deletedAt: options.isDeleted ? now : null,
      deletedById: options.isDeleted ? options.authorId : null,
      anchors: {
        create: { revisionId: revision.revisionId, start, end, strategy: "ORIGINAL" },
      },
      ...(kind === "CLAIM" ? { claim: { create: { articleId: revision.articleId } } } : {}),
    },
    select: { id: true, version: true, start: true, end: true },
  });
}
