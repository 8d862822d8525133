import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import styles from "@/components/auth/forms.module.css";
import { buildSignInPath, readSearchParam } from "@/components/auth/paths";
import { CreateGroupForm } from "@/components/groups/create-group-form";
import { GROUP_ROLE_LABELS } from "@/components/groups/group-roles";
import groupStyles from "@/components/groups/groups.module.css";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";
import { listGroupsForUser, type GroupSummary } from "@/lib/groups/list-groups-for-user";

/** Title of the groups page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Groups" };

/** This page's address. */
const GROUPS_PATH = "/groups";

/** Route props: Next 16 passes `searchParams` as a promise. */
interface GroupsPageProps {
  searchParams: Promise<{ left?: string | string[] }>;
}

/**
 * The groups the signed-in user belongs to, and a form to found a new one for annotators and
 * above. Anonymous visitors are sent to sign in.
 */
export default async function GroupsPage({ searchParams }: GroupsPageProps) {
  await connection();
  const hasLeft = readSearchParam((await searchParams).left) === "1";
  let user: CurrentUser | null;
  let groups: GroupSummary[];
  try {
    user = await getCurrentUser();
    if (!user) {
      redirect(buildSignInPath(GROUPS_PATH));
    }
    groups = await listGroupsForUser(user);
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={GROUPS_PATH} />;
    }
    throw error;
  }
  const canCreate = can(user, "group.create");

  return (
    <>
      <h1 className="page-title">Groups</h1>
      <p className="lede">
        Private working spaces for a research team or a seminar: annotations shared with a group are
        seen by its members only.
      </p>
      {hasLeft ? (
        <p
          role="status"
          className={`${styles.status} ${styles.statusSuccess} ${groupStyles.notice}`}
        >
          You have left the group.
        </p>
      ) : null}

      <section aria-labelledby="my-groups-title" className={groupStyles.section}>
        <h2 id="my-groups-title" className={styles.panelTitle}>
          Your groups
        </h2>
        {groups.length === 0 ? (
          <p className={styles.empty}>
            You are not in any group yet.{" "}
            {canCreate
              ? "Found one below, or ask a group’s moderator to add you."
              : "Ask a group’s moderator to add you."}
          </p>
        ) : (
          <ul className={groupStyles.list}>
            {groups.map((group) => (
              <li key={group.id} className={groupStyles.item}>
                <h3 className={groupStyles.title}>
                  <Link href={`/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                </h3>
                {group.description ? (
                  <p className={groupStyles.description}>{group.description}</p>
                ) : null}
                <p className={groupStyles.meta}>
                  <span
                    className={
                      group.role === "MODERATOR"
                        ? `${styles.badge} ${styles.badgeStrong}`
                        : styles.badge
                    }
                  >
                    {GROUP_ROLE_LABELS[group.role]}
                  </span>
                  <span>
                    {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canCreate ? (
        <section className={styles.panel} aria-labelledby="new-group-title">
          <h2 id="new-group-title" className={styles.panelTitle}>
            New group
          </h2>
          <p className={styles.panelIntro}>
            You become the group’s moderator and can then add members by their e-mail address.
          </p>
          <CreateGroupForm />
        </section>
      ) : (
        <p className={styles.hint}>
          Founding a group needs the annotator role or above; an administrator can change your role.
        </p>
      )}
    </>
  );
}
