/**
 * The annotation importer's command line against a PostgreSQL database of its own: the report,
 * the exit codes (0 imported, 2 unusable input, 3 confirmation needed) and that nothing is written
 * until the import is confirmed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { buildUser, readSeedArticle, toBytes, type BuiltUser } from "@/seed/factories";
import {
  projectRoot,
  setUpTestDatabase,
  tearDownTestDatabase,
  type TestDatabase,
} from "@/seed/test-database";

/** The Hypothesis-like export of the import tests: 8 usable items, 3 rejected. */
const FIXTURE = path.join(projectRoot, "lib/annotations/__fixtures__/hypothesis-export.jsonld");

let database: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let workDir: string;
let annotator: BuiltUser;
let slug: string;

before(async () => {
  ({ database, prisma } = await setUpTestDatabase());
  const { importArticle } = await import("@/lib/articles/import-article");
  slug = (await importArticle(toBytes(readSeedArticle()))).slug;
  annotator = await buildUser(prisma, { role: "ANNOTATOR" });
  workDir = await mkdtemp(path.join(tmpdir(), "apparatus-import-annotations-cli-"));
});

after(async () => {
  await tearDownTestDatabase();
  await rm(workDir, { recursive: true, force: true });
});

/** Runs the script as `npm run -s import:annotations -- <args>` does, on the test database. */
function runImport(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      path.join(projectRoot, "scripts/import-annotations.ts"),
      ...args,
    ],
    {
      cwd: projectRoot,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: workDir, DATABASE_URL: database.url },
    },
  );
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

describe("npm run import:annotations", () => {
  it("exits 2 with the usage when --as is missing", () => {
    const result = runImport([slug, FIXTURE]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^usage: /);
  });

  it("exits 2 for a file that is not JSON, saying so", async () => {
    const file = path.join(workDir, "broken.json");
    await writeFile(file, "{ broken");
    const result = runImport([slug, file, "--as", annotator.email]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /broken\.json: The file is not JSON: /);
  });

  it("exits 2 for a file nested more than 100 levels deep, saying so", async () => {
    const file = path.join(workDir, "nested.json");
    await writeFile(file, `[${"[".repeat(200_000)}${"]".repeat(200_000)}]`);
    const result = runImport([slug, file, "--as", annotator.email]);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(
      result.stderr,
      "error: nested.json: file: nested more than 100 levels deep (arrays and objects inside one another); Web Annotations are far shallower.",
    );
  });

  it("exits 3 and writes nothing when items are rejected and --confirm is not given", async () => {
    const before = await prisma.annotation.count();
    const result = runImport([slug, FIXTURE, "--as", annotator.email]);
    assert.equal(result.status, 3, result.stderr);
    assert.match(
      result.stdout,
      /11 item\(s\): 7 placed, 1 orphaned, 3 rejected, 0 already present/,
    );
    assert.match(
      result.stdout,
      /rejected #5 https:\/\/hypothes\.is\/a\/hx-reply-6: no usable selector/,
    );
    assert.equal(await prisma.annotation.count(), before);
  });

  it("imports the usable items with --confirm, as the named account", async () => {
    const result = runImport([slug, FIXTURE, "--as", annotator.email, "--confirm", "--json"]);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { status: string; placed: unknown[] };
    assert.equal(report.status, "imported");
    assert.equal(report.placed.length, 7);
    assert.equal(await prisma.annotation.count({ where: { authorId: annotator.id } }), 8);
  });
});
