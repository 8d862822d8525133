import styles from "@/components/auth/forms.module.css";
import { RoleSelectForm } from "@/components/auth/role-select-form";
import { SingleActionForm } from "@/components/auth/single-action-form";
import { FormattedDate } from "@/components/ui/formatted-date";
import { disableUserAction, enableUserAction, setUserRoleAction } from "@/lib/admin/actions";
import type { UserSummary } from "@/lib/admin/list-users";
import { ROLE_LABELS } from "@/lib/auth/policy";

import { SITE_ROLE_OPTIONS } from "./role-options";

/** Props of {@link UsersTable}. */
export interface UsersTableProps {
  users: UserSummary[];
  /** The administrator looking: their own row has no controls (the use cases refuse anyway). */
  currentUserId: string;
  /** The table's caption ("All 12 accounts, by name"). */
  caption: string;
}

/**
 * Accounts for administrators: name, e-mail and affiliation; the site role with a select to change
 * it; whether the account is enabled, with Disable or Enable; and when it was created.
 */
export function UsersTable({ users, currentUserId, caption }: UsersTableProps) {
  return (
    <div className={styles.tableScroll} role="region" aria-labelledby="users-caption" tabIndex={0}>
      <table className={styles.table}>
        <caption id="users-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <tr key={user.id}>
                <th scope="row">
                  {user.name}
                  {isSelf ? <span className={styles.muted}> (you)</span> : null}
                  <span className={styles.subline}>{user.email}</span>
                  {user.affiliation ? (
                    <span className={styles.subline}>{user.affiliation}</span>
                  ) : null}
                </th>
                <td>
                  {isSelf ? (
                    <span className={`${styles.badge} ${styles.badgeStrong}`}>
                      {ROLE_LABELS[user.role]}
                    </span>
                  ) : (
                    <RoleSelectForm
                      action={setUserRoleAction}
                      fields={{ userId: user.id }}
                      label={`Role of ${user.name}`}
                      options={SITE_ROLE_OPTIONS}
                      currentValue={user.role}
                      buttonLabel={`Change role of ${user.name}`}
                    />
                  )}
                </td>
                <td>
                  <div className={styles.inlineForm}>
                    <span
                      className={
                        user.disabledAt ? `${styles.badge} ${styles.badgeStrong}` : styles.badge
                      }
                    >
                      {user.disabledAt ? "Disabled" : "Active"}
                    </span>
                    {isSelf ? null : user.disabledAt ? (
                      <SingleActionForm
                        action={enableUserAction}
                        fields={{ userId: user.id }}
                        label="Enable"
                        accessibleLabel={`Enable ${user.name}`}
                        pendingLabel="Enabling…"
                      />
                    ) : (
                      <SingleActionForm
                        action={disableUserAction}
                        fields={{ userId: user.id }}
                        label="Disable"
                        accessibleLabel={`Disable ${user.name}`}
                        pendingLabel="Disabling…"
                        variant="danger"
                        confirmMessage={`Disable ${user.name}’s account? They will be signed out and unable to sign in until it is enabled again.`}
                      />
                    )}
                  </div>
                </td>
                <td>
                  <FormattedDate date={user.createdAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
