import Link from "next/link";
import type { ReactNode } from "react";

import styles from "./site-header.module.css";

/** Props of {@link SiteHeader}. */
export interface SiteHeaderProps {
  /** Account links (sign in, user menu) shown at the right-hand end. */
  actions?: ReactNode;
}

/**
 * The banner at the top of every page: the "Apparatus" wordmark linking home, the main links
 * (articles, sources) and a slot on the right for account links. A top-level `<header>`, so it is the page's banner landmark.
 */
export function SiteHeader({ actions }: SiteHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <p className={styles.brand}>
          <Link href="/" className={styles.wordmark}>
            Apparatus
          </Link>
          <span className={styles.tagline}>a source-critique workbench</span>
        </p>
        <nav aria-label="Main" className={styles.nav}>
          <Link href="/">Articles</Link>
          <Link href="/sources">Sources</Link>
        </nav>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </div>
    </header>
  );
}
