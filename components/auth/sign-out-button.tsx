"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

/** Props of {@link SignOutButton}. */
export interface SignOutButtonProps {
  className?: string;
}

/**
 * Ends the session (next-auth's sign-out, with its CSRF token) and reloads the home page, so that
 * nothing rendered for the signed-in user stays on screen.
 */
export function SignOutButton({ className }: SignOutButtonProps) {
  const [isPending, setIsPending] = useState(false);

  function handleClick() {
    setIsPending(true);
    void signOut({ callbackUrl: "/" }).catch(() => setIsPending(false));
  }

  return (
    <button type="button" className={className} onClick={handleClick} disabled={isPending}>
      {isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
