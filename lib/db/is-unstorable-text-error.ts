/**
 * Recognises PostgreSQL refusing text it cannot store: the NUL character (U+0000), which neither
 * `text` (SQLSTATE 22021, "invalid byte sequence … 0x00") nor `jsonb` (22P05, "unsupported Unicode
 * escape sequence") accepts. Input is the cause, so callers answer it as bad input (400), not as
 * a server error, whichever field carried it.
 */

/** SQLSTATEs of text PostgreSQL cannot store. */
const UNSTORABLE_TEXT_SQLSTATES = new Set(["22021", "22P05"]);

/** The message for people: what is wrong and what to do. */
export const UNSTORABLE_TEXT_MESSAGE =
  "The text contains a NUL character (U+0000), which cannot be stored; remove it and try again.";

/** True when `error` (or anything in its cause chain) is PostgreSQL refusing unstorable text. */
export function isUnstorableTextError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as {
      code?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    const sqlState = candidate.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof sqlState === "string" && UNSTORABLE_TEXT_SQLSTATES.has(sqlState)) {
      return true;
    }
    if (typeof candidate.code === "string" && UNSTORABLE_TEXT_SQLSTATES.has(candidate.code)) {
      return true;
    }
    current = candidate.cause;
  }
  return false;
}
