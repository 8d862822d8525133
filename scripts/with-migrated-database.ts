/**
 * The database session of a command-line script: opens the configured database (DATABASE_URL, or
 * the embedded default, whether or not the server is running), points `DATABASE_URL` at it for
 * `@/lib/db`, applies pending migrations, and always disconnects and closes it afterwards.
 */
import type { Actor } from "@/lib/auth/policy";
import { openDatabase, type DatabaseHandle } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";

import { projectRoot } from "./project-root";

/**
 * Runs `work` on the migrated database and closes it, whether `work` succeeds or throws.
 *
 * @returns what `work` returns
 */
export async function withMigratedDatabase<T>(
  work: (database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(projectRoot);
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url, projectRoot);
    return await work(database);
  } finally {
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => undefined);
    await database.close();
  }
}

/** The account a script's `--as <email>` names, and whether it is disabled. */
export interface ScriptAccount {
  actor: Actor;
  isDisabled: boolean;
}

/**
 * Looks up the account a script acts as by its e-mail (trimmed, lower-cased, as accounts store
 * it), inside {@link withMigratedDatabase}.
 *
 * @returns the account, or null when no account has this address
 */
export async function findScriptAccount(email: string): Promise<ScriptAccount | null> {
  const { prisma } = await import("@/lib/db");
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, role: true, disabledAt: true },
  });
  return user
    ? { actor: { id: user.id, role: user.role }, isDisabled: user.disabledAt !== null }
    : null;
}
