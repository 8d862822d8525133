/**
 * `npm run db:seed`: migrates the configured database and seeds it (shipped articles that are
 * missing; demo accounts on the embedded default or with SEED_DEMO_ACCOUNTS=1).
 */
import { openDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { seedDatabase } from "@/seed/seed-database";

import { projectRoot } from "./project-root";

async function main(): Promise<void> {
  const database = await openDatabase(projectRoot);
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url, projectRoot);
    const report = await seedDatabase({
      projectRoot,
      withDemoAccounts: database.kind !== "external" || process.env.SEED_DEMO_ACCOUNTS === "1",
    });
    console.log(
      `Seeded ${report.importedArticles.length} article(s), ${report.createdAccounts.length} demo account(s) and ${report.createdAnnotations.length} example annotation(s).`,
    );
  } finally {
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => undefined);
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
