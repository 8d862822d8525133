import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { ZodError } from "zod";

import styles from "@/components/auth/forms.module.css";
import { buildSignInPath } from "@/components/auth/paths";
import { SingleActionForm } from "@/components/auth/single-action-form";
import { AddMemberForm } from "@/components/groups/add-member-form";
import { GroupMembersTable } from "@/components/groups/group-members-table";
import { GROUP_ROLE_LABELS } from "@/components/groups/group-roles";
import groupStyles from "@/components/groups/groups.module.css";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { isDatabaseUnavailableError } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { leaveGroupAction } from "@/lib/groups/actions";
import { findGroup, type GroupDetails } from "@/lib/groups/find-group";

/** Route props: Next 16 passes `params` as a promise. */
interface GroupPageProps {
  params: Promise<{ groupId: string }>;
}

/** What the page shows: the group, nothing (sign in first) or "no such group". */
type LoadedGroup =
  | { kind: "group"; user: CurrentUser; group: GroupDetails }
  | { kind: "anonymous" }
  | { kind: "missing" };

/**
 * The group for this request and viewer, shared by the metadata and the page. A group the viewer
 * may not see is "missing", exactly like one that does not exist (and so is a malformed id).
 */
const loadGroup = cache(async (groupId: string): Promise<LoadedGroup> => {
  const user = await getCurrentUser();
  if (!user) {
    return { kind: "anonymous" };
  }
  try {
    return { kind: "group", user, group: await findGroup(user, { groupId }) };
  } catch (error) {
    if (error instanceof ZodError || (isAppError(error) && error.code === "NOT_FOUND")) {
      return { kind: "missing" };
    }
    throw error;
  }
});

/** The page title: the group's name, for its members. */
export async function generateMetadata({ params }: GroupPageProps): Promise<Metadata> {
  await connection();
  const { groupId } = await params;
  try {
    const loaded = await loadGroup(groupId);
    return { title: loaded.kind === "group" ? loaded.group.name : "Group" };
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return { title: "Database unavailable" };
    }
    throw error;
  }
}

/**
 * One group: its description, its members with their group roles, and for the group's moderators
 * (and site admins) the controls to add members by e-mail, change roles and remove members. Every
 * member can leave. Non-members get the 404 page, as if the group did not exist.
 */
export default async function GroupPage({ params }: GroupPageProps) {
  await connection();
  const { groupId } = await params;
  const path = `/groups/${encodeURIComponent(groupId)}`;
  let loaded: LoadedGroup;
  try {
    loaded = await loadGroup(groupId);
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={path} />;
    }
    throw error;
  }
  if (loaded.kind === "anonymous") {
    redirect(buildSignInPath(path));
  }
  if (loaded.kind === "missing") {
    notFound();
  }
  const { user, group } = loaded;

  return (
    <>
      <p className={groupStyles.back}>
        <Link href="/groups">← All your groups</Link>
      </p>
      <h1 className="page-title">{group.name}</h1>
      {group.description ? <p className="lede">{group.description}</p> : null}
      <p className={`${groupStyles.meta} ${groupStyles.myRole}`}>
        {group.myRole ? (
          <>
            Your role in this group:{" "}
            <span
              className={
                group.myRole === "MODERATOR"
                  ? `${styles.badge} ${styles.badgeStrong}`
                  : styles.badge
              }
            >
              {GROUP_ROLE_LABELS[group.myRole]}
            </span>
          </>
        ) : (
          "You are not a member; you see this group as a site administrator."
        )}
      </p>

      <section aria-labelledby="members-title" className={groupStyles.section}>
        <h2 id="members-title" className={styles.panelTitle}>
          Members
        </h2>
        <GroupMembersTable
          groupId={group.id}
          members={group.members}
          canManage={group.canManage}
          currentUserId={user.id}
        />
      </section>

      {group.canManage ? (
        <section className={styles.panel} aria-labelledby="add-member-title">
          <h2 id="add-member-title" className={styles.panelTitle}>
            Add a member
          </h2>
          <p className={styles.panelIntro}>
            Members see what is shared with the group; moderators also manage its members. A group
            always keeps at least one moderator.
          </p>
          <AddMemberForm groupId={group.id} />
        </section>
      ) : null}

      {group.myRole ? (
        <section className={styles.panel} aria-labelledby="leave-title">
          <h2 id="leave-title" className={styles.panelTitle}>
            Leave the group
          </h2>
          <p className={styles.panelIntro}>
            You will no longer see what is shared with the group. A moderator can add you again.
          </p>
          <SingleActionForm
            action={leaveGroupAction}
            fields={{ groupId: group.id }}
            label="Leave group"
            pendingLabel="Leaving…"
            variant="danger"
            confirmMessage={`Leave “${group.name}”?`}
          />
        </section>
      ) : null}
    </>
  );
}
