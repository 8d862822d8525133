"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import { useState, type FormEvent } from "react";

import { AnnotationBodyEditor } from "@/components/annotations/annotation-body-editor";
import { buttonClassName, FormStatus, TextField } from "@/components/auth/form-controls";
import { createAccountAction, updateAccountAction } from "@/lib/disputes/actions";
import { readEditorJson } from "@/lib/editor/editor-json";

import styles from "./disputes.module.css";
import { FormActions } from "./form-actions";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link AccountForm}. */
export interface AccountFormProps {
  /** The claim a new account is added to. */
  claimId: string;
  /** The account being edited, or nothing for a new one. */
  account?: {
    id: string;
    version: number;
    title: string;
    body: JSONContent;
    proponents: string;
  };
  /** Called after a successful save, and on "Cancel" when there is no `onCancel`. */
  onDone?: () => void;
  /** Shows a "Cancel" button (always there for an edit). */
  onCancel?: () => void;
}

/** Reads a text field of the submitted form. */
function readField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * The form of an account of what happened: its title, its proponents (who holds it) and its text
 * in the rich-text editor. Adds a new account to the claim, or edits one (with its version, so a
 * concurrent edit is refused with a conflict instead of silently overwritten).
 */
export function AccountForm({ claimId, account, onDone, onCancel }: AccountFormProps) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const { state, isPending, run } = useDisputeAction();
  const errors = state?.fieldErrors ?? {};
  const isEdit = account !== undefined;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const fields = {
      title: readField(form, "title"),
      proponents: readField(form, "proponents"),
      body: readEditorJson(editor),
    };
    const result = await run(() =>
      account
        ? updateAccountAction({ id: account.id, version: account.version, ...fields })
        : createAccountAction({ claimId, ...fields }),
    );
    if (result.status === "success") {
      if (!isEdit) {
        formElement.reset();
        editor?.commands.clearContent();
      }
      onDone?.();
    }
  }

  return (
    <form
      className={`${styles.panel} ${styles.form}`}
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={isEdit ? `Edit account “${account.title}”` : "Add an account"}
      noValidate
    >
      {!isEdit ? <h3 className={styles.panelTitle}>Add an account</h3> : null}
      <TextField
        label="Title"
        name="title"
        defaultValue={account?.title}
        maxLength={200}
        hint="A short name for this version of events."
        error={errors.title}
      />
      <TextField
        label="Proponents"
        name="proponents"
        defaultValue={account?.proponents}
        maxLength={500}
        hint="Who holds this account: authors, witnesses, parties."
        isOptional
        error={errors.proponents}
      />
      <AnnotationBodyEditor
        label="Account"
        initialContent={account?.body}
        onEditorChange={setEditor}
        hint="What happened, according to this account."
        error={errors.body}
      />
      <FormActions
        label={isEdit ? "Save account" : "Add account"}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={isEdit || onCancel ? () => (onCancel ?? onDone)?.() : undefined}
      />
      {state ? <FormStatus state={state} isInline /> : null}
    </form>
  );
}

/**
 * "Add an account" as a disclosure button that opens the {@link AccountForm} for a new account,
 * so that the accounts grid stays the first thing readers see.
 */
export function NewAccountForm({ claimId }: { claimId: string }) {
  const [isOpen, setOpen] = useState(false);
  if (!isOpen) {
    return (
      <div className={styles.actions}>
        <button
          type="button"
          className={buttonClassName("secondary", true)}
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          Add an account
        </button>
      </div>
    );
  }
  return (
    <AccountForm claimId={claimId} onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />
  );
}
