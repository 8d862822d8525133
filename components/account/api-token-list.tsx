import styles from "@/components/auth/forms.module.css";
import { SingleActionForm } from "@/components/auth/single-action-form";
import { FormattedDate } from "@/components/ui/formatted-date";
import { revokeApiTokenAction } from "@/lib/accounts/actions";
import type { ApiTokenSummary } from "@/lib/accounts/list-api-tokens";

/** Props of {@link ApiTokenList}. */
export interface ApiTokenListProps {
  tokens: ApiTokenSummary[];
  /** The moment the page was rendered, to tell expired tokens. */
  now: Date;
}

/** Whether a token still works. */
function describeTokenState(token: ApiTokenSummary, now: Date): "active" | "expired" | "revoked" {
  if (token.revokedAt) {
    return "revoked";
  }
  return token.expiresAt && token.expiresAt <= now ? "expired" : "active";
}

/**
 * The user's API tokens: name, recognisable prefix, when created, last used and expiring, and a
 * Revoke button for the ones that still work. Secrets are never shown here.
 */
export function ApiTokenList({ tokens, now }: ApiTokenListProps) {
  if (tokens.length === 0) {
    return <p className={styles.empty}>You have no API tokens.</p>;
  }
  return (
    <div
      className={styles.tableScroll}
      role="region"
      aria-labelledby="api-token-caption"
      tabIndex={0}
    >
      <table className={styles.table}>
        <caption id="api-token-caption">Your API tokens, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Token</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const state = describeTokenState(token, now);
            return (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>apx_{token.prefix}…</code>
                </td>
                <td>
                  <FormattedDate date={token.createdAt} />
                </td>
                <td>
                  {token.lastUsedAt ? (
                    <FormattedDate date={token.lastUsedAt} />
                  ) : (
                    <span className={styles.muted}>Never</span>
                  )}
                </td>
                <td>
                  {token.expiresAt ? (
                    <FormattedDate date={token.expiresAt} />
                  ) : (
                    <span className={styles.muted}>Never</span>
                  )}
                </td>
                <td>
                  {state === "active" ? (
                    <SingleActionForm
                      action={revokeApiTokenAction}
                      fields={{ id: token.id }}
                      label="Revoke"
                      accessibleLabel={`Revoke token “${token.name}”`}
                      pendingLabel="Revoking…"
                      variant="danger"
                      confirmMessage={`Revoke the token “${token.name}”? Scripts using it will stop working.`}
                    />
                  ) : (
                    <span className={styles.badge}>{state}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
