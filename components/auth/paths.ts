/**
 * Addresses of the sign-in flow, shared by pages and forms. Pure functions, usable on the server
 * and in the browser.
 */

/** Where to go after signing in when no page asked for anything else. */
export const DEFAULT_CALLBACK_URL = "/";

/**
 * A `callbackUrl` query value made safe: a path on this site ("/groups?x=1"), or null. Absolute
 * URLs, protocol-relative `//host` and backslash tricks are refused, so a link cannot send someone
 * elsewhere after signing in (an open redirect).
 */
export function toSafeCallbackUrl(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || /[\\\s]/.test(raw)) {
    return null;
  }
  return raw;
}

/** The sign-in page, coming back to `path` afterwards. */
export function buildSignInPath(path: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}

/** The first value of a query parameter. */
export function readSearchParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
