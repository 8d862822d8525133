/**
 * `npm run db:seed`: migrates the configured database and seeds it (shipped articles that are
 * missing; demo accounts on the embedded default or with SEED_DEMO_ACCOUNTS=1).
 */
import { seedDatabase } from "@/seed/seed-database";

import { projectRoot } from "./project-root";
import { withMigratedDatabase } from "./with-migrated-database";

async function main(): Promise<void> {
  await withMigratedDatabase(async (database) => {
    const report = await seedDatabase({
      projectRoot,
      withDemoAccounts: database.kind !== "external" || process.env.SEED_DEMO_ACCOUNTS === "1",
    });
    console.log(
      `Seeded ${report.importedArticles.length} article(s), ${report.createdAccounts.length} demo account(s), ${report.seededSources.length} demo source(s), ${report.createdAnnotations.length} example annotation(s) and ${report.seededDisputes.length} worked dispute(s).`,
    );
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
