/**
 * `npm start` / `npm run dev`: the one command that serves a working app.
 *
 * 1. builds the app when the sources changed since the last build (`npm start` only);
 * 2. opens the database: DATABASE_URL when set, else the embedded PGlite under .data/, served by
 *    this process for as long as the app runs (other commands such as the importer attach to it);
 * 3. applies pending migrations and seeds what is missing (the shipped article; demo accounts on
 *    the embedded default);
 * 4. runs `next start` (or `next dev`) with DATABASE_URL pointing at that database.
 *
 * PORT (default 3000) and HOSTNAME choose where the app listens.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { getRegistrationMode } from "@/lib/accounts/registration-mode";
import { openDatabase, resolveDataDir } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { seedDatabase } from "@/seed/seed-database";

import { projectRoot } from "./project-root";

const isDev = process.argv.includes("--dev");
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const distDir = process.env.NEXT_DIST_DIR || ".next";
/** Inputs of the production build; a change to any of them triggers a rebuild on `npm start`. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const FINGERPRINT_FILE = "apparatus-build-fingerprint";

/** A cheap fingerprint of the build inputs: paths, sizes and modification times. */
function fingerprintBuildInputs(): string {
  const hash = createHash("sha256");
  const visit = (relative: string): void => {
    const absolute = path.join(projectRoot, relative);
    if (!existsSync(absolute)) {
      return;
    }
    const info = statSync(absolute);
    if (info.isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        visit(path.join(relative, entry));
      }
      return;
    }
    hash.update(`${relative}\0${info.size}\0${info.mtimeMs}\n`);
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

/** Runs `next build` unless the last build was made from the same inputs. */
function ensureProductionBuild(): void {
  const fingerprintPath = path.join(projectRoot, distDir, FINGERPRINT_FILE);
  const fingerprint = fingerprintBuildInputs();
  const previous = existsSync(fingerprintPath) ? readFileSync(fingerprintPath, "utf8") : "";
  if (previous === fingerprint && existsSync(path.join(projectRoot, distDir, "BUILD_ID"))) {
    return;
  }
  console.log("Building the app (first start, or the sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) {
    console.error("The build failed; see above.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(fingerprintPath, fingerprint);
}

/**
 * NEXTAUTH_SECRET: required from the operator when DATABASE_URL is set; on the embedded default it
 * is generated once and kept under the data directory, so sessions survive restarts.
 */
async function resolveAuthSecret(isExternal: boolean): Promise<string | undefined> {
  if (process.env.NEXTAUTH_SECRET) {
    return process.env.NEXTAUTH_SECRET;
  }
  if (isExternal) {
    return undefined;
  }
  const dataDir = resolveDataDir(projectRoot);
  const secretPath = path.join(dataDir, "nextauth-secret");
  const existing = await readFile(secretPath, "utf8").catch(() => "");
  if (existing.trim()) {
    return existing.trim();
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(secretPath, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  // Configuration mistakes stop the launch here rather than the first registration.
  getRegistrationMode();
  if (!isDev) {
    ensureProductionBuild();
  }
  const database = await openDatabase(projectRoot);
  const closeDatabase = async (): Promise<void> => {
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => undefined);
    await database.close();
  };
  try {
    process.env.DATABASE_URL = database.url;
    const applied = await applyMigrations(database.url, projectRoot);
    if (applied.length > 0) {
      console.log(`Applied ${applied.length} migration(s).`);
    }
    const report = await seedDatabase({
      projectRoot,
      withDemoAccounts: database.kind !== "external" || process.env.SEED_DEMO_ACCOUNTS === "1",
    });
    for (const slug of report.importedArticles) {
      console.log(`Imported the seed article ${slug}.`);
    }
    if (report.createdAnnotations.length > 0) {
      console.log(`Created ${report.createdAnnotations.length} example annotation(s).`);
    }
    if (report.createdAccounts.length > 0) {
      console.log(`Created demo accounts: ${report.createdAccounts.join(", ")} (see README).`);
    }
    if (report.seededSources.length > 0) {
      console.log(`Seeded ${report.seededSources.length} demo source(s) in the library.`);
    }
    if (report.seededDisputes.length > 0) {
      console.log(
        `Worked ${report.seededDisputes.length} demo dispute(s): accounts, evidence, replies.`,
      );
    }
  } catch (error) {
    await closeDatabase();
    throw error;
  }

  const where =
    database.kind === "external"
      ? "the database at DATABASE_URL"
      : `the embedded database in ${path.relative(projectRoot, resolveDataDir(projectRoot)) || "."}`;
  console.log(`Serving Apparatus on ${where}.`);
  const secret = await resolveAuthSecret(database.kind === "external");
  if (!secret && !isDev) {
    await closeDatabase();
    throw new Error(
      "NEXTAUTH_SECRET is required with DATABASE_URL in production: set it to a long random string (e.g. `openssl rand -base64 32`).",
    );
  }
  const port = process.env.PORT ?? "3000";
  const child = spawn(
    process.execPath,
    [
      nextBin,
      isDev ? "dev" : "start",
      "--port",
      port,
      ...(process.env.HOSTNAME ? ["--hostname", process.env.HOSTNAME] : []),
    ],
    {
      cwd: projectRoot,
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        ...(secret ? { NEXTAUTH_SECRET: secret } : {}),
        NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      },
    },
  );
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => {
    void closeDatabase().finally(() => process.exit(code ?? (signal ? 0 : 1)));
  });
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
