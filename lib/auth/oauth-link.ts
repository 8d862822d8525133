import "server-only";

import { z } from "zod";

/**
 * Which Apparatus account an OAuth sign-in may land in. A sign-in only ever links to an existing
 * account, and only by an identifier the provider itself vouches for.
 *
 * - GitHub: by an e-mail address GitHub reports as verified (next-auth's GitHub provider takes the
 *   primary address without looking at `verified`, so `options.ts` fetches the addresses itself and
 *   keeps only {@link selectVerifiedGitHubEmail}'s choice).
 * - ORCID: never, for now. The only ORCID iD an account has is the one its owner typed into
 *   account settings (not unique, not checked against ORCID), and the project keeps no record of
 *   OAuth sign-ins (no next-auth Account table) that could prove a link. Linking by the typed iD
 *   would let anyone claim a colleague's iD and receive their ORCID sign-in.
 */

/** Why an OAuth sign-in is refused before any account is looked up. */
export type OAuthRefusal = "orcid-unverified" | "no-verified-email" | "unknown-provider";

/** The outcome of {@link decideOAuthLink}: look an account up by e-mail, or refuse. */
export type OAuthLinkDecision =
  { kind: "email"; email: string } | { kind: "refuse"; reason: OAuthRefusal };

/** Error code (`/sign-in?error=`) for an ORCID sign-in, which cannot be linked yet. */
export const ORCID_NOT_LINKABLE_ERROR = "OrcidNotLinkable";

/** One entry of GitHub's `GET /user/emails`. */
const gitHubEmailSchema = z.object({
  /** The address as GitHub stores it. */
  email: z.string(),
  /** Whether it is the account's primary address. */
  primary: z.boolean(),
  /** Whether GitHub has confirmed that the account controls it. */
  verified: z.boolean(),
});

/** GitHub's answer to `GET /user/emails`. */
const gitHubEmailsSchema = z.array(gitHubEmailSchema);

/**
 * The address to link a GitHub sign-in by: the primary address if GitHub verified it, else the first
 * verified one; null when GitHub verified none or the answer is not what its API documents.
 *
 * @param emails the parsed JSON of `GET https://api.github.com/user/emails`
 */
export function selectVerifiedGitHubEmail(emails: unknown): string | null {
  const parsed = gitHubEmailsSchema.safeParse(emails);
  if (!parsed.success) {
    return null;
  }
  const verified = parsed.data.filter((entry) => entry.verified && entry.email.trim() !== "");
  const chosen = verified.find((entry) => entry.primary) ?? verified[0];
  return chosen ? chosen.email.trim().toLowerCase() : null;
}

/**
 * Decides how an OAuth sign-in may find its account.
 *
 * @param provider next-auth's provider id ("github", "orcid")
 * @param user the user next-auth built from the provider's profile; for GitHub its `email` is the
 *   verified address our userinfo request chose, or null
 */
export function decideOAuthLink(
  provider: string,
  user: { email?: string | null },
): OAuthLinkDecision {
  switch (provider) {
    case "github": {
      const email = user.email?.trim().toLowerCase();
      return email ? { kind: "email", email } : { kind: "refuse", reason: "no-verified-email" };
    }
    case "orcid":
      return { kind: "refuse", reason: "orcid-unverified" };
    default:
      return { kind: "refuse", reason: "unknown-provider" };
  }
}
