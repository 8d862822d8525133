import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import { CreateInviteForm } from "@/components/admin/create-invite-form";
import { InvitesTable } from "@/components/admin/invites-table";
import { SITE_ROLE_OPTIONS } from "@/components/admin/role-options";
import { UsersTable } from "@/components/admin/users-table";
import { AccessDenied } from "@/components/auth/access-denied";
import styles from "@/components/auth/forms.module.css";
import { buildSignInPath, readSearchParam } from "@/components/auth/paths";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { listInvites, type InviteSummary } from "@/lib/accounts/list-invites";
import { listUsers, type UserSummary } from "@/lib/admin/list-users";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";

/** Title of the administration page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Administration" };

/** This page's address. */
const ADMIN_USERS_PATH = "/admin/users";

/** Route props: Next 16 passes `searchParams` as a promise. */
interface AdminUsersPageProps {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}

/** A page number from the query string: a whole number from 1, else 1. */
function readPage(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The address of one page of the user list, keeping the search. */
function buildUsersHref(query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) {
    params.set("q", query);
  }
  if (page > 1) {
    params.set("page", String(page));
  }
  const search = params.toString();
  return search ? `${ADMIN_USERS_PATH}?${search}` : ADMIN_USERS_PATH;
}

/**
 * Administration: every account with its site role (changeable) and status (disable, enable), a
 * search by name or e-mail, and invites (create, list, revoke). Administrators only; anyone else
 * signed in gets a 403 notice, anonymous visitors are sent to sign in.
 */
export default async function AdminUsersPage({ searchParams }: AdminUsersPageProps) {
  await connection();
  const params = await searchParams;
  const query = (readSearchParam(params.q) ?? "").trim().slice(0, 200);
  const page = readPage(readSearchParam(params.page));
  let user: CurrentUser | null;
  let users: { users: UserSummary[]; page: number; pageSize: number; total: number } | null = null;
  let invites: InviteSummary[] = [];
  try {
    user = await getCurrentUser();
    if (!user) {
      redirect(buildSignInPath(buildUsersHref(query, page)));
    }
    if (can(user, "user.list")) {
      const [userPage, invitePage] = await Promise.all([
        listUsers(user, { query: query || undefined, page }),
        listInvites(user, {}),
      ]);
      users = userPage;
      invites = invitePage.invites;
    }
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={ADMIN_USERS_PATH} />;
    }
    throw error;
  }

  if (!users) {
    return (
      <AccessDenied title="Administration is for administrators">
        <p>
          You are signed in as {user.name}, whose role cannot manage accounts or invites. If you
          need something changed, ask an administrator.
        </p>
      </AccessDenied>
    );
  }

  const pageCount = Math.max(1, Math.ceil(users.total / users.pageSize));
  const caption = query
    ? `${users.total} ${users.total === 1 ? "account matches" : "accounts match"} “${query}”, by name`
    : `All ${users.total} ${users.total === 1 ? "account" : "accounts"}, by name`;

  return (
    <>
      <h1 className="page-title">Administration</h1>
      <p className="lede">
        Accounts and their roles, and invitations to join. Every change here is recorded in the
        audit log.
      </p>

      <section className={`${styles.panel} ${styles.panelWide}`} aria-labelledby="users-title">
        <h2 id="users-title" className={styles.panelTitle}>
          Users
        </h2>
        <p className={styles.panelIntro}>
          Changing someone’s role or disabling their account signs them out everywhere. You cannot
          change your own account here, and the last administrator cannot be demoted or disabled.
        </p>
        <form method="get" action={ADMIN_USERS_PATH} role="search" className={styles.fieldRow}>
          <div className={styles.field}>
            <label htmlFor="user-search" className={styles.label}>
              Search by name or e-mail
            </label>
            <input
              id="user-search"
              name="q"
              type="search"
              className={styles.input}
              defaultValue={query}
              maxLength={200}
              autoComplete="off"
            />
          </div>
          <div className={styles.actions}>
            <button type="submit" className={`${styles.button} ${styles.secondary}`}>
              Search
            </button>
            {query ? <Link href={ADMIN_USERS_PATH}>Show everyone</Link> : null}
          </div>
        </form>
        <div className={styles.form}>
          {users.users.length > 0 ? (
            <UsersTable users={users.users} currentUserId={user.id} caption={caption} />
          ) : (
            <p className={styles.empty}>No account matches “{query}”.</p>
          )}
          {pageCount > 1 ? (
            <nav aria-label="Pages of users" className={styles.actions}>
              {users.page > 1 ? (
                <Link href={buildUsersHref(query, users.page - 1)}>Previous page</Link>
              ) : null}
              <span className={styles.muted}>
                Page {users.page} of {pageCount}
              </span>
              {users.page < pageCount ? (
                <Link href={buildUsersHref(query, users.page + 1)}>Next page</Link>
              ) : null}
            </nav>
          ) : null}
        </div>
      </section>

      <section className={`${styles.panel} ${styles.panelWide}`} aria-labelledby="invites-title">
        <h2 id="invites-title" className={styles.panelTitle}>
          Invites
        </h2>
        <p className={styles.panelIntro}>
          An invite link registers one account with the role you choose; when registration is by
          invitation, it is the only way to join. Each link works once and expires.
        </p>
        <CreateInviteForm roleOptions={SITE_ROLE_OPTIONS} />
        <h3 className="visually-hidden">All invites</h3>
        <InvitesTable invites={invites} />
      </section>
    </>
  );
}
