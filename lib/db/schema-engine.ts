/**
 * Prisma's schema engine, compiled to WebAssembly, for migrations without the internet.
 *
 * Prisma's CLI downloads a native schema-engine binary for `migrate`, which this project's machines
 * cannot fetch. `@prisma/schema-engine-wasm` is the same engine as WebAssembly; it reaches the
 * database through a driver adapter (`@prisma/adapter-pg`). Used by `scripts/db-migrate*.ts`, the
 * server launcher and the tests. See ../shared/notes/prisma-offline.md for what it can and cannot
 * do (it cannot describe a live database, so drift is proven by comparing pg_dump output).
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

/** Where the project's schema and migrations live, relative to the project root. */
export const SCHEMA_PATH = "prisma/schema.prisma";
export const MIGRATIONS_DIR = "prisma/migrations";
/** Prisma's lock file, written by the first migration, naming the provider. */
export const MIGRATION_LOCK_FILE = "migration_lock.toml";
/**
 * The schema as it stood at the last migration; `db:migrate:create` diffs the current schema against
 * it. The WebAssembly engine cannot diff against a live database or a migrations folder.
 */
export const SCHEMA_SNAPSHOT_FILE = "schema.snapshot.prisma";

/**
 * Advisory-lock key held while migrations run, so that two servers starting at once apply them one
 * after the other (the second then finds nothing to do). Distinct from the key Prisma's engine may
 * take itself, so the two can never wait on each other.
 */
const MIGRATION_ADVISORY_LOCK_KEY = 7_246_120_331;

interface SchemaEngineModule {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  __wbindgen_start?: () => void;
  SchemaEngine: SchemaEngineStatic;
}

interface SchemaEngineStatic {
  new: (
    options: { datamodels: [string, string][] | undefined },
    logCallback: (message: string) => void,
    adapter: object,
  ) => Promise<SchemaEngineInstance>;
}

interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: "ok"; value: string } };
}

interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: MigrationDirectory[];
}

type DiffTarget =
  { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

const noFilters = { externalTables: [] as string[], externalEnums: [] as string[] };

interface SchemaEngineInstance {
  applyMigrations(input: {
    migrationsList: MigrationList;
    filters: typeof noFilters;
  }): Promise<{ appliedMigrationNames: string[] }>;
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: typeof noFilters;
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

let enginePromise: Promise<SchemaEngineModule> | undefined;

/** Loads and instantiates the WebAssembly module once per process. */
function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings =
      (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as SchemaEngineModule;
    const wasmBytes = await readFile(
      path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"),
    );
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": unrefEngineTimers(bindings as unknown as WebAssembly.ModuleImports),
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return bindings;
  })();
  return enginePromise;
}

/**
 * The engine arms a 10-second timer per call (a time-out it races against its work) and never
 * clears it, which kept every command and test process alive 10 s after its work was done. The
 * timers are unref'd so they no longer hold the process open; open sockets still do while work runs.
 */
function unrefEngineTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const wrapped: WebAssembly.ModuleImports = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof value === "function") {
      wrapped[name] = (...args: unknown[]) => {
        const timer = (value as (...args: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | null)?.unref?.();
        return timer;
      };
    }
  }
  return wrapped;
}

/** Runs `work` with a schema engine connected to `connectionString`, then frees it. */
async function withSchemaEngine<T>(
  connectionString: string,
  datamodel: { path: string; content: string } | null,
  work: (engine: SchemaEngineInstance) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineModule();
  // Our own pool, ended below: the engine holds a session-level advisory lock while it migrates,
  // and an idle pooled connection would keep that lock for the pool's idle timeout.
  const pool = new pg.Pool({ connectionString, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
    (message: string) => logs.push(message),
    adapter,
  );
  try {
    return await work(engine);
  } catch (error) {
    throw new Error(`Prisma schema engine failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    engine.free();
    await pool.end().catch(() => undefined);
  }
}

/** The engine throws plain objects or JSON strings; turn them into one readable line. */
function describeEngineError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === "string") {
    return error;
  }
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** Reads `prisma/migrations` in Prisma's layout, sorted by directory name. */
export async function readMigrationsList(projectRoot: string): Promise<MigrationList> {
  const baseDir = path.join(projectRoot, MIGRATIONS_DIR);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories: MigrationDirectory[] = [];
  for (const name of directories) {
    const sql = await readFile(path.join(baseDir, name, "migration.sql"), "utf8");
    migrationDirectories.push({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: sql } },
    });
  }
  const lockContent = await readFile(path.join(baseDir, MIGRATION_LOCK_FILE), "utf8").catch(
    () => null,
  );
  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/**
 * Applies every pending migration, recording each in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does. Holds a PostgreSQL advisory lock meanwhile, so concurrent callers
 * (two servers starting at once) serialise and the later one applies nothing.
 *
 * @returns the names of the migrations applied by this call
 */
export async function applyMigrations(
  connectionString: string,
  projectRoot: string,
): Promise<string[]> {
  const migrationsList = await readMigrationsList(projectRoot);
  const lockClient = new pg.Client({ connectionString });
  await lockClient.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_ADVISORY_LOCK_KEY]);
    const { appliedMigrationNames } = await withSchemaEngine(connectionString, null, (engine) =>
      engine.applyMigrations({ migrationsList, filters: noFilters }),
    );
    return appliedMigrationNames;
  } finally {
    await lockClient
      .query("SELECT pg_advisory_unlock($1)", [MIGRATION_ADVISORY_LOCK_KEY])
      .catch(() => undefined);
    await lockClient.end().catch(() => undefined);
  }
}

/**
 * The SQL that turns a database shaped by `fromSchema` (or an empty one, for `null`) into one
 * shaped by `toSchema`, as `prisma migrate diff --script` prints it. Needs a reachable database
 * even though it does not read it.
 */
export async function diffSchemas(
  connectionString: string,
  fromSchema: string | null,
  toSchema: string,
): Promise<string> {
  const from: DiffTarget =
    fromSchema === null
      ? { tag: "empty" }
      : { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: fromSchema }] };
  const to: DiffTarget = {
    tag: "schemaDatamodel",
    files: [{ path: SCHEMA_PATH, content: toSchema }],
  };
  const result = await withSchemaEngine(connectionString, null, (engine) =>
    engine.diff({ from, to, script: true, exitCode: null, filters: noFilters }),
  );
  return result.stdout ?? "";
}
