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
import { SecretOnce } from "@/components/auth/secret-once";
import { createApiTokenAction } from "@/lib/accounts/actions";

/** Lifetimes offered for a new token, in days; "" never expires. */
const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "", label: "Never" },
] as const;

/**
 * Creates a personal API token. The new token's secret is shown once, with a Copy button and a
 * warning, until the page is left; the list below the form shows only its prefix.
 */
export function CreateTokenForm() {
  const [state, formAction] = useActionState(createApiTokenAction, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;

  return (
    <div className={styles.form}>
      {state.status === "success" && state.secret ? (
        <SecretOnce
          title={state.message ?? "Your new API token"}
          value={state.secret}
          warning="Copy this token now: it is shown only once. Send it as “Authorization: Bearer <token>”."
        />
      ) : null}
      <form action={formAction} className={styles.form} noValidate>
        <FormStatus state={state} hideSuccess />
        <div className={styles.fieldRow}>
          <TextField
            label="Token name"
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            hint="What it is for, such as “export script”."
            defaultValue={values?.name}
            error={errors.name}
          />
          <SelectField
            label="Expires after"
            name="expiresInDays"
            options={EXPIRY_OPTIONS}
            defaultValue={values?.expiresInDays ?? "90"}
            error={errors.expiresInDays}
          />
        </div>
        <div className={styles.actions}>
          <SubmitButton pendingLabel="Creating token…">Create token</SubmitButton>
        </div>
      </form>
    </div>
  );
}
