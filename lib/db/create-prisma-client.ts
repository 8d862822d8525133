/**
 * Builds a PrismaClient on the `pg` driver adapter. Kept free of "server-only" so that scripts and
 * tests can build clients for databases of their own; the app uses the singleton in `lib/db`.
 */
import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";

/** Connections per process; small, because the embedded default serialises them anyway. */
const DEFAULT_POOL_SIZE = 5;
/** Give up on a connection attempt quickly so that a down database gives an error page, not a hang. */
const CONNECTION_TIMEOUT_MS = 5_000;

/** A PrismaClient for `connectionString`. */
export function createPrismaClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
