#!/usr/bin/env node
/**
 * `npm run lock:complete`: restores lock-file entries for other platforms' optional binaries.
 *
 * The registry mirror these machines use lacks some platform builds (e.g. `@next/swc-darwin-arm64`
 * at Next's version), so `npm install` leaves them out of package-lock.json and `npm ci` then
 * refuses the lock ("Missing: … from lock file"). This adds each missing optional dependency back
 * with its exact version and the os/cpu/libc that its name declares, as npm would have written it,
 * so `npm ci` skips it on Linux and fetches it on the platform it is for. Run it after changing
 * dependencies; it changes nothing when the lock is complete.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lockPath = path.join(root, "package-lock.json");
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const OS = [
  "darwin",
  "win32",
  "linux",
  "android",
  "freebsd",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const CPU = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "loong64",
  "ppc64",
  "riscv64",
  "s390x",
  "wasm32",
  "mips64el",
];

/** os, cpu and libc from a platform package's name, e.g. `…-linux-arm-musleabihf`. */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  if (!os || !cpu) {
    return null;
  }
  const libc = parts.some((part) => part.startsWith("musl"))
    ? ["musl"]
    : os === "linux" && parts.some((part) => part.startsWith("gnu"))
      ? ["glibc"]
      : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

/** Where npm would resolve `name` from the package at `parentKey` (walking up node_modules). */
function isResolvable(parentKey, name) {
  let base = parentKey;
  for (;;) {
    if (packages[`${base ? `${base}/` : ""}node_modules/${name}`]) {
      return true;
    }
    const index = base.lastIndexOf("/node_modules/");
    if (base === "") {
      return false;
    }
    base = index === -1 ? "" : base.slice(0, index);
  }
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (isResolvable(key, name)) {
      continue;
    }
    const platform = platformOf(name);
    const version = String(spec).replace(/^[\^~=]/, "");
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) {
      console.warn(
        `skipped ${name}@${spec} (needed by ${key || "the project"}): not a platform binary`,
      );
      continue;
    }
    packages[`node_modules/${name}`] = { version, ...platform, optional: true };
    added += 1;
  }
}

if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(
  added > 0
    ? `Added ${added} platform entries to package-lock.json.`
    : "package-lock.json is complete.",
);
