"use client";

import type { Editor } from "@tiptap/core";
import { useId, useState, type FormEvent } from "react";

import { AnnotationBodyView } from "@/components/annotations/annotation-body-view";
import { FormStatus, TextField } from "@/components/auth/form-controls";
import { FormattedDate } from "@/components/ui/formatted-date";
import {
  deleteReplyAction,
  hideReplyAction,
  unhideReplyAction,
  updateReplyAction,
} from "@/lib/disputes/actions";
import type { ReplyView } from "@/lib/disputes/claim-page-view";
import { REPLY_STANCE_LABELS } from "@/lib/disputes/labels";
import { readEditorJson } from "@/lib/editor/editor-json";

import { useClaimPage } from "./claim-page-context";
import { stanceNeedsAccount } from "./dispute-display";
import styles from "./disputes.module.css";
import { EvidenceForm } from "./evidence-form";
import { EvidenceList } from "./evidence-list";
import { FormActions } from "./form-actions";
import { ReplyBodyEditor } from "./reply-body-editor";
import { ReplyComposer } from "./reply-composer";
import { ReplyHistory } from "./reply-history";
import { StanceFields, type StanceValue } from "./stance-fields";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link ReplyItem}. */
export interface ReplyItemProps {
  reply: ReplyView;
  /** The author of the reply this one answers, when it is in the thread. */
  inReplyToName: string | null;
  /** The thread takes replies (not locked) and the viewer may write. */
  canReply: boolean;
  /** The viewer may hide and unhide replies. */
  canHide: boolean;
  /** The viewer may add evidence. */
  canAddEvidence: boolean;
}

/** What the reply shows below its header. */
type ReplyMode = "view" | "edit" | "hide" | "answer";

/** The element id of a reply, for links to it ("in reply to"). */
export function replyElementId(id: string): string {
  return `reply-${id}`;
}

/**
 * One reply of the dispute thread: author, date and "edited" (which opens its earlier versions),
 * its stance naming the account, the body with @mentions, and its evidence. Its author may edit
 * or delete it; moderators see hidden replies with the reason and may hide or unhide. A deleted
 * reply is a stub.
 */
export function ReplyItem({
  reply,
  inReplyToName,
  canReply,
  canHide,
  canAddEvidence,
}: ReplyItemProps) {
  const { accounts, articleSlug, viewer } = useClaimPage();
  const id = useId();
  const headingId = `${id}-heading`;
  const [mode, setMode] = useState<ReplyMode>("view");
  const [isHistoryOpen, setHistoryOpen] = useState(false);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [stance, setStance] = useState<StanceValue>({
    stance: reply.stance ?? "",
    stanceAccountId: reply.stanceAccountId ?? "",
  });
  const { state, isPending, run, reset } = useDisputeAction();
  const errors = state?.fieldErrors ?? {};
  const isAuthor = viewer !== null && viewer.id === reply.author.id;
  const stanceAccount = accounts.find((account) => account.id === reply.stanceAccountId);

  function changeMode(next: ReplyMode) {
    reset();
    setMode(next);
  }

  async function handleEditSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editor) {
      return;
    }
    const result = await run(() =>
      updateReplyAction({
        id: reply.id,
        version: reply.version,
        body: readEditorJson(editor),
        stance: stance.stance || null,
        stanceAccountId: stance.stanceAccountId || null,
      }),
    );
    if (result.status === "success") {
      setMode("view");
    }
  }

  async function handleHideSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = new FormData(event.currentTarget).get("reason");
    const result = await run(() =>
      hideReplyAction({ id: reply.id, reason: typeof reason === "string" ? reason : "" }),
    );
    if (result.status === "success") {
      setMode("view");
    }
  }

  function handleDelete() {
    if (!window.confirm("Delete your reply? A stub stays in the thread.")) {
      return;
    }
    void run(() => deleteReplyAction({ id: reply.id }));
  }

  if (reply.isDeleted && !canHide) {
    return (
      <li id={replyElementId(reply.id)} className={styles.reply} data-hidden="">
        <p className={styles.stub}>This reply was deleted.</p>
      </li>
    );
  }

  return (
    <li
      id={replyElementId(reply.id)}
      className={styles.reply}
      data-hidden={reply.isHidden || reply.isDeleted ? "" : undefined}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className={styles.replyHeader}>
        <h3 id={headingId} className={styles.replyAuthor}>
          {reply.author.name}
        </h3>
        <FormattedDate date={new Date(reply.createdAt)} />
        {reply.editedAt ? (
          <button
            type="button"
            className={styles.linkButton}
            aria-expanded={isHistoryOpen}
            onClick={() => setHistoryOpen((open) => !open)}
          >
            edited<span className="visually-hidden"> — show earlier versions</span>
          </button>
        ) : null}
        {reply.stance ? (
          <span className={styles.plainBadge}>
            <span className="visually-hidden">Stance: </span>
            {REPLY_STANCE_LABELS[reply.stance]}
            {stanceNeedsAccount(reply.stance) && stanceAccount ? ` “${stanceAccount.title}”` : null}
          </span>
        ) : null}
        {reply.isHidden ? <span className={styles.plainBadge}>Hidden</span> : null}
        {reply.isDeleted ? <span className={styles.plainBadge}>Deleted</span> : null}
      </header>
      {inReplyToName && reply.inReplyToId ? (
        <p className={styles.meta}>
          <a href={`#${replyElementId(reply.inReplyToId)}`}>In reply to {inReplyToName}</a>
        </p>
      ) : null}
      {reply.isHidden ? (
        <p className={styles.stub}>
          Hidden by a moderator{reply.hiddenReason ? `: ${reply.hiddenReason}` : "."} Only
          moderators see it.
        </p>
      ) : null}
      {isHistoryOpen ? <ReplyHistory replyId={reply.id} /> : null}

      {mode === "edit" ? (
        <form
          className={`${styles.panel} ${styles.form}`}
          onSubmit={(event) => void handleEditSubmit(event)}
          aria-label={`Edit your reply`}
          noValidate
        >
          <ReplyBodyEditor
            label="Your reply"
            initialContent={reply.body}
            onEditorChange={setEditor}
            error={errors.body}
          />
          <StanceFields value={stance} onChange={setStance} accounts={accounts} errors={errors} />
          <FormActions
            label="Save reply"
            pendingLabel="Saving…"
            isPending={isPending}
            onCancel={() => changeMode("view")}
          />
        </form>
      ) : (
        <AnnotationBodyView
          body={reply.body}
          fallbackText={reply.bodyText}
          className={styles.replyBody}
        />
      )}

      <EvidenceList
        evidence={reply.evidence}
        articleSlug={articleSlug}
        viewer={viewer}
        headingLevel={4}
      />

      {mode === "hide" ? (
        <form
          className={`${styles.panel} ${styles.form}`}
          onSubmit={(event) => void handleHideSubmit(event)}
          aria-label={`Hide the reply of ${reply.author.name}`}
        >
          <TextField label="Reason for hiding" name="reason" maxLength={500} isOptional />
          <FormActions
            label="Hide reply"
            pendingLabel="Hiding…"
            isPending={isPending}
            variant="danger"
            onCancel={() => changeMode("view")}
          />
        </form>
      ) : null}

      {mode === "answer" ? (
        <ReplyComposer
          inReplyTo={{ id: reply.id, authorName: reply.author.name }}
          onDone={() => setMode("view")}
        />
      ) : null}

      {mode === "view" && !reply.isDeleted ? (
        <div className={styles.actions}>
          {canReply ? (
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => changeMode("answer")}
            >
              Answer<span className="visually-hidden"> {reply.author.name}</span>
            </button>
          ) : null}
          {isAuthor && canReply ? (
            <button type="button" className={styles.linkButton} onClick={() => changeMode("edit")}>
              Edit<span className="visually-hidden"> your reply</span>
            </button>
          ) : null}
          {isAuthor ? (
            <button
              type="button"
              className={styles.linkButton}
              onClick={handleDelete}
              disabled={isPending}
            >
              Delete<span className="visually-hidden"> your reply</span>
            </button>
          ) : null}
          {canHide && !reply.isHidden ? (
            <button type="button" className={styles.linkButton} onClick={() => changeMode("hide")}>
              Hide<span className="visually-hidden"> the reply of {reply.author.name}</span>
            </button>
          ) : null}
          {canHide && reply.isHidden ? (
            <button
              type="button"
              className={styles.linkButton}
              disabled={isPending}
              onClick={() => void run(() => unhideReplyAction({ id: reply.id }))}
            >
              Unhide<span className="visually-hidden"> the reply of {reply.author.name}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {mode === "view" && canAddEvidence && (isAuthor || canHide) && !reply.isDeleted ? (
        <EvidenceForm replyId={reply.id} targetName={`the reply of ${reply.author.name}`} />
      ) : null}
      {state ? <FormStatus state={state} isInline /> : null}
    </li>
  );
}
