import styles from "@/components/auth/forms.module.css";
import { RoleSelectForm } from "@/components/auth/role-select-form";
import { SingleActionForm } from "@/components/auth/single-action-form";
import { FormattedDate } from "@/components/ui/formatted-date";
import { removeGroupMemberAction, setGroupMemberRoleAction } from "@/lib/groups/actions";
import type { GroupMember } from "@/lib/groups/find-group";

import { GROUP_ROLE_LABELS, GROUP_ROLE_OPTIONS } from "./group-roles";

/** Props of {@link GroupMembersTable}. */
export interface GroupMembersTableProps {
  groupId: string;
  members: GroupMember[];
  /** Shows the role selects and Remove buttons (the group's moderators, site admins). */
  canManage: boolean;
  /** The viewer, whose own row offers no Remove (they use Leave). */
  currentUserId: string;
}

/**
 * A group's members, moderators first: name (and e-mail, for those who manage the group), role in
 * the group, and when they joined. Managers can change roles and remove members.
 */
export function GroupMembersTable({
  groupId,
  members,
  canManage,
  currentUserId,
}: GroupMembersTableProps) {
  // The last moderator cannot step down (a group keeps one): offer no control that would be refused.
  const moderatorCount = members.filter((member) => member.role === "MODERATOR").length;
  return (
    <div
      className={styles.tableScroll}
      role="region"
      aria-labelledby="members-caption"
      tabIndex={0}
    >
      <table className={styles.table}>
        <caption id="members-caption">
          {members.length} {members.length === 1 ? "member" : "members"}, moderators first
        </caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Group role</th>
            <th scope="col">Joined</th>
            {canManage ? <th scope="col">Membership</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const isSelf = member.userId === currentUserId;
            return (
              <tr key={member.userId}>
                <th scope="row">
                  {member.name}
                  {isSelf ? <span className={styles.muted}> (you)</span> : null}
                  {member.email ? <span className={styles.subline}>{member.email}</span> : null}
                </th>
                <td>
                  {canManage && !(member.role === "MODERATOR" && moderatorCount === 1) ? (
                    <RoleSelectForm
                      action={setGroupMemberRoleAction}
                      fields={{ groupId, userId: member.userId }}
                      label={`Group role of ${member.name}`}
                      options={GROUP_ROLE_OPTIONS}
                      currentValue={member.role}
                      buttonLabel={`Change group role of ${member.name}`}
                    />
                  ) : (
                    <span
                      className={
                        member.role === "MODERATOR"
                          ? `${styles.badge} ${styles.badgeStrong}`
                          : styles.badge
                      }
                    >
                      {GROUP_ROLE_LABELS[member.role]}
                    </span>
                  )}
                </td>
                <td>
                  <FormattedDate date={member.joinedAt} />
                </td>
                {canManage ? (
                  <td>
                    {isSelf ? (
                      <span className={styles.muted}>—</span>
                    ) : (
                      <SingleActionForm
                        action={removeGroupMemberAction}
                        fields={{ groupId, userId: member.userId }}
                        label="Remove"
                        accessibleLabel={`Remove ${member.name} from the group`}
                        pendingLabel="Removing…"
                        variant="danger"
                        confirmMessage={`Remove ${member.name} from the group?`}
                      />
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
