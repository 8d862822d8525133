/**
 * Password hashing with argon2id (memory-hard; `@node-rs/argon2` ships prebuilt binaries as
 * ordinary npm packages, so nothing is downloaded at install time).
 *
 * Hashes written by the first version of the seed (scrypt, `scrypt$N$r$p$salt$hash`) still verify;
 * `needsRehash` tells the sign-in path to replace them with argon2id.
 */
import { scrypt, timingSafeEqual } from "node:crypto";

import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id parameters: 19 MiB memory, 2 passes, 1 lane — OWASP's recommended minimum, about 30 ms
 * here, so sign-in stays fast while an offline attack pays for memory on every guess.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password (NFC-normalised, so the same visible password always matches). */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), ARGON2_OPTIONS);
}

/** True when `password` matches `stored`; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const normalized = password.normalize("NFC");
  if (stored.startsWith("$argon2")) {
    try {
      return await verify(stored, normalized);
    } catch {
      return false;
    }
  }
  if (stored.startsWith("scrypt$")) {
    return verifyLegacyScrypt(normalized, stored);
  }
  return false;
}

/** True when `stored` should be replaced by a fresh argon2id hash after a successful sign-in. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith("$argon2id$");
}

function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, expectedHash] = stored.split("$");
  if (!n || !r || !p || !salt || !expectedHash) {
    return Promise.resolve(false);
  }
  const expected = Buffer.from(expectedHash, "base64url");
  const N = Number(n);
  const R = Number(r);
  return new Promise((resolve) => {
    scrypt(
      password,
      Buffer.from(salt, "base64url"),
      expected.length,
      { N, r: R, p: Number(p), maxmem: 256 * N * R },
      (error, key) =>
        resolve(!error && key.length === expected.length && timingSafeEqual(key, expected)),
    );
  });
}
