"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

import styles from "./account-menu.module.css";
import { SignOutButton } from "./sign-out-button";

/** Props of {@link AccountMenu}. */
export interface AccountMenuProps {
  name: string;
  email: string;
  /** The site role's label ("Annotator"). */
  roleLabel: string;
  /** Shows the Administration link. */
  isAdmin: boolean;
}

/**
 * The signed-in user's menu in the header: a `<details>` disclosure (works without JavaScript)
 * whose summary shows the name and the role, opening onto Account, Groups, Administration (admins)
 * and Sign out. Closes on navigation, on Escape (focus back on the summary) and on a click
 * elsewhere.
 */
export function AccountMenu({ name, email, roleLabel, isAdmin }: AccountMenuProps) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    detailsRef.current?.removeAttribute("open");
  }, [pathname]);

  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      const details = detailsRef.current;
      if (event.key === "Escape" && details?.open) {
        details.open = false;
        details.querySelector("summary")?.focus();
      }
    }
    function handlePointerDown(event: PointerEvent) {
      const details = detailsRef.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) {
        details.open = false;
      }
    }
    document.addEventListener("keydown", handleKeyDown);
    document.addEventListener("pointerdown", handlePointerDown);
    return () => {
      document.removeEventListener("keydown", handleKeyDown);
      document.removeEventListener("pointerdown", handlePointerDown);
    };
  }, []);

  return (
    <details ref={detailsRef} className={styles.menu}>
      <summary className={styles.summary}>
        <span className={styles.name}>{name}</span>
        <span className={styles.role}>
          <span className="visually-hidden">, role: </span>
          {roleLabel}
        </span>
      </summary>
      <div className={styles.panel}>
        <p className={styles.identity}>
          Signed in as <span className={styles.email}>{email}</span>
          <span className={styles.identityRole}>Role: {roleLabel}</span>
        </p>
        <nav aria-label="Your account">
          <ul className={styles.links}>
            <li>
              <Link href="/account">Account</Link>
            </li>
            <li>
              <Link href="/groups">Groups</Link>
            </li>
            {isAdmin ? (
              <li>
                <Link href="/admin/users">Administration</Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <SignOutButton className={styles.signOut} />
      </div>
    </details>
  );
}

/** Props of {@link AnonymousLinks}. */
export interface AnonymousLinksProps {
  /** Shows the Register link (open registration). */
  canRegister: boolean;
}

/** Pages after which signing in should not come back to them. */
const NO_RETURN_PATHS = new Set(["/sign-in", "/register"]);

/**
 * Sign in (coming back to the current page afterwards) and, when registration is open, Register:
 * the header's account links for anonymous visitors.
 */
export function AnonymousLinks({ canRegister }: AnonymousLinksProps) {
  const pathname = usePathname();
  const signInHref =
    pathname && !NO_RETURN_PATHS.has(pathname) && pathname !== "/"
      ? `/sign-in?callbackUrl=${encodeURIComponent(pathname)}`
      : "/sign-in";
  return (
    <nav aria-label="Account" className={styles.anonymous}>
      <Link href={signInHref} className={styles.signInLink}>
        Sign in
      </Link>
      {canRegister ? (
        <Link href="/register" className={styles.registerLink}>
          Register
        </Link>
      ) : null}
    </nav>
  );
}
