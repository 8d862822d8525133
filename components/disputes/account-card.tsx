"use client";

import { useId, useState } from "react";

import { AnnotationBodyView } from "@/components/annotations/annotation-body-view";
import { FormStatus } from "@/components/auth/form-controls";
import { FormattedDate } from "@/components/ui/formatted-date";
import { deleteAccountAction } from "@/lib/disputes/actions";
import type { AccountView } from "@/lib/disputes/claim-page-view";

import { AccountForm } from "./account-form";
import { useClaimPage } from "./claim-page-context";
import { canManage } from "./dispute-display";
import styles from "./disputes.module.css";
import { EvidenceForm } from "./evidence-form";
import { EvidenceList } from "./evidence-list";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link AccountCard}. */
export interface AccountCardProps {
  account: AccountView;
  /** May add evidence (annotators, while the thread is open). */
  canAddEvidence: boolean;
}

/**
 * One account of what happened, as a card of the accounts grid: its title, proponents and text,
 * how many replies support or oppose it, and its evidence grouped by relation; its author (and
 * moderators) may edit or withdraw it, annotators may add evidence.
 */
export function AccountCard({ account, canAddEvidence }: AccountCardProps) {
  const { claimId, articleSlug, viewer } = useClaimPage();
  const id = useId();
  const titleId = `${id}-title`;
  const [isEditing, setEditing] = useState(false);
  const { state, isPending, run } = useDisputeAction();
  const isManager = canManage(viewer, account.createdBy.id);

  function handleDelete() {
    if (!window.confirm(`Withdraw the account “${account.title}”? Its history is kept.`)) {
      return;
    }
    void run(() => deleteAccountAction({ id: account.id }));
  }

  return (
    <li className={styles.account} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.accountTitle}>
        {account.title}
      </h3>
      {isEditing ? (
        <AccountForm
          claimId={claimId}
          account={{
            id: account.id,
            version: account.version,
            title: account.title,
            body: account.body,
            proponents: account.proponents,
          }}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          {account.proponents ? (
            <p className={styles.meta}>
              <span>Held by {account.proponents}</span>
            </p>
          ) : null}
          <AnnotationBodyView
            body={account.body}
            fallbackText={account.bodyText}
            className={styles.accountBody}
          />
          <p className={styles.stanceCounts}>
            <span>
              {account.stanceCounts.supports}{" "}
              {account.stanceCounts.supports === 1 ? "reply supports" : "replies support"} it
            </span>
            <span>
              {account.stanceCounts.opposes}{" "}
              {account.stanceCounts.opposes === 1 ? "reply opposes" : "replies oppose"} it
            </span>
          </p>
          <p className={styles.meta}>
            <span>Added by {account.createdBy.name}</span>
            <span aria-hidden="true">·</span>
            <FormattedDate date={new Date(account.createdAt)} />
            {account.version > 1 ? <span>(edited)</span> : null}
            {isManager ? (
              <>
                <span aria-hidden="true">·</span>
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={() => setEditing(true)}
                >
                  Edit<span className="visually-hidden"> account “{account.title}”</span>
                </button>
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={handleDelete}
                  disabled={isPending}
                >
                  Withdraw<span className="visually-hidden"> account “{account.title}”</span>
                </button>
              </>
            ) : null}
          </p>
          {state?.status === "error" ? <FormStatus state={state} isInline /> : null}
        </>
      )}
      <section className={styles.section} aria-label={`Evidence for “${account.title}”`}>
        <EvidenceList
          evidence={account.evidence}
          articleSlug={articleSlug}
          viewer={viewer}
          emptyText="No evidence yet."
        />
        {canAddEvidence ? (
          <EvidenceForm accountId={account.id} targetName={`“${account.title}”`} />
        ) : null}
      </section>
    </li>
  );
}
