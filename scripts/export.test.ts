/**
 * The export command line against a test database holding the export fixture: the file it writes
 * is the golden edition byte for byte, `--out` writes a file, `--as` widens what is visible, and
 * bad arguments, unknown articles, revisions and accounts exit 2 with one line and no output.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  buildExportFixture,
  EXPORT_FIXTURE_EXPORTED_AT,
  EXPORT_FIXTURE_SECRETS,
  EXPORT_FIXTURE_SLUG,
  EXPORT_FIXTURE_USERS,
} from "@/seed/export-fixture";
import {
  projectRoot,
  setUpTestDatabase,
  tearDownTestDatabase,
  type TestDatabase,
} from "@/seed/test-database";

let database: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let workDir: string;

before(async () => {
  ({ database, prisma } = await setUpTestDatabase());
  await buildExportFixture(prisma);
  workDir = await mkdtemp(path.join(tmpdir(), "apparatus-export-cli-"));
});

after(async () => {
  await tearDownTestDatabase();
  await rm(workDir, { recursive: true, force: true });
});

/** Runs `npm run -s export -- <args>` as npm does, against the test database. */
function runExport(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      path.join(projectRoot, "scripts/export.ts"),
      ...args,
    ],
    {
      cwd: projectRoot,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DATABASE_URL: database.url, INIT_CWD: workDir },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe("npm run export", () => {
  it("writes the HTML edition to standard output, identical to the golden file", () => {
    const result = runExport([
      EXPORT_FIXTURE_SLUG,
      "--format",
      "html",
      "--exported-at",
      EXPORT_FIXTURE_EXPORTED_AT,
    ]);
    assert.equal(result.status, 0, result.stderr);
    const golden = path.join(projectRoot, "lib/export/__golden__/edition.html");
    assert.equal(result.stdout, readFileSync(golden, "utf8"));
  });

  it("writes a filtered Markdown edition to --out, relative to where the command was typed", async () => {
    const result = runExport([
      EXPORT_FIXTURE_SLUG,
      "--format",
      "md",
      "--only",
      "resolved",
      "--no-threads",
      "--anonymise",
      "--out",
      "edition.md",
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, "");
    const markdown = await readFile(path.join(workDir, "edition.md"), "utf8");
    assert.match(markdown, /Status: \*\*Contested\*\*/);
    assert.match(markdown, /Selection: resolved disputes only/);
    assert.ok(!markdown.includes(EXPORT_FIXTURE_USERS.annotator.name));
  });

  it("exports what the account named by --as may read", () => {
    const anonymous = runExport([EXPORT_FIXTURE_SLUG, "--format", "md"]);
    assert.ok(!anonymous.stdout.includes(EXPORT_FIXTURE_SECRETS.privateComment));
    const own = runExport([
      EXPORT_FIXTURE_SLUG,
      "--format",
      "md",
      "--as",
      EXPORT_FIXTURE_USERS.second.email,
    ]);
    assert.equal(own.status, 0, own.stderr);
    assert.ok(own.stdout.includes(EXPORT_FIXTURE_SECRETS.privateComment));
  });

  for (const [label, args, message] of [
    [
      "an unknown format",
      [EXPORT_FIXTURE_SLUG, "--format", "docx"],
      /format: choose one of html, pdf/,
    ],
    ["a missing format", [EXPORT_FIXTURE_SLUG], /--format is missing/],
    [
      "an unknown option",
      [EXPORT_FIXTURE_SLUG, "--format", "md", "--colour", "red"],
      /Unknown option '--colour'/,
    ],
    [
      "an unknown selection",
      [EXPORT_FIXTURE_SLUG, "--format", "md", "--only", "some"],
      /only: choose one of all, claims, open, resolved/,
    ],
    [
      "an unknown article",
      ["no-such-article", "--format", "md"],
      /No article with the slug "no-such-article"/,
    ],
    [
      "a missing revision",
      [EXPORT_FIXTURE_SLUG, "--format", "md", "--revision", "7"],
      /has no revision 7/,
    ],
    [
      "a malformed revision",
      [EXPORT_FIXTURE_SLUG, "--format", "md", "--revision", "two"],
      /--revision must be a revision number/,
    ],
    [
      "an unknown section",
      [EXPORT_FIXTURE_SLUG, "--format", "md", "--section", "nowhere"],
      /no section "nowhere"/,
    ],
    [
      "an unknown account",
      [EXPORT_FIXTURE_SLUG, "--format", "md", "--as", "nobody@example.test"],
      /no active account/,
    ],
  ] as const) {
    it(`exits 2 with one line and no output for ${label}`, () => {
      const result = runExport([...args]);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, "");
      assert.match(result.stderr.split("\n")[0] ?? "", message);
    });
  }

  it("leaves no file behind when the export fails", () => {
    const result = runExport(["no-such-article", "--format", "md", "--out", "missing.md"]);
    assert.equal(result.status, 2);
    assert.equal(existsSync(path.join(workDir, "missing.md")), false);
  });
});
