"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";

import {
  FormStatus,
  IDLE_STATE,
  PASSWORD_RULE,
  SubmitButton,
  TextField,
} from "@/components/auth/form-controls";
import styles from "@/components/auth/forms.module.css";
import { changePasswordAction } from "@/lib/accounts/actions";
import type { ActionState } from "@/lib/actions/action-state";

/** Props of {@link PasswordForm}. */
export interface PasswordFormProps {
  /** The account's e-mail, to sign in again with the new password. */
  email: string;
}

/**
 * The account page's password form. A password change ends every session, this one included, so
 * on success the form signs in again with the new password: this browser stays signed in, all
 * others are signed out.
 */
export function PasswordForm({ email }: PasswordFormProps) {
  const router = useRouter();
  const [state, formAction] = useActionState(
    async (previous: ActionState, formData: FormData): Promise<ActionState> => {
      const newPassword = String(formData.get("newPassword") ?? "");
      if (newPassword !== String(formData.get("confirmPassword") ?? "")) {
        return {
          status: "error",
          message: "Please correct the fields marked below.",
          fieldErrors: { confirmPassword: "The two new passwords differ." },
        };
      }
      const result = await changePasswordAction(previous, formData);
      if (result.status !== "success") {
        return result;
      }
      const signedIn = await signIn("credentials", {
        email,
        password: newPassword,
        redirect: false,
      }).catch(() => null);
      router.refresh();
      if (!signedIn?.ok || signedIn.error) {
        return {
          status: "error",
          message: "Your password has been changed. Please sign in again with the new password.",
        };
      }
      return result;
    },
    IDLE_STATE,
  );
  const errors = state.fieldErrors ?? {};

  return (
    <form action={formAction} className={styles.form} noValidate>
      <FormStatus state={state} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        hint={PASSWORD_RULE}
        error={errors.newPassword}
      />
      <TextField
        label="New password, again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <div className={styles.actions}>
        <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
      </div>
    </form>
  );
}
