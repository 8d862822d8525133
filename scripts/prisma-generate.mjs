#!/usr/bin/env node
/**
 * Runs `prisma generate` offline.
 *
 * Prisma's CLI wants a native schema-engine binary even for `generate`, which never calls it, and
 * downloads one from the internet when it is missing. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
 * existing executable skips the download. The variable is set only for this child process, so
 * `npx prisma …` elsewhere keeps Prisma's normal behaviour.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const result = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
