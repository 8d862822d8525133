"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";

import { registerAction } from "@/lib/accounts/actions";
import type { ActionState } from "@/lib/actions/action-state";

import { FormStatus, IDLE_STATE, PASSWORD_RULE, SubmitButton, TextField } from "./form-controls";
import styles from "./forms.module.css";

/** Props of {@link RegisterForm}. */
export interface RegisterFormProps {
  /** Where to go once registered and signed in: a path on this site. */
  callbackUrl: string;
  /** The secret of the invite link the visitor came with, sent along with the form. */
  inviteSecret?: string;
  /** The address an invite is bound to: filled in and not editable. */
  invitedEmail?: string | null;
}

/**
 * The registration form: name, e-mail, password. It registers through the server action, then
 * signs in with the same credentials and goes on to `callbackUrl` (the account page by default).
 */
export function RegisterForm({ callbackUrl, inviteSecret, invitedEmail }: RegisterFormProps) {
  const router = useRouter();
  const [state, formAction] = useActionState(
    async (previous: ActionState, formData: FormData): Promise<ActionState> => {
      const result = await registerAction(previous, formData);
      if (result.status !== "success") {
        return result;
      }
      const signedIn = await signIn("credentials", {
        email: String(formData.get("email") ?? ""),
        password: String(formData.get("password") ?? ""),
        redirect: false,
        callbackUrl,
      }).catch(() => null);
      if (!signedIn?.ok || signedIn.error) {
        return {
          status: "error",
          message:
            "Your account has been created, but signing in did not work. Please sign in with your new password.",
        };
      }
      router.push(callbackUrl);
      router.refresh();
      return result;
    },
    IDLE_STATE,
  );
  const errors = state.fieldErrors ?? {};

  return (
    <form action={formAction} className={styles.form} noValidate>
      <FormStatus state={state} />
      {inviteSecret ? <input type="hidden" name="inviteSecret" value={inviteSecret} /> : null}
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        hint="Shown beside your annotations and in groups."
        required
        maxLength={100}
        defaultValue={state.values?.name}
        error={errors.name}
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        readOnly={Boolean(invitedEmail)}
        hint={invitedEmail ? "The invite is for this address." : undefined}
        defaultValue={invitedEmail ?? state.values?.email}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULE}
        required
        minLength={12}
        error={errors.password}
      />
      {errors.inviteSecret ? (
        <p role="alert" className={styles.error}>
          {errors.inviteSecret}
        </p>
      ) : null}
      <div className={styles.actions}>
        <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      </div>
    </form>
  );
}
