import "server-only";

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { importPreparedArticle, prepareArticle } from "@/lib/articles/import-article";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db";

import { DEMO_PASSWORD, demoAccounts } from "./demo-accounts";

/** Where the shipped articles live. */
const SEED_ARTICLES_DIR = path.join("seed", "articles");

/** What seeding did, for the launcher's log. */
export interface SeedReport {
  importedArticles: string[];
  createdAccounts: string[];
}

/**
 * Seeds a migrated database: every article under seed/articles that does not exist yet (an article
 * already there is left alone, so restarts never add revisions on top of a scholar's own imports),
 * and, when asked, the demo accounts that do not exist yet. Safe to run on every start.
 */
export async function seedDatabase(options: {
  projectRoot: string;
  withDemoAccounts: boolean;
}): Promise<SeedReport> {
  const report: SeedReport = { importedArticles: [], createdAccounts: [] };
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
    for (const account of demoAccounts) {
      const existing = await prisma.user.findUnique({ where: { email: account.email } });
      if (!existing) {
        await prisma.user.create({
          data: { ...account, passwordHash: await hashPassword(DEMO_PASSWORD) },
        });
        report.createdAccounts.push(account.email);
      }
    }
  }
  return report;
}
