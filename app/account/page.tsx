import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import { ApiTokenList } from "@/components/account/api-token-list";
import { CreateTokenForm } from "@/components/account/create-token-form";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import styles from "@/components/auth/forms.module.css";
import { buildSignInPath } from "@/components/auth/paths";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { findProfile } from "@/lib/accounts/find-profile";
import { listApiTokens, type ApiTokenSummary } from "@/lib/accounts/list-api-tokens";
import type { Profile } from "@/lib/accounts/update-profile";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";

/** Title of the account page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Your account" };

/** This page's address, to come back to after signing in. */
const ACCOUNT_PATH = "/account";

/**
 * One's own account: profile (name, affiliation, ORCID iD), password, and personal API tokens.
 * Anonymous visitors are sent to sign in first.
 */
export default async function AccountPage() {
  await connection();
  let profile: Profile;
  let tokens: ApiTokenSummary[];
  try {
    const user = await getCurrentUser();
    if (!user) {
      redirect(buildSignInPath(ACCOUNT_PATH));
    }
    [profile, tokens] = await Promise.all([findProfile(user), listApiTokens(user)]);
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={ACCOUNT_PATH} />;
    }
    throw error;
  }

  return (
    <>
      <h1 className="page-title">Your account</h1>
      <p className="lede">
        Signed in as {profile.email}, with the {ROLE_LABELS[profile.role].toLowerCase()} role.
      </p>

      <section className={styles.panel} aria-labelledby="profile-title">
        <h2 id="profile-title" className={styles.panelTitle}>
          Profile
        </h2>
        <p className={styles.panelIntro}>
          How you appear to other scholars. Your e-mail address is shown only to administrators and
          to the moderators of your groups.
        </p>
        <ProfileForm profile={profile} />
      </section>

      <section className={styles.panel} aria-labelledby="password-title">
        <h2 id="password-title" className={styles.panelTitle}>
          Password
        </h2>
        <p className={styles.panelIntro}>
          Changing your password signs you out on every other device.
        </p>
        <PasswordForm email={profile.email} />
      </section>

      <section className={`${styles.panel} ${styles.panelWide}`} aria-labelledby="tokens-title">
        <h2 id="tokens-title" className={styles.panelTitle}>
          API tokens
        </h2>
        <p className={styles.panelIntro}>
          Personal tokens let scripts use the Apparatus API as you, with your role. Keep them
          secret; revoke any you no longer use.
        </p>
        <CreateTokenForm />
        <h3 className="visually-hidden">Your tokens</h3>
        <ApiTokenList tokens={tokens} now={new Date()} />
      </section>
    </>
  );
}
