/**
 * Proves that prisma/migrations and prisma/schema.prisma describe the same database, so that a
 * schema change without its migration (or the reverse) cannot land: one database is built from the
 * migrations, another from the schema alone, and their `pg_dump --schema-only` must match.
 * Also proves that migrations are safe when two servers start at once.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";

import pg from "pg";

import { createEmptyDatabase, projectRoot, type TestDatabase } from "@/seed/test-database";

import { applyMigrations, diffSchemas, readMigrationsList, SCHEMA_PATH } from "./schema-engine";

const databases: TestDatabase[] = [];
after(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

async function newDatabase(): Promise<TestDatabase> {
  const database = await createEmptyDatabase("apparatus_drift");
  databases.push(database);
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * pg_dump of the schema, without comments, blank lines and the tool's own settings, and with each
 * table's columns in name order: `ALTER TABLE … ADD COLUMN` appends a column where the schema may
 * list it earlier, and column order carries no meaning for Prisma.
 */
function dumpSchema(url: string): string {
  const output = execFileSync("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", url], {
    encoding: "utf8",
  });
  const lines = output
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("--") && !line.startsWith("\\"))
    .filter((line) => !/^SET |^SELECT pg_catalog\.set_config/.test(line))
    .join("\n");
  return lines.replace(
    /(CREATE TABLE [^\n]+ \(\n)([\s\S]*?)(\n\);)/g,
    (_match, head: string, body: string, tail: string) => {
      const columns = body.split("\n").map((line) => line.replace(/,$/, ""));
      return head + columns.sort().join(",\n") + tail;
    },
  );
}

describe("schema and migrations", () => {
  it("build identical databases (no drift between schema.prisma and migrations)", async () => {
    const fromMigrations = await newDatabase();
    await applyMigrations(fromMigrations.url, projectRoot);
    await query(fromMigrations.url, 'DROP TABLE "_prisma_migrations"');

    const fromSchema = await newDatabase();
    const schema = await readFile(path.join(projectRoot, SCHEMA_PATH), "utf8");
    const sql = await diffSchemas(fromSchema.url, null, schema);
    await query(fromSchema.url, sql);

    const expected = dumpSchema(fromSchema.url);
    assert.match(expected, /CREATE TABLE public\."ArticleRevision"/);
    assert.equal(
      dumpSchema(fromMigrations.url),
      expected,
      "prisma/migrations does not match prisma/schema.prisma: run `npm run db:migrate:create -- <name>`",
    );
  });

  it("records every migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const database = await newDatabase();
    const applied = await applyMigrations(database.url, projectRoot);
    const { migrationDirectories } = await readMigrationsList(projectRoot);
    assert.deepEqual(
      applied,
      migrationDirectories.map((directory) => directory.path),
    );
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      database.url,
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    assert.equal(rows.length, migrationDirectories.length);
    for (const row of rows) {
      assert.match(row.checksum, /^[0-9a-f]{64}$/);
      assert.ok(row.finished_at, `${row.migration_name} is not marked finished`);
    }
    assert.deepEqual(
      await applyMigrations(database.url, projectRoot),
      [],
      "a second run applies nothing",
    );
  });

  it("applies each migration once when two servers migrate at the same time", async () => {
    const database = await newDatabase();
    const results = await Promise.all([
      applyMigrations(database.url, projectRoot),
      applyMigrations(database.url, projectRoot),
    ]);
    const { migrationDirectories } = await readMigrationsList(projectRoot);
    assert.equal(results.flat().length, migrationDirectories.length);
    const rows = await query<{ count: string }>(
      database.url,
      'SELECT count(*) AS count FROM "_prisma_migrations"',
    );
    assert.equal(Number(rows[0]?.count), migrationDirectories.length);
  });
});
