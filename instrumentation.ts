/**
 * Next.js runs `register` once when the server starts, before it serves a request.
 *
 * It makes the server append each connection's address to X-Forwarded-For (Next.js itself only
 * fills the header in when a request has none) so that sign-in throttling cannot be dodged with a
 * forged header, and checks TRUSTED_PROXY_COUNT so that a bad value stops the launch. See
 * `lib/auth/client-ip.ts`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") {
    return;
  }
  const { installForwardedForAppender, readTrustedProxyCount } =
    await import("@/lib/auth/client-ip");
  readTrustedProxyCount();
  installForwardedForAppender();
}
