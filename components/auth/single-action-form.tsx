"use client";

import { useActionState, type FormEvent } from "react";

import type { ActionState } from "@/lib/actions/action-state";

import { FormStatus, IDLE_STATE, SubmitButton, type ButtonVariant } from "./form-controls";
import styles from "./forms.module.css";

/** Props of {@link SingleActionForm}. */
export interface SingleActionFormProps {
  /** The server action to run. */
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields sent with it (ids). */
  fields: Record<string, string>;
  /** The button's visible label ("Revoke"). */
  label: string;
  /** The button's full accessible name ("Revoke token ‘CI’"). */
  accessibleLabel?: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  /** Asked with `confirm()` before submitting, for changes that cannot be undone. */
  confirmMessage?: string;
}

/**
 * A one-button form (revoke, remove, disable, leave) with its hidden ids and an inline status line
 * for the outcome.
 */
export function SingleActionForm({
  action,
  fields,
  label,
  accessibleLabel,
  pendingLabel,
  variant = "secondary",
  confirmMessage,
}: SingleActionFormProps) {
  const [state, formAction] = useActionState(action, IDLE_STATE);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    if (confirmMessage && !window.confirm(confirmMessage)) {
      event.preventDefault();
    }
  }

  return (
    <form action={formAction} onSubmit={handleSubmit} className={styles.inlineForm}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        variant={variant}
        isSmall
        pendingLabel={pendingLabel}
        aria-label={accessibleLabel}
      >
        {label}
      </SubmitButton>
      <FormStatus state={state} isInline />
    </form>
  );
}
