"use client";

import { useActionState } from "react";

import {
  FormStatus,
  IDLE_STATE,
  SelectField,
  SubmitButton,
  TextField,
  type SelectOption,
} from "@/components/auth/form-controls";
import styles from "@/components/auth/forms.module.css";
import { SecretOnce } from "@/components/auth/secret-once";
import { createInviteAction } from "@/lib/accounts/actions";

/** Props of {@link CreateInviteForm}. */
export interface CreateInviteFormProps {
  /** The site roles an invite can give. */
  roleOptions: readonly SelectOption[];
}

/** Lifetimes offered for an invite, in days (the use case allows 1 to 30). */
const EXPIRY_OPTIONS: readonly SelectOption[] = [
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "14", label: "14 days" },
  { value: "30", label: "30 days" },
];

/** The full invite link for a secret, on this site. */
function buildInviteLink(secret: string): string {
  return new URL(`/register?invite=${encodeURIComponent(secret)}`, window.location.origin).href;
}

/**
 * Creates an invite: optionally bound to one e-mail address, with the role the new account starts
 * with and a lifetime. The link is shown once, with a Copy button; only its hash is stored.
 */
export function CreateInviteForm({ roleOptions }: CreateInviteFormProps) {
  const [state, formAction] = useActionState(createInviteAction, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;

  return (
    <div className={styles.form}>
      {state.status === "success" && state.secret ? (
        <SecretOnce
          title={state.message ?? "Invite created"}
          value={buildInviteLink(state.secret)}
          warning="Copy this link now and send it to the person you invite: it is shown only once and works once."
        />
      ) : null}
      <form action={formAction} className={styles.form} noValidate>
        <FormStatus state={state} hideSuccess />
        <div className={styles.fieldRow}>
          <TextField
            label="E-mail"
            name="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            isOptional
            hint="Only this address may use the invite. Leave empty for anyone with the link."
            defaultValue={values?.email}
            error={errors.email}
          />
        </div>
        <div className={styles.fieldRow}>
          <SelectField
            label="Role"
            name="role"
            options={roleOptions}
            defaultValue={values?.role ?? "ANNOTATOR"}
            error={errors.role}
          />
          <SelectField
            label="Expires after"
            name="expiresInDays"
            options={EXPIRY_OPTIONS}
            defaultValue={values?.expiresInDays ?? "7"}
            error={errors.expiresInDays}
          />
        </div>
        <div className={styles.actions}>
          <SubmitButton pendingLabel="Creating invite…">Create invite</SubmitButton>
        </div>
      </form>
    </div>
  );
}
