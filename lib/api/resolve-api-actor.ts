import "server-only";

import { authenticateApiToken } from "@/lib/accounts/authenticate-api-token";
import { getCurrentUser } from "@/lib/auth/current-user";
import { clientIpFromHeaders } from "@/lib/auth/options";
import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

/** Methods that change state and therefore need the CSRF origin check under cookie auth. */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Who is calling the API: the owner of a personal API token (`Authorization: Bearer apx_…`), or the
 * signed-in user of the session cookie, or nobody. A bearer header that is present but not valid
 * (unknown, revoked or expired token, disabled account) is refused outright rather than treated as
 * anonymous, so scripts learn their token is bad.
 *
 * Cookie-authenticated state changes must come from our own origin (CSRF protection); bearer
 * tokens carry no ambient authority and are exempt.
 */
export async function resolveApiActor(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1]
      ? await authenticateApiToken(match[1], { ip: clientIpFromHeaders(request.headers) })
      : null;
    if (!actor) {
      throw new AppError("UNAUTHENTICATED", "The API token is invalid, expired or revoked.");
    }
    return actor;
  }
  if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
    assertSameOrigin(request);
  }
  return getCurrentUser();
}

/** Throws FORBIDDEN unless the request's Origin (or Referer) is this site. */
export function assertSameOrigin(request: Request): void {
  const claimed = request.headers.get("origin") ?? originOf(request.headers.get("referer"));
  const allowed = new Set<string>();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const protocol =
      request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${protocol}://${host}`);
  }
  const configured = originOf(process.env.NEXTAUTH_URL ?? null);
  if (configured) {
    allowed.add(configured);
  }
  if (!claimed || !allowed.has(claimed)) {
    throw new AppError(
      "FORBIDDEN",
      "Cross-site request refused: this request must come from the app itself.",
    );
  }
}

function originOf(url: string | null): string | null {
  if (!url) {
    return null;
  }
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
