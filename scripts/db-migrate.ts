/**
 * `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL, or the
 * embedded default), recorded in `_prisma_migrations` as `prisma migrate deploy` records them.
 */
import { openDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";

import { projectRoot } from "./project-root";

async function main(): Promise<void> {
  const database = await openDatabase(projectRoot);
  try {
    const applied = await applyMigrations(database.url, projectRoot);
    console.log(
      applied.length === 0
        ? "Database is up to date."
        : `Applied ${applied.length} migration(s): ${applied.join(", ")}`,
    );
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
