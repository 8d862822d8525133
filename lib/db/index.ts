import "server-only";

import { AppError } from "@/lib/errors";

import { createPrismaClient, type PrismaClient } from "./create-prisma-client";

/**
 * The one PrismaClient of this process, kept on `globalThis` so that development reloads reuse it.
 *
 * `DATABASE_URL` is always set by the time the app runs: either by the operator, or by the launcher
 * (`npm start`/`npm run dev`), which serves the embedded default and passes its URL on.
 */
const globalForPrisma = globalThis as unknown as { apparatusPrisma?: PrismaClient };

function getPrisma(): PrismaClient {
  if (!globalForPrisma.apparatusPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new AppError(
        "UNAVAILABLE",
        "DATABASE_URL is not set. Start the app with `npm start` (embedded database) or set DATABASE_URL.",
      );
    }
    globalForPrisma.apparatusPrisma = createPrismaClient(url);
  }
  return globalForPrisma.apparatusPrisma;
}

/** The shared PrismaClient, created on first use. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function"
      ? (value as (...args: unknown[]) => unknown).bind(client)
      : value;
  },
});

export { isDatabaseUnavailableError } from "./is-database-unavailable-error";
export { isUnstorableTextError, UNSTORABLE_TEXT_MESSAGE } from "./is-unstorable-text-error";
export type { PrismaClient };
