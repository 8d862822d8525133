"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";

import type { ActionState } from "@/lib/actions/action-state";

import { FormStatus, IDLE_STATE, SubmitButton, TextField } from "./form-controls";
import styles from "./forms.module.css";

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  /** Where to go once signed in: a path on this site. */
  callbackUrl: string;
  /** A message to show before any attempt (an OAuth sign-in that was refused). */
  initialError?: string;
}

/** Said when next-auth answers without a message of its own. */
const FALLBACK_ERROR = "Signing in did not work. Please try again.";

/**
 * The e-mail and password form. It signs in through next-auth's credentials provider without
 * leaving the page, so that the server's message (wrong password, lockout, disabled account) shows
 * in the form; on success it goes to `callbackUrl` and refreshes the server-rendered header.
 */
export function SignInForm({ callbackUrl, initialError }: SignInFormProps) {
  const router = useRouter();
  const initialState: ActionState = initialError
    ? { status: "error", message: initialError }
    : IDLE_STATE;
  const [state, formAction] = useActionState(
    async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
      const email = String(formData.get("email") ?? "");
      const result = await signIn("credentials", {
        email,
        password: String(formData.get("password") ?? ""),
        redirect: false,
        callbackUrl,
      }).catch(() => null);
      if (!result || result.error || !result.ok) {
        return {
          status: "error",
          message:
            result?.error && result.error !== "CredentialsSignin" ? result.error : FALLBACK_ERROR,
          values: { email },
        };
      }
      router.push(callbackUrl);
      router.refresh();
      return { status: "success", message: "Signed in.", values: { email } };
    },
    initialState,
  );

  return (
    <form action={formAction} className={styles.form} noValidate>
      <FormStatus state={state} />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        defaultValue={state.values?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <div className={styles.actions}>
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}
