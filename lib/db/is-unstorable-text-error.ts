/**
 * Recognises PostgreSQL refusing text it cannot store: the NUL character (U+0000), which neither
 * `text` (SQLSTATE 22021, "invalid byte sequence … 0x00") nor `jsonb` (22P05, "unsupported Unicode
 * escape sequence") accepts, and in `jsonb` half of a UTF-16 surrogate pair. Input is the cause,
 * so callers answer it as bad input (400), not as a server error, whichever field carried it.
 */

import { someInCauseChain } from "./error-cause-chain";

/** SQLSTATEs of text PostgreSQL cannot store. */
const UNSTORABLE_TEXT_SQLSTATES = new Set(["22021", "22P05"]);

/** The message for people: what is wrong and what to do. */
export const UNSTORABLE_TEXT_MESSAGE =
  "The text contains a character that cannot be stored (a NUL character, U+0000, or half of a surrogate pair); remove it and try again.";

/** True when `error` (or anything in its cause chain) is PostgreSQL refusing unstorable text. */
export function isUnstorableTextError(error: unknown): boolean {
  return someInCauseChain(error, isUnstorableTextLink);
}

/** True when this one link of a cause chain is PostgreSQL refusing unstorable text. */
function isUnstorableTextLink(link: object): boolean {
  const candidate = link as {
    code?: unknown;
    meta?: {
      driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } };
    };
  };
  const cause = candidate.meta?.driverAdapterError?.cause;
  const sqlState = cause?.originalCode;
  if (typeof sqlState === "string" && UNSTORABLE_TEXT_SQLSTATES.has(sqlState)) {
    return true;
  }
  // A lone surrogate in JSON: 22P02 "invalid input syntax for type json" (22P02 otherwise means
  // a malformed value, which validation stops long before the database).
  if (
    sqlState === "22P02" &&
    typeof cause?.originalMessage === "string" &&
    /type json/.test(cause.originalMessage)
  ) {
    return true;
  }
  return typeof candidate.code === "string" && UNSTORABLE_TEXT_SQLSTATES.has(candidate.code);
}
