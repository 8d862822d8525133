import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import styles from "@/components/auth/forms.module.css";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { DEFAULT_CALLBACK_URL, readSearchParam, toSafeCallbackUrl } from "@/components/auth/paths";
import { SignInForm } from "@/components/auth/sign-in-form";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { getRegistrationMode } from "@/lib/accounts/registration-mode";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ORCID_NOT_LINKABLE_ERROR } from "@/lib/auth/oauth-link";
import { enabledOAuthProviders, isOrcidSignInConfigured } from "@/lib/auth/options";
import { isDatabaseUnavailableError } from "@/lib/db";

/** Title of the sign-in page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Sign in" };

/** Route props: Next 16 passes `searchParams` as a promise. */
interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}

/**
 * Why there is no ORCID button: an ORCID iD in account settings is typed by the account's owner, so
 * it cannot decide whose account an ORCID sign-in opens.
 */
const ORCID_PAUSED_MESSAGE =
  "ORCID sign-in is not available yet: an ORCID iD entered in account settings does not prove who owns it. Sign in with your e-mail and password; your ORCID iD stays on your profile.";

/**
 * Messages for the error codes next-auth puts in `?error=` when an OAuth sign-in fails. Only known
 * codes are shown; the query string never puts its own words on the page.
 */
const OAUTH_ERROR_MESSAGES: Record<string, string> = {
  AccessDenied:
    "No Apparatus account is linked to that sign-in. Sign in with your e-mail and password, or ask an administrator.",
  OAuthSignin: "The sign-in provider could not be reached. Please try again.",
  OAuthCallback: "The sign-in provider did not confirm who you are. Please try again.",
  OAuthAccountNotLinked: "That sign-in is not linked to an Apparatus account.",
  SessionRequired: "Please sign in to see that page.",
  [ORCID_NOT_LINKABLE_ERROR]: ORCID_PAUSED_MESSAGE,
};

/** Said for any other error code. */
const GENERIC_ERROR_MESSAGE = "Signing in did not work. Please try again.";

/**
 * The sign-in page: e-mail and password, the OAuth providers the operator switched on, and a link
 * to register unless registration is closed. Someone already signed in goes straight on to
 * `callbackUrl`.
 */
export default async function SignInPage({ searchParams }: SignInPageProps) {
  await connection();
  const params = await searchParams;
  const callbackUrl = toSafeCallbackUrl(params.callbackUrl) ?? DEFAULT_CALLBACK_URL;
  try {
    if (await getCurrentUser()) {
      redirect(callbackUrl);
    }
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref="/sign-in" />;
    }
    throw error;
  }
  const errorCode = readSearchParam(params.error);
  const initialError = errorCode
    ? (OAUTH_ERROR_MESSAGES[errorCode] ?? GENERIC_ERROR_MESSAGE)
    : undefined;
  const mode = getRegistrationMode();
  const registerHref =
    callbackUrl === DEFAULT_CALLBACK_URL
      ? "/register"
      : `/register?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <div className={styles.authCard}>
      <h1 className="page-title">Sign in</h1>
      <p className="lede">Sign in to annotate, join your groups and take part in disputes.</p>
      <div className={styles.panel}>
        <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
        <OAuthButtons providers={enabledOAuthProviders()} callbackUrl={callbackUrl} />
        {isOrcidSignInConfigured() && errorCode !== ORCID_NOT_LINKABLE_ERROR ? (
          <p className={styles.alternative}>{ORCID_PAUSED_MESSAGE}</p>
        ) : null}
      </div>
      {mode === "open" ? (
        <p className={styles.alternative}>
          New to Apparatus? <Link href={registerHref}>Create an account</Link>
        </p>
      ) : null}
      {mode === "invite" ? (
        <p className={styles.alternative}>
          New to Apparatus? Accounts are by invitation: open the invite link an administrator sent
          you, or <Link href="/register">read how to join</Link>.
        </p>
      ) : null}
    </div>
  );
}
