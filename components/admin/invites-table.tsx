import styles from "@/components/auth/forms.module.css";
import { SingleActionForm } from "@/components/auth/single-action-form";
import { FormattedDate } from "@/components/ui/formatted-date";
import { revokeInviteAction } from "@/lib/accounts/actions";
import type { InviteSummary } from "@/lib/accounts/list-invites";
import { ROLE_LABELS } from "@/lib/auth/policy";

/** Props of {@link InvitesTable}. */
export interface InvitesTableProps {
  invites: InviteSummary[];
}

/** Words for each invite status. */
const STATUS_LABELS: Record<InviteSummary["status"], string> = {
  valid: "Pending",
  used: "Used",
  expired: "Expired",
  revoked: "Revoked",
};

/**
 * Invites, newest first: whom each is for, the role it gives, its status (pending, used, expired,
 * revoked), who made it and when it expires, and Revoke for pending ones. Links are never shown
 * again.
 */
export function InvitesTable({ invites }: InvitesTableProps) {
  if (invites.length === 0) {
    return <p className={styles.empty}>No invites yet.</p>;
  }
  return (
    <div
      className={styles.tableScroll}
      role="region"
      aria-labelledby="invites-caption"
      tabIndex={0}
    >
      <table className={styles.table}>
        <caption id="invites-caption">Invites, newest first</caption>
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {invites.map((invite) => (
            <tr key={invite.id}>
              <th scope="row">
                {invite.email ?? <span className={styles.muted}>Anyone with the link</span>}
                {invite.usedBy ? (
                  <span className={styles.subline}>
                    Used by {invite.usedBy.name} ({invite.usedBy.email})
                  </span>
                ) : null}
              </th>
              <td>{ROLE_LABELS[invite.role]}</td>
              <td>
                <div className={styles.inlineForm}>
                  <span
                    className={
                      invite.status === "valid"
                        ? `${styles.badge} ${styles.badgeStrong}`
                        : styles.badge
                    }
                  >
                    {STATUS_LABELS[invite.status]}
                  </span>
                  {invite.status === "valid" ? (
                    <SingleActionForm
                      action={revokeInviteAction}
                      fields={{ id: invite.id }}
                      label="Revoke"
                      accessibleLabel={`Revoke invite ${invite.email ? `for ${invite.email}` : "for anyone with the link"}`}
                      pendingLabel="Revoking…"
                      variant="danger"
                    />
                  ) : null}
                </div>
              </td>
              <td>
                <FormattedDate date={invite.createdAt} />
                <span className={styles.subline}>by {invite.createdBy.name}</span>
              </td>
              <td>
                <FormattedDate date={invite.expiresAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
