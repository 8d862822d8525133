import "server-only";

import type { NextAuthOptions, User } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import GitHubModule from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";

import { prisma } from "@/lib/db";

import { recordSecurityEvent } from "./record-security-event";
import { signInWithPassword } from "./sign-in";

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

/** The client IP as the proxy in front of us reports it, else "unknown". */
export function clientIpFromHeaders(
  headers: Record<string, unknown> | Headers | undefined,
): string {
  const read = (name: string): string | undefined => {
    if (!headers) {
      return undefined;
    }
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  };
  const forwarded = read("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || read("x-real-ip")?.trim() || "unknown";
}

/**
 * ORCID sign-in through a generic OAuth configuration (ORCID's OpenID endpoints). Switched on only
 * when ORCID_CLIENT_ID and ORCID_CLIENT_SECRET are set; ORCID_ISSUER selects the sandbox.
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

/** The optional OAuth providers, each switched on by its environment variables only. */
function oauthProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(
      GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }),
    );
  }
  if (process.env.ORCID_CLIENT_ID && process.env.ORCID_CLIENT_SECRET) {
    providers.push(orcidProvider(process.env.ORCID_CLIENT_ID, process.env.ORCID_CLIENT_SECRET));
  }
  return providers;
}

/** Names of the OAuth providers that are switched on, for the sign-in page. */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

/**
 * An OAuth sign-in links to an existing, enabled account: by verified e-mail for GitHub, by ORCID
 * iD for ORCID. It never creates accounts, so registration modes stay in force.
 */
async function findAccountForOAuth(
  provider: string,
  user: User,
): Promise<{ id: string; sessionVersion: number } | null> {
  const where =
    provider === "orcid"
      ? { orcid: user.id }
      : user.email
        ? { email: user.email.toLowerCase() }
        : null;
  if (!where) {
    return null;
  }
  const account = await prisma.user.findFirst({
    where: { ...where, disabledAt: null },
    select: { id: true, sessionVersion: true },
  });
  return account;
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
