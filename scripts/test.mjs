#!/usr/bin/env node
/**
 * `npm test`: every check, in CI's order: format → lint → typecheck → unit and integration tests
 * (Node's test runner, against real PostgreSQL) → end-to-end tests (Playwright in Chromium).
 *
 * It first checks that PostgreSQL and Chromium are there and says what to do when they are not.
 * `--only=unit` or `--only=e2e` runs one part. Ends with one line: "N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const parts = only ? [only] : ["static", "unit", "e2e"];
const adminUrl =
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs a command with inherited output; returns its exit status. */
function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function bin(name) {
  return path.join(root, "node_modules", ".bin", name);
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  printTotals();
  process.exit(1);
}

function printTotals() {
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : "";
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
}

async function checkPostgres() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    fail(
      `PostgreSQL is not reachable at ${adminUrl} (${error.message}).\n` +
        "  Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)\n" +
        "  or point TEST_DATABASE_ADMIN_URL at a local server where this user may create databases.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (spawnSync("pg_dump", ["--version"]).status !== 0) {
    fail(
      "pg_dump is missing (the schema-drift test needs it): apt-get install -y postgresql-client",
    );
  }
}

/**
 * jing validates the TEI export against tei_all, which CI provides beside the project
 * (../shared/standards). Where the schema is there, jing must be too.
 */
function checkJing() {
  const schema = path.resolve(root, "..", "shared", "standards", "tei", "tei_all.rng");
  if (existsSync(schema) && spawnSync("jing", [], { stdio: "ignore" }).error) {
    fail(
      "jing is missing (the TEI export is validated against tei_all with it): apt-get install -y jing",
    );
  }
}

function findChromium() {
  return (
    process.env.CHROMIUM_PATH ??
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate))
  );
}

/** Folders that hold no tests of ours: dependencies, build output, data, generated code. */
const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  ".git",
  ".next",
  ".next-test",
  ".data",
  "lib/generated",
  "test-results",
]);

/** Every *.test.ts file outside dependencies and build output. */
function findTestFiles(directory = root, found = []) {
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (SKIPPED_DIRECTORIES.has(path.relative(root, full))) {
      continue;
    }
    if (statSync(full).isDirectory()) {
      findTestFiles(full, found);
    } else if (entry.endsWith(".test.ts")) {
      found.push(path.relative(root, full));
    }
  }
  return found.sort();
}

function runStaticChecks() {
  for (const [label, command, args] of [
    ["format", bin("prettier"), ["--check", "."]],
    ["lint", bin("eslint"), ["--max-warnings=0", "."]],
    ["typecheck", bin("tsc"), ["--noEmit"]],
  ]) {
    if (run(command, args) !== 0) {
      totals.failed += 1;
      fail(`${label} failed (npm run ${label === "format" ? "format" : label} shows the details).`);
    }
  }
}

function runNodeTests() {
  const files = findTestFiles();
  const tapDir = mkdtempSync(path.join(tmpdir(), "apparatus-tap-"));
  const tapFile = path.join(tapDir, "results.tap");
  const status = run(process.execPath, [
    "--import",
    "tsx",
    "--conditions=react-server",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ]);
  const tap = existsSync(tapFile) ? readFileSync(tapFile, "utf8") : "";
  rmSync(tapDir, { recursive: true, force: true });
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? 0);
  totals.passed += count("pass");
  totals.failed += count("fail") + count("cancelled");
  totals.skipped += count("skipped") + count("todo");
  if (status !== 0) {
    if (count("fail") + count("cancelled") === 0) {
      totals.failed += 1;
    }
    fail("unit/integration tests failed.");
  }
}

function runEndToEndTests() {
  const chromium = findChromium();
  if (!chromium) {
    fail(
      "Chromium is not installed, so the end-to-end tests cannot run.\n" +
        "  Install Debian's: apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary).",
    );
  }
  const env = { NEXT_DIST_DIR: ".next-test", CHROMIUM_PATH: chromium };
  if (
    run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], env) !== 0
  ) {
    totals.failed += 1;
    fail("next build failed.");
  }
  const jsonDir = mkdtempSync(path.join(tmpdir(), "apparatus-pw-"));
  const jsonFile = path.join(jsonDir, "results.json");
  const status = run(bin("playwright"), ["test"], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile,
  });
  try {
    const stats = JSON.parse(readFileSync(jsonFile, "utf8")).stats;
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } catch {
    if (status !== 0) {
      totals.failed += 1;
    }
  }
  rmSync(jsonDir, { recursive: true, force: true });
  if (status !== 0) {
    fail("end-to-end tests failed (traces of failures are in test-results/).");
  }
}

await checkPostgres();
if (parts.includes("static")) {
  runStaticChecks();
}
if (parts.includes("unit")) {
  checkJing();
  runNodeTests();
}
if (parts.includes("e2e")) {
  runEndToEndTests();
}
printTotals();
