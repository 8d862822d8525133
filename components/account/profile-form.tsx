"use client";

import { useActionState } from "react";

import { FormStatus, IDLE_STATE, SubmitButton, TextField } from "@/components/auth/form-controls";
import styles from "@/components/auth/forms.module.css";
import { updateProfileAction } from "@/lib/accounts/actions";

/** Props of {@link ProfileForm}. */
export interface ProfileFormProps {
  /** The profile as stored now. */
  profile: { name: string; affiliation: string | null; orcid: string | null };
}

/** The account page's profile form: name, affiliation, ORCID iD. */
export function ProfileForm({ profile }: ProfileFormProps) {
  const [state, formAction] = useActionState(updateProfileAction, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  // After a failed save React resets the form; refill it with what was typed.
  const values = state.status === "error" ? state.values : undefined;

  return (
    <form action={formAction} className={styles.form} noValidate>
      <FormStatus state={state} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        hint="Shown beside your annotations and in groups."
        defaultValue={values?.name ?? profile.name}
        error={errors.name}
      />
      <TextField
        label="Affiliation"
        name="affiliation"
        autoComplete="organization"
        isOptional
        maxLength={200}
        hint="University, institute or other institution."
        defaultValue={values?.affiliation ?? profile.affiliation ?? ""}
        error={errors.affiliation}
      />
      <TextField
        label="ORCID iD"
        name="orcid"
        isOptional
        spellCheck={false}
        autoComplete="off"
        hint="For example 0000-0002-1825-0097, or its https://orcid.org/ address."
        defaultValue={values?.orcid ?? profile.orcid ?? ""}
        error={errors.orcid}
      />
      <div className={styles.actions}>
        <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
      </div>
    </form>
  );
}
