/**
 * The importer's command line: output, exit codes, and that it works on the same database as the
 * server, with or without a running server, on PostgreSQL and on the embedded default.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import pg from "pg";

import { spawnEmbeddedOwner } from "@/seed/embedded-owner";
import { readSeedArticle, SEED_ARTICLE_PATH } from "@/seed/factories";
import { createTestDatabase, projectRoot, type TestDatabase } from "@/seed/test-database";

const SEED_SUMMARY =
  "afghan-civil-war-1989-1992: created revision 1 (26 sections, 13 infobox fields, 5 bibliography entries)";

let workDir: string;
before(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "apparatus-import-cli-"));
});
after(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/**
 * Runs `npm run import -- <args>` as npm does (the script itself, without npm's banner): in the
 * project root, with INIT_CWD naming the folder the user typed the command in.
 */
function runImport(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      path.join(projectRoot, "scripts/import-article.ts"),
      ...args,
    ],
    { cwd: projectRoot, encoding: "utf8", env: { ...process.env, INIT_CWD: workDir, ...env } },
  );
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

async function writeWorkFile(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, content);
  return file;
}

async function countRevisions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM "ArticleRevision"',
    );
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}

describe("npm run import on PostgreSQL", () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.drop();
  });

  it("prints the slug and the counts, then reports an unchanged re-import", () => {
    const env = { DATABASE_URL: database.url };
    const first = runImport([SEED_ARTICLE_PATH], env);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, SEED_SUMMARY);
    const second = runImport([SEED_ARTICLE_PATH], env);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(
      second.stdout,
      "afghan-civil-war-1989-1992: unchanged, still revision 1 (26 sections, 13 infobox fields, 5 bibliography entries)",
    );
  });

  const badFiles: [name: string, content: string | Uint8Array, reason: RegExp][] = [
    ["empty.txt", "", /file is empty/],
    ["image.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]), /binary/],
    ["big.txt", `= Big =\n${"word ".repeat(1_100_000)}`, /limit is 5 MB/],
    ["untitled.txt", "== Only a section ==\nSome text.\n", /no title/],
  ];
  for (const [name, content, reason] of badFiles) {
    it(`exits non-zero with a one-line reason for ${name}, writing nothing`, async () => {
      const before = await countRevisions(database.url);
      await writeWorkFile(name, content);
      // A path relative to the folder the command was typed in.
      const result = runImport([name], { DATABASE_URL: database.url });
      assert.equal(result.status, 2);
      assert.equal(result.stdout, "");
      assert.equal(result.stderr.split("\n").length, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`^error: ${name.replace(".", "\\.")}: `));
      assert.match(result.stderr, reason);
      assert.equal(await countRevisions(database.url), before);
    });
  }

  it("exits 2 with one line for a malformed --slug, writing nothing", async () => {
    const before = await countRevisions(database.url);
    const result = runImport([SEED_ARTICLE_PATH, "--slug", "Bad Slug"], {
      DATABASE_URL: database.url,
    });
    assert.equal(result.status, 2);
    assert.equal(result.stderr.split("\n").length, 1, result.stderr);
    assert.match(
      result.stderr,
      /^error: afghan-civil-war-1989-1992\.txt: slug: use only lower-case letters, digits and single hyphens/,
    );
    assert.equal(await countRevisions(database.url), before);
  });

  it("exits non-zero for a missing file and for missing arguments", () => {
    const missing = runImport([path.join(workDir, "nope.txt")], { DATABASE_URL: database.url });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^error: nope\.txt: cannot read the file \(ENOENT\)$/);
    const usage = runImport([], { DATABASE_URL: database.url });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: npm run import/);
  });
});

describe("npm run import on the embedded default", () => {
  it("writes nothing at all, not even a data folder, for a bad file", async () => {
    const dataDir = path.join(workDir, "untouched-data");
    const result = runImport([await writeWorkFile("empty2.txt", "")], {
      DATABASE_URL: undefined,
      APPARATUS_DATA_DIR: dataDir,
    });
    assert.equal(result.status, 2);
    assert.equal(existsSync(dataDir), false);
  });

  it("imports with no server running, then into the running server's database", async () => {
    const dataDir = path.join(workDir, "data");
    const env = { DATABASE_URL: undefined, APPARATUS_DATA_DIR: dataDir };
    const alone = runImport([SEED_ARTICLE_PATH], env);
    assert.equal(alone.status, 0, alone.stderr);
    assert.equal(alone.stdout, SEED_SUMMARY);

    // A "server": another process that owns the embedded database, as `npm start` does.
    const owner = await spawnEmbeddedOwner(dataDir);
    try {
      const again = runImport([SEED_ARTICLE_PATH], env);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /unchanged, still revision 1/);

      const changed = await writeWorkFile(
        "changed.txt",
        readSeedArticle().replace("Kallu pursued", "Kallu then pursued"),
      );
      const revised = runImport([changed], env);
      assert.equal(revised.status, 0, revised.stderr);
      assert.match(revised.stdout, /^afghan-civil-war-1989-1992: new revision 2 /);
      assert.equal(await countRevisions(owner.url), 2, "the server's database has both revisions");
    } finally {
      await owner.stop();
    }
  });
});
