import "server-only";

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { describeTextRange } from "@/lib/anchoring/selectors";
import { bodyFromPlainText } from "@/lib/annotations/annotation-body";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { importPreparedArticle, prepareArticle } from "@/lib/articles/import-article";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";

import { DEMO_PASSWORD, demoAccounts } from "./demo-accounts";
import { demoAnnotationIri, demoAnnotations, type DemoAnnotation } from "./demo-annotations";
import { seedDemoDisputes } from "./demo-disputes";
import {
  addMinutes,
  backdateAnnotation,
  backdateSeedImport,
  DEMO_SCHEDULE,
  demoTime,
  startOfSeedingDay,
} from "./demo-history";
import { seedDemoSources } from "./demo-sources";

/** Where the shipped articles live. */
const SEED_ARTICLES_DIR = path.join("seed", "articles");

/** What seeding did, for the launcher's log. */
export interface SeedReport {
  importedArticles: string[];
  createdAccounts: string[];
  /** Citation keys of the demo sources created or enriched by this run. */
  seededSources: string[];
  /** Keys of the example annotations created by this run. */
  createdAnnotations: string[];
  /** Keys of the demo claims whose worked disputes (accounts, evidence, replies) this run seeded. */
  seededDisputes: string[];
}

/**
 * Seeds a migrated database: every article under seed/articles that does not exist yet (an article
 * already there is left alone, so restarts never add revisions on top of a scholar's own imports),
 * and, when asked, the demo accounts and the example annotations that do not exist yet. Safe to run
 * on every start.
 */
export async function seedDatabase(options: {
  projectRoot: string;
  withDemoAccounts: boolean;
}): Promise<SeedReport> {
  const report: SeedReport = {
    importedArticles: [],
    createdAccounts: [],
    seededSources: [],
    createdAnnotations: [],
    seededDisputes: [],
  };
  const directory = path.join(options.projectRoot, SEED_ARTICLES_DIR);
  const files = (await readdir(directory)).filter((name) => name.endsWith(".txt")).sort();
  for (const file of files) {
    const prepared = prepareArticle(new Uint8Array(await readFile(path.join(directory, file))));
    const existing = await prisma.article.findUnique({
      where: { slug: prepared.slug },
      select: { id: true },
    });
    if (!existing) {
      await importPreparedArticle(prepared, { sourceName: file });
      report.importedArticles.push(prepared.slug);
    }
  }
  if (options.withDemoAccounts) {
    // The demo history happened in the weeks before today (seed/demo-history.ts); the day is
    // taken once, so that a seed running across midnight dates everything from the same day.
    const day = startOfSeedingDay();
    for (const slug of report.importedArticles) {
      await backdateSeedImport(slug, demoTime(day, DEMO_SCHEDULE.articleImported));
    }
    for (const [index, account] of demoAccounts.entries()) {
      const existing = await prisma.user.findUnique({ where: { email: account.email } });
      if (!existing) {
        const joinedAt = addMinutes(demoTime(day, DEMO_SCHEDULE.accountsJoin), index * 60);
        await prisma.user.create({
          data: {
            ...account,
            passwordHash: await hashPassword(DEMO_PASSWORD),
            createdAt: joinedAt,
            updatedAt: joinedAt,
          },
        });
        report.createdAccounts.push(account.email);
      }
    }
    report.seededSources = await seedDemoSources(day);
    for (const annotation of demoAnnotations) {
      if (await seedDemoAnnotation(annotation, day)) {
        report.createdAnnotations.push(annotation.key);
      }
    }
    report.seededDisputes = await seedDemoDisputes(day);
  }
  return report;
}

/**
 * Creates one example annotation unless it exists (by its sourceIri), its author is missing, or
 * its passage is no longer in the article's current text exactly once (a scholar may have
 * imported a new revision), and dates it in the demo history of the seeding `day`. Returns whether
 * it created it.
 */
async function seedDemoAnnotation(demo: DemoAnnotation, day: Date): Promise<boolean> {
  const sourceIri = demoAnnotationIri(demo.key);
  const [existing, author, article] = await Promise.all([
    prisma.annotation.findFirst({
      where: { sourceIri, author: { email: demo.authorEmail } },
      select: { id: true },
    }),
    prisma.user.findUnique({
      where: { email: demo.authorEmail },
      select: { id: true, role: true, disabledAt: true },
    }),
    prisma.article.findFirst({
      where: { slug: demo.articleSlug, deletedAt: null },
      select: { id: true, currentRevision: { select: { id: true, plainText: true } } },
    }),
  ]);
  const revision = article?.currentRevision;
  if (existing || !author || author.disabledAt || !article || !revision) {
    return false;
  }
  const start = revision.plainText.indexOf(demo.quote);
  if (start === -1 || revision.plainText.indexOf(demo.quote, start + 1) !== -1) {
    return false;
  }
  let created;
  try {
    created = await createAnnotation(
      author,
      {
        articleId: article.id,
        revisionId: revision.id,
        target: describeTextRange(revision.plainText, start, start + demo.quote.length),
        kind: demo.kind,
        flag: demo.flag,
        body: bodyFromPlainText(demo.body).doc,
        tags: demo.tags ?? [],
        visibility: "PUBLIC",
      },
      { sourceIri },
    );
  } catch (error) {
    // Another process seeding at the same time made it first (P2002), or the demo data no longer
    // fits (an administrator demoted the account): an example is never worth a failed start.
    if (isAppError(error) || (error as { code?: unknown } | null)?.code === "P2002") {
      return false;
    }
    throw error;
  }
  await backdateAnnotation(created.id, demoTime(day, demo.posted));
  return true;
}
