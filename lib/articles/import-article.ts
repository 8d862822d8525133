import "server-only";

import { createHash } from "node:crypto";

import { getSchema } from "@tiptap/core";

import { projectDocText } from "@/lib/anchoring/text-projection";
import {
  reanchorArticleAnnotations,
  type ReanchorSummary,
} from "@/lib/annotations/reanchor-article-annotations";
import { parseAnnotationInput } from "@/lib/annotations/schemas";
import { prisma } from "@/lib/db";
import { articleExtensions } from "@/lib/editor/article-extensions";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { linkBibliographyEntries } from "@/lib/sources/link-bibliography-entries";

import { buildArticleDoc } from "./build-article-doc";
import { decodeArticleFile } from "./decode-article-file";
import { deriveSections } from "./derive-sections";
import { parseArticle } from "./parse-article";
import { importArticleOptionsSchema, type ImportArticleOptions } from "./schemas";

/** What an import did. */
export interface ImportArticleResult {
  /** created: new article; revised: new revision of an existing one; unchanged: identical text. */
  status: "created" | "revised" | "unchanged";
  articleId: string;
  slug: string;
  title: string;
  revisionNumber: number;
  counts: { sections: number; infoboxFields: number; bibliographyEntries: number };
  /** Lines the parser kept but could not read as intended (kept as text; nothing is dropped). */
  warnings: string[];
  /**
   * The article's annotations placed on the new revision, and those that could not be (orphans,
   * kept and listed with their quote). Zero for a new article and for unchanged text.
   */
  reanchored: ReanchorSummary;
}

/** Everything an import derives from a file before it touches the database. */
export interface PreparedArticle {
  title: string;
  slug: string;
  sourceText: string;
  contentHash: string;
  doc: Prisma.InputJsonValue;
  plainText: string;
  sections: ReturnType<typeof deriveSections>;
  infobox: { key: string; value: string }[];
  bibliography: { raw: string; author: string | null; title: string | null; year: number | null }[];
  warnings: string[];
}

const articleSchema = getSchema(articleExtensions);

/**
 * Decodes, parses and projects an article file without touching the database. Throws AppError
 * (INVALID_INPUT / PAYLOAD_TOO_LARGE) with a one-line reason for a file that cannot be imported.
 */
export function prepareArticle(bytes: Uint8Array): PreparedArticle {
  const sourceText = decodeArticleFile(bytes);
  const parsed = parseArticle(sourceText);
  const json = buildArticleDoc(parsed);
  let node;
  try {
    node = articleSchema.nodeFromJSON(json);
    node.check();
  } catch (error) {
    throw new AppError(
      "INVALID_INPUT",
      `the article does not fit the document schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const projection = projectDocText(node);
  return {
    title: parsed.title,
    slug: parsed.slug,
    sourceText,
    contentHash: createHash("sha256").update(sourceText, "utf8").digest("hex"),
    doc: json as Prisma.InputJsonValue,
    plainText: projection.text,
    sections: deriveSections(node, projection),
    infobox: parsed.infobox.map(({ key, value }) => ({ key, value })),
    bibliography: parsed.bibliography.map(({ raw, author, title, year }) => ({
      raw,
      author,
      title,
      year,
    })),
    warnings: parsed.warnings,
  };
}

/**
 * Imports an article file: a new article, a new revision of the article with the same slug when
 * the text changed, or nothing at all when it did not. Everything is written in one transaction,
 * with the article row locked so that concurrent imports of one article number revisions in turn.
 */
export async function importArticle(
  bytes: Uint8Array,
  options: ImportArticleOptions = {},
): Promise<ImportArticleResult> {
  return importPreparedArticle(prepareArticle(bytes), options);
}

/**
 * The database half of `importArticle`, for callers that validated the file with `prepareArticle`
 * before opening the database (the CLI does, so that a bad file never creates anything).
 */
export async function importPreparedArticle(
  prepared: PreparedArticle,
  options: ImportArticleOptions = {},
): Promise<ImportArticleResult> {
  const {
    sourceName,
    slug: slugOverride,
    authorId,
  } = parseAnnotationInput(importArticleOptionsSchema, options);
  const slug = slugOverride ?? prepared.slug;
  const counts = {
    sections: prepared.sections.length,
    infoboxFields: prepared.infobox.length,
    bibliographyEntries: prepared.bibliography.length,
  };

  // Two first imports of one article race to create its row: the loser's transaction fails on the
  // slug's unique constraint and is simply run again, and then finds the winner's row.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await writeRevision(prepared, { slug, sourceName, authorId, counts });
    } catch (error) {
      if (attempt >= MAX_WRITE_ATTEMPTS || !isUniqueViolation(error)) {
        throw error;
      }
    }
  }
}

/** How often an import is tried when it loses a race on a unique constraint. */
const MAX_WRITE_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/**
 * Limits of the import transaction. Re-anchoring an article's annotations runs inside it and, with
 * thousands of annotations and many rewritten passages, can take longer than Prisma's default of
 * five seconds.
 */
const IMPORT_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/** Writes a revision (or finds the text unchanged) in one transaction. */
function writeRevision(
  prepared: PreparedArticle,
  options: {
    slug: string;
    sourceName: string | undefined;
    authorId: string | null | undefined;
    counts: ImportArticleResult["counts"];
  },
): Promise<ImportArticleResult> {
  const { slug, sourceName, authorId, counts } = options;
  return prisma.$transaction(async (tx) => {
    const article = await tx.article.upsert({
      where: { slug },
      create: { slug, title: prepared.title },
      update: {},
    });
    await tx.$queryRaw`SELECT id FROM "Article" WHERE id = ${article.id}::uuid FOR UPDATE`;
    const latest = await tx.articleRevision.findFirst({
      where: { articleId: article.id },
      orderBy: { number: "desc" },
      select: { id: true, number: true, contentHash: true },
    });
    const base = {
      articleId: article.id,
      slug,
      title: prepared.title,
      counts,
      warnings: prepared.warnings,
    };
    if (latest && latest.contentHash === prepared.contentHash) {
      return {
        ...base,
        status: "unchanged",
        revisionNumber: latest.number,
        reanchored: { placed: 0, orphaned: 0 },
      };
    }
    const revision = await tx.articleRevision.create({
      data: {
        articleId: article.id,
        number: (latest?.number ?? 0) + 1,
        title: prepared.title,
        doc: prepared.doc,
        plainText: prepared.plainText,
        sourceText: prepared.sourceText,
        contentHash: prepared.contentHash,
        sourceName: sourceName ?? null,
        authorId: authorId ?? null,
        sections: { createMany: { data: prepared.sections } },
        infoboxFields: {
          createMany: { data: prepared.infobox.map((field, position) => ({ ...field, position })) },
        },
        bibliographyEntries: {
          createMany: {
            data: prepared.bibliography.map((entry, position) => ({ ...entry, position })),
          },
        },
      },
      select: { id: true, number: true },
    });
    // Each bibliography entry cites a library source: an existing duplicate or a new record.
    await linkBibliographyEntries(tx, revision.id);
    // Every annotation of the article gets its place on the new text (or is marked orphaned) in
    // the same transaction, so readers never see the new revision without its annotations.
    const reanchored = await reanchorArticleAnnotations(tx, {
      articleId: article.id,
      revisionId: revision.id,
      plainText: prepared.plainText,
      sections: prepared.sections,
    });
    await tx.article.update({
      where: { id: article.id },
      data: { currentRevisionId: revision.id, title: prepared.title },
    });
    await tx.auditEvent.create({
      data: {
        actorId: authorId ?? null,
        action: "article.import",
        subjectType: "ArticleRevision",
        subjectId: revision.id,
        data: {
          slug,
          revisionNumber: revision.number,
          sourceName: sourceName ?? null,
          counts,
          reanchored: { ...reanchored },
        },
      },
    });
    return {
      ...base,
      status: latest ? "revised" : "created",
      revisionNumber: revision.number,
      reanchored,
    };
  }, IMPORT_TRANSACTION_OPTIONS);
}
