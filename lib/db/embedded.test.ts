/**
 * The embedded default: PGlite served over a loopback socket, owned by one process and attached to
 * by others, keeping its data across restarts.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";

import pg from "pg";

import { spawnEmbeddedOwner } from "@/seed/embedded-owner";

import { openEmbeddedDatabase } from "./embedded";

const dataDirs: string[] = [];
after(async () => {
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "apparatus-embedded-"));
  dataDirs.push(dir);
  return dir;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded database", () => {
  it("keeps its data across a restart", async () => {
    const dataDir = await newDataDir();
    const first = await openEmbeddedDatabase(dataDir);
    assert.equal(first.kind, "embedded-owner");
    await query(first.url, "CREATE TABLE note (body text)");
    await query(first.url, "INSERT INTO note VALUES ($1)", ["له ۱۹۸۹ – kept"]);
    await first.close();

    const second = await openEmbeddedDatabase(dataDir);
    try {
      const rows = await query<{ body: string }>(second.url, "SELECT body FROM note");
      assert.deepEqual(rows, [{ body: "له ۱۹۸۹ – kept" }]);
    } finally {
      await second.close();
    }
  });

  it("lets a second opener attach to the owner instead of opening the files twice", async () => {
    const dataDir = await newDataDir();
    const owner = await openEmbeddedDatabase(dataDir);
    try {
      const attached = await openEmbeddedDatabase(dataDir);
      assert.equal(attached.kind, "embedded-attached");
      assert.equal(attached.url, owner.url);
      await query(attached.url, "CREATE TABLE shared (n int)");
      await query(owner.url, "INSERT INTO shared VALUES (1)");
      const rows = await query<{ n: number }>(attached.url, "SELECT n FROM shared");
      assert.deepEqual(rows, [{ n: 1 }]);
      await attached.close();
      // Closing an attached handle leaves the owner serving.
      assert.equal((await query(owner.url, "SELECT 1 AS one")).length, 1);
    } finally {
      await owner.close();
    }
  });

  it("attaches to an owner in another process", async () => {
    const dataDir = await newDataDir();
    const owner = await spawnEmbeddedOwner(dataDir);
    try {
      const attached = await openEmbeddedDatabase(dataDir);
      assert.equal(attached.kind, "embedded-attached");
      assert.equal(attached.url, owner.url);
      assert.equal((await query(attached.url, "SELECT 1 AS one")).length, 1);
    } finally {
      await owner.stop();
    }
  });

  it("takes over a lock left behind by a process that died", async () => {
    const dataDir = await newDataDir();
    const lockPath = path.join(dataDir, "pglite.lock.json");
    // A pid that cannot be alive: beyond the kernel's pid_max.
    await writeFile(lockPath, JSON.stringify({ pid: 2 ** 30, port: 1, startedAt: "" }));
    const database = await openEmbeddedDatabase(dataDir);
    try {
      assert.equal(database.kind, "embedded-owner");
      const lock = JSON.parse(await readFile(lockPath, "utf8")) as { pid: number };
      assert.equal(lock.pid, process.pid);
    } finally {
      await database.close();
    }
    await assert.rejects(readFile(lockPath), { code: "ENOENT" }, "closing removes the lock");
  });
});
