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

import type { PrismaClient } from "@/lib/db/create-prisma-client";
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

/** A test file's database and the app's Prisma client, which is connected to it. */
export interface OpenTestDatabase {
  database: TestDatabase;
  prisma: PrismaClient;
}

/**
 * The database `setUpTestDatabase` opened in this process. Each test file runs in a process of its
 * own, so there is at most one.
 */
let openTestDatabase: { database: TestDatabase; prisma?: PrismaClient } | undefined;

/**
 * Creates this test file's migrated database, points `DATABASE_URL` at it and only then imports the
 * app's Prisma client (`@/lib/db` reads `DATABASE_URL`). Call it first in the file's `before` hook,
 * import the modules under test after it, and pair it with `after(tearDownTestDatabase)`.
 *
 * @returns the database and the Prisma client connected to it
 */
export async function setUpTestDatabase(): Promise<OpenTestDatabase> {
  if (openTestDatabase) {
    throw new Error("setUpTestDatabase() was already called in this process");
  }
  const database = await createTestDatabase();
  openTestDatabase = { database };
  process.env.DATABASE_URL = database.url;
  const { prisma } = await import("@/lib/db");
  openTestDatabase.prisma = prisma;
  return { database, prisma };
}

/**
 * Disconnects the Prisma client and drops the database that `setUpTestDatabase` opened; does
 * nothing for whatever a failed set-up never opened.
 */
export async function tearDownTestDatabase(): Promise<void> {
  const opened = openTestDatabase;
  openTestDatabase = undefined;
  await opened?.prisma?.$disconnect();
  await opened?.database.drop();
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
