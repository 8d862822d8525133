"use client";

import { useActionState } from "react";

import {
  FormStatus,
  IDLE_STATE,
  SelectField,
  SubmitButton,
  TextField,
} from "@/components/auth/form-controls";
import styles from "@/components/auth/forms.module.css";
import { addGroupMemberAction } from "@/lib/groups/actions";

import { GROUP_ROLE_OPTIONS } from "./group-roles";

/** Props of {@link AddMemberForm}. */
export interface AddMemberFormProps {
  groupId: string;
}

/** Adds an existing account to the group by its e-mail address, as a member or a moderator. */
export function AddMemberForm({ groupId }: AddMemberFormProps) {
  const [state, formAction] = useActionState(addGroupMemberAction, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;

  return (
    <form action={formAction} className={styles.form} noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="groupId" value={groupId} />
      <div className={styles.fieldRow}>
        <TextField
          label="E-mail of the account"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          hint="They need an Apparatus account already."
          defaultValue={values?.email}
          error={errors.email}
        />
        <SelectField
          label="Group role"
          name="role"
          options={GROUP_ROLE_OPTIONS}
          defaultValue={values?.role ?? "MEMBER"}
          error={errors.role}
        />
      </div>
      <div className={styles.actions}>
        <SubmitButton pendingLabel="Adding…">Add member</SubmitButton>
      </div>
    </form>
  );
}
