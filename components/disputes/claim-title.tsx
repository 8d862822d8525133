"use client";

import { useRef, useState, type FormEvent } from "react";

import { FormStatus, TextField } from "@/components/auth/form-controls";
import { updateClaimTitleAction } from "@/lib/disputes/actions";

import styles from "./disputes.module.css";
import { FormActions } from "./form-actions";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link ClaimTitle}. */
export interface ClaimTitleProps {
  claimId: string;
  version: number;
  /** The stored title; "" when the passage stands for the claim. */
  title: string;
  /** What the heading shows without a title (the shortened passage). */
  fallbackTitle: string;
  /** The flagger and moderators may rename the claim (the server checks again). */
  canEdit: boolean;
}

/**
 * The claim's `<h1>`: its title, or its passage while it has none, with an "Edit title" button
 * for those who may rename it. Saving an empty title lets the passage stand for the claim again.
 */
export function ClaimTitle({ claimId, version, title, fallbackTitle, canEdit }: ClaimTitleProps) {
  const [isEditing, setEditing] = useState(false);
  const { state, isPending, run, reset } = useDisputeAction();
  const editButtonRef = useRef<HTMLButtonElement>(null);

  function stopEditing() {
    setEditing(false);
    window.requestAnimationFrame(() => editButtonRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("title");
    const result = await run(() =>
      updateClaimTitleAction({
        claimId,
        version,
        title: typeof value === "string" ? value : "",
      }),
    );
    if (result.status === "success") {
      stopEditing();
    }
  }

  return (
    <div className={styles.titleRow}>
      <h1 className={styles.title}>{title || fallbackTitle}</h1>
      {canEdit && !isEditing ? (
        <button
          ref={editButtonRef}
          type="button"
          className={styles.linkButton}
          onClick={() => {
            reset();
            setEditing(true);
          }}
        >
          Edit title
        </button>
      ) : null}
      {isEditing ? (
        <form
          className={`${styles.panel} ${styles.form}`}
          onSubmit={(event) => void handleSubmit(event)}
          aria-label="Edit the claim's title"
          noValidate
        >
          <TextField
            label="Title"
            name="title"
            defaultValue={title}
            maxLength={300}
            hint="Leave empty to name the claim by its passage."
            error={state?.fieldErrors?.title}
          />
          <FormActions
            label="Save title"
            pendingLabel="Saving…"
            isPending={isPending}
            onCancel={stopEditing}
          />
          {state ? <FormStatus state={state} isInline /> : null}
        </form>
      ) : null}
    </div>
  );
}
