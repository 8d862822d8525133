import { AnnotationBodyView } from "@/components/annotations/annotation-body-view";
import {
  FLAG_GLYPHS,
  FLAG_LABELS,
  shortenQuote,
} from "@/components/annotations/annotation-display";
import { FormattedDate } from "@/components/ui/formatted-date";
import { isOpenDisputeStatus } from "@/lib/disputes/claim-lifecycle";
import type { ClaimPageView } from "@/lib/disputes/claim-page-view";
import { CLAIM_STATUS_LABELS } from "@/lib/disputes/labels";

import { AccountCard } from "./account-card";
import { NewAccountForm } from "./account-form";
import { ClaimPageProvider } from "./claim-page-context";
import { ClaimStatusBadge } from "./claim-status-badge";
import { ClaimTimeline } from "./claim-timeline";
import { ClaimTitle } from "./claim-title";
import { bodyText, type ClaimViewer } from "./dispute-display";
import styles from "./disputes.module.css";
import { ModeratorPanel } from "./moderator-panel";
import { ReplyComposer } from "./reply-composer";
import { ReplyItem } from "./reply-item";

/** Props of {@link ClaimPage}. */
export interface ClaimPageProps {
  view: ClaimPageView;
  viewer: ClaimViewer | null;
  /** The current revision's plain text (for passage evidence); "" when the viewer cannot add any. */
  plainText: string;
  /** The sign-in page, coming back here. */
  signInHref: string;
}

/** The name of a claim: its title, or its passage shortened. */
export function claimDisplayTitle(view: Pick<ClaimPageView, "claim" | "passage">): string {
  return view.claim.title || `“${shortenQuote(view.passage.exact, 120)}”`;
}

/**
 * The claim page: the claim's header (title, status, flag, lock), the passage in context with the
 * flagger's note, the competing accounts side by side with their evidence, the dispute thread,
 * the moderators' controls and the timeline. Forms appear only for those who may use them; the
 * server checks every change again.
 */
export function ClaimPage({ view, viewer, plainText, signInHref }: ClaimPageProps) {
  const { claim, article, passage, annotation, accounts, replies, timeline, permissions } = view;
  const articlePath = `/articles/${encodeURIComponent(article.slug)}`;
  const annotationLink = `${articlePath}#annotation-${annotation.id}`;
  const canEditTitle =
    viewer !== null &&
    (permissions.canChangeStatus || (viewer.id === annotation.author.id && !claim.isLocked));
  const repliesById = new Map(replies.map((reply) => [reply.id, reply]));
  const isResolved = !isOpenDisputeStatus(claim.status);

  return (
    <ClaimPageProvider
      value={{
        claimId: claim.id,
        articleSlug: article.slug,
        revisionId: article.revisionId,
        plainText,
        accounts: accounts.map(({ id, title }) => ({ id, title })),
        viewer,
      }}
    >
      <div className={styles.page}>
        <p className={styles.backLink}>
          <a href={annotationLink}>← Back to “{article.title}”</a>
        </p>

        <header className={styles.header}>
          <p className={styles.eyebrow}>Disputed claim</p>
          <ClaimTitle
            claimId={claim.id}
            version={claim.version}
            title={claim.title}
            fallbackTitle={claimDisplayTitle(view)}
            canEdit={canEditTitle}
          />
          <ul className={styles.badges} aria-label="Claim state">
            <li>
              <ClaimStatusBadge status={claim.status} />
            </li>
            {claim.flag ? (
              <li className={styles.plainBadge}>
                <span aria-hidden="true">{FLAG_GLYPHS[claim.flag]}</span>
                <span className="visually-hidden">Flag: </span>
                {FLAG_LABELS[claim.flag]}
              </li>
            ) : null}
            {claim.isLocked ? (
              <li className={styles.plainBadge}>
                <span aria-hidden="true">🔒</span>
                Thread locked
              </li>
            ) : null}
          </ul>
          {isResolved && claim.statusRationale ? (
            <blockquote className={styles.rationale}>
              <strong>
                {CLAIM_STATUS_LABELS[claim.status]}
                {claim.statusChangedBy ? ` by ${claim.statusChangedBy.name}` : ""}
                {claim.statusChangedAt ? (
                  <>
                    {" on "}
                    <FormattedDate date={new Date(claim.statusChangedAt)} />
                  </>
                ) : null}
                :
              </strong>
              <p>{claim.statusRationale}</p>
            </blockquote>
          ) : null}
          {!viewer ? (
            <p className={styles.notice}>
              <a href={signInHref}>Sign in to take part</a> in this dispute.
            </p>
          ) : null}
        </header>

        <section className={styles.section} aria-labelledby="claim-passage">
          <h2 id="claim-passage" className={styles.sectionTitle}>
            The passage
          </h2>
          {passage.isOrphaned ? (
            <p className={styles.notice}>
              This passage is no longer in the current revision of the article; it is quoted as it
              was flagged.
            </p>
          ) : null}
          <blockquote className={styles.passage}>
            {passage.before ? <span className={styles.context}>{passage.before}</span> : null}
            <mark className={styles.passageMark}>{passage.exact}</mark>
            {passage.after ? <span className={styles.context}>{passage.after}</span> : null}
          </blockquote>
          <p className={styles.passageLinks}>
            <a href={annotationLink}>Show the passage in the article</a>
            {passage.sectionAnchor && passage.sectionTitle ? (
              <a href={`${articlePath}#${encodeURIComponent(passage.sectionAnchor)}`}>
                Section: {passage.sectionTitle}
              </a>
            ) : null}
            <span>Revision {article.revisionNumber}</span>
          </p>
          <div className={styles.flagNote}>
            <p className={styles.meta}>
              <span>Flagged by {annotation.author.name}</span>
              <span aria-hidden="true">·</span>
              <FormattedDate date={new Date(annotation.createdAt)} />
            </p>
            <AnnotationBodyView
              body={annotation.body}
              fallbackText={bodyText(annotation.body)}
              className={styles.note}
            />
          </div>
        </section>

        <section className={styles.section} aria-labelledby="claim-accounts">
          <h2 id="claim-accounts" className={styles.sectionTitle}>
            Accounts
          </h2>
          <p className={styles.sectionIntro}>
            Competing versions of what happened, each with its proponents and its evidence.
          </p>
          {accounts.length > 0 ? (
            <ul className={styles.accounts}>
              {accounts.map((account) => (
                <AccountCard
                  key={account.id}
                  account={account}
                  canAddEvidence={permissions.canAddEvidence}
                />
              ))}
            </ul>
          ) : (
            <p className={styles.stub}>No account has been written yet.</p>
          )}
          {permissions.canAddAccount ? <NewAccountForm claimId={claim.id} /> : null}
        </section>

        <section className={styles.section} aria-labelledby="claim-thread">
          <h2 id="claim-thread" className={styles.sectionTitle}>
            Discussion
          </h2>
          {claim.isLocked ? (
            <p className={styles.notice}>
              A moderator locked this thread: it takes no new replies for now.
            </p>
          ) : null}
          {replies.length > 0 ? (
            <ol className={styles.thread}>
              {replies.map((reply) => (
                <ReplyItem
                  key={reply.id}
                  reply={reply}
                  inReplyToName={
                    reply.inReplyToId
                      ? (repliesById.get(reply.inReplyToId)?.author.name ?? null)
                      : null
                  }
                  canReply={permissions.canReply}
                  canHide={permissions.canHide}
                  canAddEvidence={permissions.canAddEvidence}
                />
              ))}
            </ol>
          ) : (
            <p className={styles.stub}>No replies yet.</p>
          )}
          {permissions.canReply ? <ReplyComposer /> : null}
        </section>

        {permissions.canChangeStatus || permissions.canLock ? (
          <section className={styles.section} aria-labelledby="claim-moderation">
            <h2 id="claim-moderation" className={styles.sectionTitle}>
              Moderation
            </h2>
            <ModeratorPanel
              claimId={claim.id}
              status={claim.status}
              version={claim.version}
              isLocked={claim.isLocked}
              canChangeStatus={permissions.canChangeStatus}
              canLock={permissions.canLock}
            />
          </section>
        ) : null}

        <section className={styles.section} aria-labelledby="claim-timeline">
          <h2 id="claim-timeline" className={styles.sectionTitle}>
            Timeline
          </h2>
          <ClaimTimeline entries={timeline} />
        </section>
      </div>
    </ClaimPageProvider>
  );
}
