/**
 * Recognises the errors that mean "the database cannot be reached right now" (server down,
 * restarting, refusing connections), as opposed to bugs or bad queries. Pages show a clear
 * "database unavailable" message for these; the pool reconnects by itself once the server is back.
 */

import { someInCauseChain } from "./error-cause-chain";

/** Driver-adapter error kinds that mean the server is unreachable or went away. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

/** Prisma error codes for the same (P1001 can't reach, P1002 timed out, P1017 closed …). */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1003", "P1008", "P1017", "P2024"]);

/** Node socket error codes, seen when `pg` itself fails before Prisma wraps the error. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** PostgreSQL SQLSTATEs: admin/crash shutdown, cannot connect now, connection failures. */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
]);

/** Messages from `pg` when a pooled connection dies or a connect attempt times out. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Client has encountered a connection error/i;

/** True when `error` (or anything in its cause chain) says the database is unreachable. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return someInCauseChain(error, isUnavailableLink);
}

/** True when this one link of a cause chain says the database is unreachable. */
function isUnavailableLink(link: object): boolean {
  const candidate = link as {
    code?: unknown;
    message?: unknown;
    kind?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const adapterCause = candidate.meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(adapterCause.kind)) {
    return true;
  }
  if (
    typeof adapterCause?.originalCode === "string" &&
    UNAVAILABLE_SQLSTATES.has(adapterCause.originalCode)
  ) {
    return true;
  }
  if (typeof candidate.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(candidate.kind)) {
    return true;
  }
  if (
    typeof candidate.code === "string" &&
    (UNAVAILABLE_PRISMA_CODES.has(candidate.code) ||
      UNAVAILABLE_SOCKET_CODES.has(candidate.code) ||
      UNAVAILABLE_SQLSTATES.has(candidate.code))
  ) {
    return true;
  }
  return typeof candidate.message === "string" && UNAVAILABLE_MESSAGE.test(candidate.message);
}
