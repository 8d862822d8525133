"use client";

import { startTransition, useActionState, useId, type FormEvent } from "react";

import type { ActionState } from "@/lib/actions/action-state";

import { FormStatus, IDLE_STATE, SubmitButton, type SelectOption } from "./form-controls";
import styles from "./forms.module.css";

/** Props of {@link RoleSelectForm}. */
export interface RoleSelectFormProps {
  /** The server action that changes the role (reads `role` and the hidden fields). */
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields sent with it (ids). */
  fields: Record<string, string>;
  /** The select's accessible label ("Role of Ada Admin"); visually hidden, the column says it. */
  label: string;
  options: readonly SelectOption[];
  /** The role held now. */
  currentValue: string;
  /** The button's accessible name ("Change role of Ada Admin"); its visible text is "Change". */
  buttonLabel: string;
}

/**
 * A role `<select>` with a Change button, for a row of a table (site roles, group roles).
 *
 * Submitted by script without React's automatic form reset, so that after a change the select
 * keeps showing the new role while the page refreshes (a reset would snap it back to the role it
 * was first rendered with). Without JavaScript it is an ordinary form.
 */
export function RoleSelectForm({
  action,
  fields,
  label,
  options,
  currentValue,
  buttonLabel,
}: RoleSelectFormProps) {
  const id = useId();
  const [state, formAction, isPending] = useActionState(action, IDLE_STATE);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <form action={formAction} onSubmit={handleSubmit} className={styles.inlineForm}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        name="role"
        className={styles.select}
        defaultValue={currentValue}
        aria-invalid={state.status === "error" ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <SubmitButton
        variant="secondary"
        isSmall
        isPending={isPending}
        pendingLabel="Saving…"
        aria-label={buttonLabel}
      >
        Change
      </SubmitButton>
      <FormStatus state={state} isInline />
    </form>
  );
}
