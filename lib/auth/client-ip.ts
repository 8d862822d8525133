import "server-only";

import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIPv4 } from "node:net";
import type { Socket } from "node:net";

import { z } from "zod";

/**
 * The client's address, for throttling and the audit trail.
 *
 * What Next.js 16 does (`next/dist/server/base-server.js`): `req.headers["x-forwarded-for"] ??=
 * socket.remoteAddress`. It sets the header only when the request has none and leaves a
 * client-supplied one untouched, so on its own every entry of `X-Forwarded-For` is whatever the
 * client wrote. {@link installForwardedForAppender} (run from `instrumentation.ts` when the server
 * starts) therefore appends the socket's address to every request's header, as a reverse proxy
 * does. The rightmost entry is then the peer that connected to us; with TRUSTED_PROXY_COUNT proxies
 * in front, each of which appends its own peer, the client is that many entries further left.
 * Entries left of that are the client's own words and are never used.
 */

/** Environment variable: how many reverse proxies that append to X-Forwarded-For sit in front. */
export const TRUSTED_PROXY_COUNT_VARIABLE = "TRUSTED_PROXY_COUNT";

/** An address entry longer than this is cut, so that a throttle key stays small. */
const MAX_ADDRESS_LENGTH = 64;

/** The value of TRUSTED_PROXY_COUNT: a small whole number; unset or blank means 0. */
const trustedProxyCountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,2}$/, `${TRUSTED_PROXY_COUNT_VARIABLE} must be a whole number from 0 to 99.`)
  .transform(Number);

/**
 * The number of trusted reverse proxies, from the environment.
 *
 * @throws Error with a readable message when the variable is set to something else than a number
 */
export function readTrustedProxyCount(
  env: Record<string, string | undefined> = process.env,
): number {
  const raw = env[TRUSTED_PROXY_COUNT_VARIABLE];
  if (raw === undefined || raw.trim() === "") {
    return 0;
  }
  const parsed = trustedProxyCountSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues[0]?.message ?? "Invalid TRUSTED_PROXY_COUNT.");
  }
  return parsed.data;
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is "10.0.0.1". */
function normaliseAddress(address: string): string {
  const trimmed = address.trim().slice(0, MAX_ADDRESS_LENGTH);
  const mapped = /^::ffff:(.+)$/i.exec(trimmed)?.[1];
  return mapped && isIPv4(mapped) ? mapped : trimmed;
}

/**
 * The client's address: the X-Forwarded-For entry `trustedProxyCount` places left of the rightmost
 * one (which our own server appended), or the leftmost entry when the header is shorter than that.
 * Entries further left are written by the client and ignored. "unknown" without the header.
 *
 * @param trustedProxyCount reverse proxies in front (default: TRUSTED_PROXY_COUNT, else 0)
 */
export function clientIpFromHeaders(
  headers: Record<string, unknown> | Headers | undefined,
  trustedProxyCount: number = readTrustedProxyCount(),
): string {
  const raw =
    headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  // Node joins repeated headers with ", "; an array (a raw header list) is joined the same way.
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const chosen = entries[Math.max(0, entries.length - 1 - trustedProxyCount)];
  return chosen ? normaliseAddress(chosen) : "unknown";
}

/**
 * The X-Forwarded-For value with the connecting peer appended ("unknown" when the socket has
 * already lost its address), as a reverse proxy's `$proxy_add_x_forwarded_for` does.
 */
export function appendPeerAddress(
  forwardedFor: string | string[] | undefined,
  remoteAddress: string | undefined,
): string {
  const previous = (Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor)?.trim();
  const peer = remoteAddress || "unknown";
  return previous ? `${previous}, ${peer}` : peer;
}

/** Marks the process once the appender is installed (development reloads run `register` again). */
const INSTALLED = Symbol.for("apparatus.forwardedForAppender");

/**
 * Makes this process's HTTP server append each request's socket address to its X-Forwarded-For
 * header before Next.js sees the request. Node publishes `http.server.request.start` synchronously
 * just before it emits the server's "request" event, so no request reaches a handler unmarked once
 * this has run. Idempotent.
 */
export function installForwardedForAppender(): void {
  const marked = globalThis as { [INSTALLED]?: boolean };
  if (marked[INSTALLED]) {
    return;
  }
  marked[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers["x-forwarded-for"] = appendPeerAddress(
      request.headers["x-forwarded-for"],
      socket.remoteAddress,
    );
  });
}
