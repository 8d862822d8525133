"use client";

import { useId, useState, type FormEvent } from "react";

import { buttonClassName, FormStatus } from "@/components/auth/form-controls";
import { ClaimStatusBadge } from "@/components/disputes/claim-status-badge";
import { FormattedDate } from "@/components/ui/formatted-date";
import type { AnnotationActionState } from "@/lib/annotations/actions";
import { claimPagePath } from "@/lib/disputes/claim-page-path";

import { AnnotationBodyView } from "./annotation-body-view";
import { AnnotationComposer } from "./annotation-composer";
import {
  annotationGlyph,
  annotationLayerLabel,
  annotationTone,
  annotationTypeLabel,
  shortenQuote,
  type AnnotationItem,
} from "./annotation-display";
import { isOrphan } from "./annotation-filters";
import {
  annotationElementId,
  useAnnotationWorkspace,
  type AnnotationFields,
} from "./annotation-workspace";
import styles from "./annotations.module.css";

/** Props of {@link AnnotationCard}. */
export interface AnnotationCardProps {
  annotation: AnnotationItem;
  /** Level of the entry's heading: 3 in the main list, 4 under "Orphaned annotations". */
  headingLevel?: 3 | 4;
}

/** What the entry shows below its text. */
type CardMode = "view" | "edit" | "hide";

/** Said after a conflict, under the kept text. */
const CONFLICT_NOTE =
  "Your text is kept here. The entry now shows the version saved meanwhile; save again to replace it with yours, or cancel to keep it.";

/**
 * One annotation in the sidebar: its type (icon and words, never colour alone), claim status and
 * layer, the passage as a button that shows it in the text (Enter moves the keyboard there), the
 * note, tags, author and date, and its actions: a permalink for everyone, "Open dispute" (the
 * claim page) for a claim, edit and delete for its author, hide for moderators, and "Re-attach
 * here" for an orphan. The entry itself can take
 * focus (permalinks and clicked highlights focus it).
 */
export function AnnotationCard({ annotation, headingLevel = 3 }: AnnotationCardProps) {
  const workspace = useAnnotationWorkspace();
  const { viewer } = workspace;
  const id = useId();
  const [mode, setMode] = useState<CardMode>("view");
  const [expectedVersion, setExpectedVersion] = useState(annotation.version);
  const [hasConflict, setHasConflict] = useState(false);
  const [actionState, setActionState] = useState<AnnotationActionState | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [hideReason, setHideReason] = useState("");

  const Heading = headingLevel === 3 ? "h3" : "h4";
  const titleId = `${id}-title`;
  const isAuthor = viewer !== null && viewer.id === annotation.author.id;
  const canModerate = viewer?.canModerate ?? false;
  const isPlaced = !isOrphan(annotation);
  // The passage as it reads in this revision (a re-attached or approximately matched passage may
  // read differently from the original quote).
  const passage = annotation.anchor?.exact ?? annotation.target.quote.exact;
  const isActive = workspace.activeIds.includes(annotation.id);
  const tone = annotationTone(annotation, workspace.view.colorMode, workspace.tagTones);
  const permalink = `/articles/${encodeURIComponent(workspace.articleSlug)}#${annotationElementId(annotation.id)}`;

  /** Runs an action of this entry and keeps its outcome for the status line. */
  async function runAction(action: () => Promise<AnnotationActionState>): Promise<void> {
    setIsPending(true);
    try {
      const state = await action();
      setActionState(state.status === "error" ? state : null);
      if (state.status === "success") {
        setMode("view");
      }
    } catch {
      setActionState({ status: "error", message: "That did not work; please try again." });
    } finally {
      setIsPending(false);
    }
  }

  async function handleEditSubmit(fields: AnnotationFields): Promise<AnnotationActionState> {
    const state = await workspace.updateAnnotation(annotation, fields, expectedVersion);
    if (state.status === "success" && state.annotation) {
      setMode("view");
      setHasConflict(false);
      setExpectedVersion(state.annotation.version);
    } else if (state.code === "CONFLICT" && typeof state.currentVersion === "number") {
      // The next save is made knowingly over the version saved meanwhile.
      setExpectedVersion(state.currentVersion);
      setHasConflict(true);
    }
    return state;
  }

  function handleEdit() {
    setExpectedVersion(annotation.version);
    setHasConflict(false);
    setActionState(null);
    setMode("edit");
  }

  function handleDelete() {
    if (!window.confirm("Delete this annotation? It will no longer be shown to anyone.")) {
      return;
    }
    void runAction(() => workspace.deleteAnnotation(annotation));
  }

  function handleHideSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void runAction(() => workspace.hideAnnotation(annotation, hideReason));
  }

  return (
    <li className={styles.entry}>
      <article
        id={annotationElementId(annotation.id)}
        className={styles.card}
        tabIndex={-1}
        aria-labelledby={titleId}
        data-active={isActive ? "" : undefined}
        data-hidden={annotation.isHidden ? "" : undefined}
      >
        <header className={styles.cardHeader}>
          <span
            className={`${styles.cardGlyph} annotation-tone annotation-tone--${tone.toLowerCase().replace(/_/g, "-")}`}
            aria-hidden="true"
          >
            {annotationGlyph(annotation)}
          </span>
          <Heading id={titleId} className={styles.cardTitle}>
            {annotationTypeLabel(annotation)}
          </Heading>
          {annotation.claim ? <ClaimStatusBadge status={annotation.claim.status} isSmall /> : null}
          <span className={styles.layerBadge}>
            <span className="visually-hidden">Layer: </span>
            {annotationLayerLabel(annotation)}
          </span>
          {annotation.isHidden ? (
            <span className={`${styles.badge} ${styles.badgeStrong}`}>Hidden</span>
          ) : null}
        </header>

        {isPlaced ? (
          <button
            type="button"
            className={styles.quote}
            onClick={() => workspace.showPassage(annotation.id)}
          >
            <span className="visually-hidden">Show passage: </span>“{shortenQuote(passage)}”
          </button>
        ) : (
          <div className={styles.orphanQuote}>
            <p className={styles.hint}>Could not be placed in this revision. Original passage:</p>
            <blockquote>“{shortenQuote(annotation.target.quote.exact, 240)}”</blockquote>
          </div>
        )}

        {annotation.isHidden && annotation.hiddenReason ? (
          <p className={styles.hint}>Hidden by a moderator: {annotation.hiddenReason}</p>
        ) : null}

        {mode === "edit" ? (
          <>
            {hasConflict ? (
              <div className={styles.conflictLatest}>
                <p className={styles.hint}>Saved meanwhile (version {annotation.version}):</p>
                <AnnotationBodyView
                  body={annotation.body}
                  fallbackText={annotation.bodyText}
                  className={styles.body}
                />
              </div>
            ) : null}
            <AnnotationComposer
              mode="edit"
              headingLevel={headingLevel === 3 ? 4 : 5}
              quote={passage}
              initialValues={{
                kind: annotation.kind,
                flag: annotation.flag,
                body: annotation.body,
                tags: annotation.tags,
                visibility: annotation.visibility,
                groupId: annotation.groupId,
              }}
              groups={viewer?.groups ?? []}
              onSubmit={handleEditSubmit}
              onCancel={() => setMode("view")}
              conflictNote={CONFLICT_NOTE}
            />
          </>
        ) : (
          <AnnotationBodyView
            body={annotation.body}
            fallbackText={annotation.bodyText}
            className={styles.body}
          />
        )}

        {annotation.tags.length > 0 ? (
          <ul className={styles.tags} aria-label="Tags">
            {annotation.tags.map((tag) => (
              <li key={tag} className={styles.tag}>
                {tag}
              </li>
            ))}
          </ul>
        ) : null}

        <p className={styles.meta}>
          <span>{annotation.author.name}</span>
          <span aria-hidden="true">·</span>
          <FormattedDate date={new Date(annotation.createdAt)} />
          {annotation.version > 1 ? <span>(edited)</span> : null}
        </p>

        {mode === "hide" ? (
          <form className={styles.hideForm} onSubmit={handleHideSubmit}>
            <label className={styles.label} htmlFor={`${id}-reason`}>
              Reason for hiding <span className={styles.optional}>(optional)</span>
            </label>
            <input
              id={`${id}-reason`}
              className={styles.input}
              value={hideReason}
              maxLength={500}
              onChange={(event) => setHideReason(event.target.value)}
            />
            <div className={styles.formActions}>
              <button
                type="submit"
                className={buttonClassName("danger", true)}
                disabled={isPending}
              >
                {isPending ? "Hiding…" : "Hide annotation"}
              </button>
              <button
                type="button"
                className={buttonClassName("secondary", true)}
                onClick={() => setMode("view")}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : null}

        {mode === "view" ? (
          <div className={styles.cardActions}>
            <a className={styles.actionLink} href={permalink}>
              Link<span className="visually-hidden"> to this annotation</span>
            </a>
            {annotation.claim ? (
              <a
                className={styles.actionLink}
                href={claimPagePath(workspace.articleSlug, annotation.claim.id)}
              >
                Open dispute
                <span className="visually-hidden"> on “{shortenQuote(passage, 60)}”</span>
              </a>
            ) : null}
            {isAuthor ? (
              <button type="button" className={styles.actionButton} onClick={handleEdit}>
                Edit
              </button>
            ) : null}
            {isAuthor ? (
              <button
                type="button"
                className={styles.actionButton}
                onClick={handleDelete}
                disabled={isPending}
              >
                Delete
              </button>
            ) : null}
            {canModerate && !annotation.isHidden ? (
              <button type="button" className={styles.actionButton} onClick={() => setMode("hide")}>
                Hide
              </button>
            ) : null}
            {canModerate && annotation.isHidden ? (
              <button
                type="button"
                className={styles.actionButton}
                disabled={isPending}
                onClick={() => void runAction(() => workspace.unhideAnnotation(annotation))}
              >
                Show again
              </button>
            ) : null}
            {!isPlaced && (isAuthor || canModerate) ? (
              <button
                type="button"
                className={styles.actionButton}
                disabled={isPending}
                onClick={() => void runAction(() => workspace.reattachAnnotation(annotation))}
              >
                Re-attach here
                <span className="visually-hidden"> (to the passage selected in the text)</span>
              </button>
            ) : null}
          </div>
        ) : null}

        {actionState ? <FormStatus state={actionState} isInline /> : null}
      </article>
    </li>
  );
}
