/**
 * Secrets handed out once (invite links, API tokens) and stored only as their sha256, so that a
 * copy of the database does not let anyone register or call the API.
 */
import { createHash, randomBytes } from "node:crypto";

/** Random bytes per secret: 256 bits, far beyond guessing. */
const SECRET_BYTES = 32;

/** A fresh random secret, base64url (43 characters, safe in URLs and headers). */
export function generateSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

/** The stored form of a secret: its sha256 in hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
