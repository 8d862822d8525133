"use client";

import { useActionState } from "react";

import {
  FormStatus,
  IDLE_STATE,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/auth/form-controls";
import styles from "@/components/auth/forms.module.css";
import { createGroupAction } from "@/lib/groups/actions";

/** Founds a group (name, description); the founder becomes its moderator and lands on its page. */
export function CreateGroupForm() {
  const [state, formAction] = useActionState(createGroupAction, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;

  return (
    <form action={formAction} className={styles.form} noValidate>
      <FormStatus state={state} />
      <TextField
        label="Group name"
        name="name"
        required
        maxLength={100}
        autoComplete="off"
        defaultValue={values?.name}
        error={errors.name}
      />
      <TextAreaField
        label="Description"
        name="description"
        isOptional
        maxLength={2000}
        rows={3}
        hint="What the group works on, for its members."
        defaultValue={values?.description}
        error={errors.description}
      />
      <div className={styles.actions}>
        <SubmitButton pendingLabel="Creating group…">Create group</SubmitButton>
      </div>
    </form>
  );
}
