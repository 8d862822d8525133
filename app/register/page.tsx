import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ZodError } from "zod";

import styles from "@/components/auth/forms.module.css";
import { buildSignInPath, readSearchParam, toSafeCallbackUrl } from "@/components/auth/paths";
import { RegisterForm } from "@/components/auth/register-form";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { FormattedDate } from "@/components/ui/formatted-date";
import noticeStyles from "@/components/ui/notice-page.module.css";
import { findInvite, type InviteLookup } from "@/lib/accounts/find-invite";
import { hasAnyAccount } from "@/lib/accounts/has-any-account";
import { getRegistrationMode } from "@/lib/accounts/registration-mode";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";
import { isAppError } from "@/lib/errors";

/** Title of the register page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Create an account" };

/** Route props: Next 16 passes `searchParams` as a promise. */
interface RegisterPageProps {
  searchParams: Promise<{ invite?: string | string[]; callbackUrl?: string | string[] }>;
}

/** Where a new account lands unless the visitor came from somewhere. */
const DEFAULT_AFTER_REGISTER = "/account";

/** What the page knows about the invite link it was opened with. */
type InviteState = { kind: "none" } | { kind: "unknown" } | { kind: "found"; invite: InviteLookup };

/** The invite behind `secret`; an unknown or malformed secret is "unknown", not an error. */
async function lookUpInvite(secret: string | undefined): Promise<InviteState> {
  if (!secret?.trim()) {
    return { kind: "none" };
  }
  try {
    return { kind: "found", invite: await findInvite(null, { secret }) };
  } catch (error) {
    if (error instanceof ZodError || (isAppError(error) && error.code === "NOT_FOUND")) {
      return { kind: "unknown" };
    }
    throw error;
  }
}

/** A box explaining why the form is not shown, with what to do instead. */
function RegisterNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={noticeStyles.notice} aria-labelledby="register-notice-title">
      <h2 id="register-notice-title" className={styles.panelTitle}>
        {title}
      </h2>
      <div className="prose">{children}</div>
    </section>
  );
}

/** "an annotator", "a reader": the role an invite gives, in a sentence. */
function describeRole(invite: InviteLookup): string {
  const role = ROLE_LABELS[invite.role].toLowerCase();
  return /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;
}

/**
 * Registration. What it shows depends on `REGISTRATION_MODE` and on the invite link, if any:
 * open → the form (an invite link adds its role); invite → the form only with a valid invite;
 * closed → an explanation. An invite link that is unknown, expired, used or revoked gets a clear
 * message. The form registers, signs in and goes to the account page (or `callbackUrl`).
 */
export default async function RegisterPage({ searchParams }: RegisterPageProps) {
  await connection();
  const params = await searchParams;
  const secret = readSearchParam(params.invite);
  const callbackUrl = toSafeCallbackUrl(params.callbackUrl) ?? DEFAULT_AFTER_REGISTER;
  const mode = getRegistrationMode();
  let user: CurrentUser | null;
  let inviteState: InviteState;
  let isSetUp: boolean;
  try {
    [user, inviteState, isSetUp] = await Promise.all([
      getCurrentUser(),
      lookUpInvite(secret),
      hasAnyAccount(),
    ]);
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref="/register" />;
    }
    throw error;
  }

  const signInLink = <Link href={buildSignInPath(callbackUrl)}>sign in</Link>;
  let content: ReactNode;
  if (user) {
    content = (
      <RegisterNotice title="You are already signed in">
        <p>
          You are signed in as {user.name}. To create another account, sign out first from the menu
          at the top of the page.
        </p>
        <p>
          <Link href="/account">Go to your account</Link>
        </p>
      </RegisterNotice>
    );
  } else if (mode === "closed" && isSetUp) {
    content = (
      <RegisterNotice title="Registration is closed">
        <p>
          This Apparatus site does not take new accounts. If you already have one, {signInLink}.
        </p>
      </RegisterNotice>
    );
  } else if (inviteState.kind === "unknown") {
    content = (
      <RegisterNotice title="This invite link is not valid">
        <p>
          No invite matches this link. Check that it was copied whole — invite links are long — or
          ask the administrator who sent it for a new one.
        </p>
        {mode === "open" ? (
          <p>
            You can also <Link href="/register">register without an invite</Link>.
          </p>
        ) : null}
      </RegisterNotice>
    );
  } else if (inviteState.kind === "found" && inviteState.invite.status !== "valid") {
    const { invite } = inviteState;
    const status = invite.status as Exclude<InviteLookup["status"], "valid">;
    const reasons: Record<Exclude<InviteLookup["status"], "valid">, ReactNode> = {
      expired: (
        <p>
          This invite expired on <FormattedDate date={invite.expiresAt} />. Ask the administrator
          who sent it for a new one.
        </p>
      ),
      used: (
        <p>
          This invite has already been used: each invite link works once. If you registered with it,{" "}
          {signInLink}.
        </p>
      ),
      revoked: <p>An administrator has withdrawn this invite. Ask them for a new one.</p>,
    };
    const titles = {
      expired: "This invite has expired",
      used: "This invite has been used",
      revoked: "This invite has been revoked",
    } as const;
    content = (
      <RegisterNotice title={titles[status]}>
        {reasons[status]}
        {mode === "open" ? (
          <p>
            You can also <Link href="/register">register without an invite</Link>.
          </p>
        ) : null}
      </RegisterNotice>
    );
  } else if (inviteState.kind === "none" && mode === "invite" && isSetUp) {
    content = (
      <RegisterNotice title="Registration is by invitation">
        <p>
          New accounts on this site need an invite link from an administrator. Open the link you
          were sent to register. If you already have an account, {signInLink}.
        </p>
      </RegisterNotice>
    );
  } else {
    const invite = inviteState.kind === "found" ? inviteState.invite : null;
    content = (
      <div className={styles.panel}>
        {isSetUp ? null : (
          <p className={styles.panelIntro} role="note">
            This site has no accounts yet. The first account becomes its administrator.
          </p>
        )}
        {invite ? (
          <p className={styles.panelIntro} role="note">
            You have been invited to join as {describeRole(invite)}. The invite expires on{" "}
            <FormattedDate date={invite.expiresAt} />.
          </p>
        ) : null}
        <RegisterForm
          callbackUrl={callbackUrl}
          inviteSecret={invite ? secret : undefined}
          invitedEmail={invite?.email ?? null}
        />
      </div>
    );
  }

  return (
    <div className={styles.authCard}>
      <h1 className="page-title">Create an account</h1>
      <p className="lede">
        An account lets you annotate passages, weigh sources and work with others in groups.
      </p>
      {content}
      {user ? null : (
        <p className={styles.alternative}>
          Already have an account? <Link href={buildSignInPath(callbackUrl)}>Sign in</Link>
        </p>
      )}
    </div>
  );
}
