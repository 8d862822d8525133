import "server-only";

import type { NextAuthOptions, User } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import GitHubModule from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";

import { prisma } from "@/lib/db";

import { clientIpFromHeaders } from "./client-ip";
import { decideOAuthLink, ORCID_NOT_LINKABLE_ERROR, selectVerifiedGitHubEmail } from "./oauth-link";
import { recordSecurityEvent } from "./record-security-event";
import { signInWithPassword } from "./sign-in";

export { clientIpFromHeaders } from "./client-ip";

/**
 * next-auth's providers are CommonJS modules: bundled by Next, the default import is the function;
 * loaded by Node (scripts, tests), it is the module object holding it as `default`.
 */
function interopDefault<T>(module: T): T {
  return (module as { default?: T }).default ?? module;
}

const CredentialsProvider = interopDefault(CredentialsModule);
const GitHubProvider = interopDefault(GitHubModule);

/** How long a session lasts without activity. */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * ORCID sign-in through a generic OAuth configuration (ORCID's OpenID endpoints). Switched on only
 * when ORCID_CLIENT_ID and ORCID_CLIENT_SECRET are set; ORCID_ISSUER selects the sandbox. Its
 * sign-ins are refused for now (see `oauth-link.ts`): nothing proves which account owns an iD.
 */
function orcidProvider(
  clientId: string,
  clientSecret: string,
): OAuthConfig<{ sub: string; name?: string }> {
  const issuer = process.env.ORCID_ISSUER ?? "https://orcid.org";
  return {
    id: "orcid",
    name: "ORCID",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId,
    clientSecret,
    profile: (profile) => ({ id: profile.sub, name: profile.name ?? profile.sub, email: null }),
  };
}

/** GitHub's API: the signed-in user, and all of their e-mail addresses with `verified` flags. */
const GITHUB_USER_URL = "https://api.github.com/user";
const GITHUB_EMAILS_URL = "https://api.github.com/user/emails";

/**
 * GitHub's userinfo step, replacing next-auth's, which falls back to the primary address without
 * checking that GitHub verified it. The profile's `email` becomes the verified address
 * `selectVerifiedGitHubEmail` picks, or null (and the sign-in is then refused).
 */
async function requestGitHubUserWithVerifiedEmail({
  client,
  tokens,
}: {
  client: { userinfo: (accessToken: string) => Promise<Record<string, unknown>> };
  tokens: { access_token?: string };
}): Promise<Record<string, unknown>> {
  const accessToken = tokens.access_token ?? "";
  const profile = await client.userinfo(accessToken);
  const response = await fetch(GITHUB_EMAILS_URL, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: "application/vnd.github+json",
      "User-Agent": "Apparatus",
    },
  });
  const emails: unknown = response.ok ? await response.json().catch(() => null) : null;
  return { ...profile, email: selectVerifiedGitHubEmail(emails) };
}

/** The optional OAuth providers, each switched on by its environment variables only. */
function oauthProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(
      GitHubProvider({
        clientId: process.env.GITHUB_ID,
        clientSecret: process.env.GITHUB_SECRET,
        userinfo: { url: GITHUB_USER_URL, request: requestGitHubUserWithVerifiedEmail },
      }),
    );
  }
  if (process.env.ORCID_CLIENT_ID && process.env.ORCID_CLIENT_SECRET) {
    providers.push(orcidProvider(process.env.ORCID_CLIENT_ID, process.env.ORCID_CLIENT_SECRET));
  }
  return providers;
}

/**
 * The OAuth providers the sign-in page offers: those switched on that can link to an account
 * (ORCID cannot yet, see `oauth-link.ts`).
 */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders()
    .filter((provider) => provider.id !== "orcid")
    .map((provider) => ({ id: provider.id, name: provider.name }));
}

/** Whether the operator switched ORCID sign-in on; the sign-in page then says why it is off. */
export function isOrcidSignInConfigured(): boolean {
  return oauthProviders().some((provider) => provider.id === "orcid");
}

/**
 * An OAuth sign-in links to an existing, enabled account, only by an identifier the provider
 * verified (`decideOAuthLink`). It never creates accounts, so registration modes stay in force.
 */
async function findAccountForOAuth(
  provider: string,
  user: User,
): Promise<{ id: string; sessionVersion: number } | null> {
  const decision = decideOAuthLink(provider, user);
  if (decision.kind === "refuse") {
    return null;
  }
  return prisma.user.findFirst({
    where: { email: decision.email, disabledAt: null },
    select: { id: true, sessionVersion: true },
  });
}

/**
 * next-auth configuration: e-mail and password (throttled, audited), optional GitHub and ORCID,
 * JWT sessions that carry the user id and a session version. Cookies are httpOnly and sameSite=lax,
 * and `secure` (with the `__Secure-` prefix) whenever NEXTAUTH_URL is https.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, request) {
        const result = await signInWithPassword(credentials, clientIpFromHeaders(request?.headers));
        if (!result.ok) {
          // next-auth hands this message to the sign-in form.
          throw new Error(result.message);
        }
        return { ...result.user, id: result.user.id };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.type === "credentials") {
        return true;
      }
      const decision = decideOAuthLink(account.provider, user);
      if (decision.kind === "refuse" && decision.reason === "orcid-unverified") {
        // A page-relative redirect: the sign-in page explains why and what to do instead.
        return `/sign-in?error=${ORCID_NOT_LINKABLE_ERROR}`;
      }
      return (await findAccountForOAuth(account.provider, user)) !== null;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        if (account.type === "credentials") {
          const signedIn = user as User & { sessionVersion: number };
          token.sub = signedIn.id;
          token.sessionVersion = signedIn.sessionVersion;
        } else {
          const linked = await findAccountForOAuth(account.provider, user);
          if (linked) {
            token.sub = linked.id;
            token.sessionVersion = linked.sessionVersion;
            await recordSecurityEvent({
              action: "auth.sign_in",
              actorId: linked.id,
              subjectType: "User",
              subjectId: linked.id,
              data: { provider: account.provider },
            });
          }
        }
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub ?? null, sessionVersion: token.sessionVersion ?? -1 };
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sub) {
        await recordSecurityEvent({
          action: "auth.sign_out",
          actorId: token.sub,
          subjectType: "User",
          subjectId: token.sub,
        });
      }
    },
  },
};
