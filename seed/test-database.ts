/**
 * Fresh PostgreSQL databases for tests: each test file (and the end-to-end run) creates its own,
 * migrates it with the project's migrations, and drops it afterwards.
 *
 * The server is `TEST_DATABASE_ADMIN_URL` (default: the machine's PostgreSQL on 127.0.0.1:5432).
 * Tests refuse to run against anything that is not on this machine, so a stray environment variable
 * can never point them at a real database.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";

import { applyMigrations } from "@/lib/db/schema-engine";

/** The project root (this file lives in seed/). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The maintenance database URL used to create and drop test databases. */
export function getTestAdminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

/** A database created for one test run. */
export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database (terminating its connections first). */
  drop(): Promise<void>;
}

/** Throws unless `url` points at this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
}

/** The URL of database `name` on the same server as `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database (no migrations) with a unique name. */
export async function createEmptyDatabase(prefix = "apparatus_test"): Promise<TestDatabase> {
  const adminUrl = getTestAdminUrl();
  assertLocalDatabase(adminUrl);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => dropDatabase(adminUrl, name),
  };
}

/** Creates a database with every migration applied. */
export async function createTestDatabase(prefix?: string): Promise<TestDatabase> {
  const database = await createEmptyDatabase(prefix);
  try {
    await applyMigrations(database.url, projectRoot);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
