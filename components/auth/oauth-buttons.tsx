"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

import { buttonClassName } from "./form-controls";
import styles from "./forms.module.css";

/** Props of {@link OAuthButtons}. */
export interface OAuthButtonsProps {
  /** The OAuth providers switched on by the operator (`enabledOAuthProviders()`). */
  providers: readonly { id: string; name: string }[];
  /** Where to come back to once signed in. */
  callbackUrl: string;
}

/**
 * "Continue with GitHub / ORCID" buttons. They hand over to the provider, which sends the visitor
 * back signed in, or back to the sign-in page with an error when no account is linked.
 */
export function OAuthButtons({ providers, callbackUrl }: OAuthButtonsProps) {
  const [pendingId, setPendingId] = useState<string | null>(null);

  function handleClick(id: string) {
    setPendingId(id);
    void signIn(id, { callbackUrl }).catch(() => setPendingId(null));
  }

  if (providers.length === 0) {
    return null;
  }
  return (
    <>
      <p className={styles.divider}>or</p>
      <div className={styles.providers}>
        {providers.map((provider) => (
          <button
            key={provider.id}
            type="button"
            className={buttonClassName("secondary")}
            disabled={pendingId !== null}
            onClick={() => handleClick(provider.id)}
          >
            {pendingId === provider.id ? "Opening…" : `Continue with ${provider.name}`}
          </button>
        ))}
      </div>
    </>
  );
}
