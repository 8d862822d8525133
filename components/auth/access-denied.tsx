import Link from "next/link";
import type { ReactNode } from "react";

import styles from "@/components/ui/notice-page.module.css";

/** Props of {@link AccessDenied}. */
export interface AccessDeniedProps {
  /** What the page is ("Administration"). */
  title: string;
  /** Why the signed-in user cannot use it, and what to do instead. */
  children: ReactNode;
  /** Where to go back to instead of the article index (e.g. the source one may not edit). */
  back?: { href: string; label: string };
}

/**
 * The notice a signed-in user sees on a page their role cannot use: a 403 in words, with a way
 * back. The server actions and use cases refuse anyway; this only explains.
 */
export function AccessDenied({ title, children, back }: AccessDeniedProps) {
  return (
    <section className={styles.notice} aria-labelledby="access-denied-title">
      <p className={styles.kicker}>Error 403 · Not allowed</p>
      <h1 id="access-denied-title" className="page-title">
        {title}
      </h1>
      <div className="prose">{children}</div>
      <p className={styles.actions}>
        <Link className={styles.primaryAction} href={back?.href ?? "/"}>
          {back?.label ?? "Go to the article index"}
        </Link>
        <Link href="/account">Your account</Link>
      </p>
    </section>
  );
}
