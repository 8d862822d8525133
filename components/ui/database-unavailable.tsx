import Link from "next/link";

import styles from "./notice-page.module.css";

/** Seconds between automatic reloads while the database is away. */
export const DATABASE_RETRY_SECONDS = 15;

/** Props of {@link DatabaseUnavailable}. */
export interface DatabaseUnavailableProps {
  /** The address of the page that failed, reloaded by "Try again" and by the automatic refresh. */
  retryHref: string;
}

/**
 * The page shown instead of content when the database cannot be reached: what happened, that the
 * app recovers by itself, and a "Try again" link. It also reloads itself every
 * {@link DATABASE_RETRY_SECONDS} seconds (React hoists the refresh `<meta>` into the head), so a
 * reader who waits sees the page come back without doing anything.
 *
 * "Try again" is a plain `<a>` on purpose: a full reload asks the server again.
 */
export function DatabaseUnavailable({ retryHref }: DatabaseUnavailableProps) {
  return (
    <section className={styles.notice} aria-labelledby="database-unavailable-title">
      <meta httpEquiv="refresh" content={String(DATABASE_RETRY_SECONDS)} />
      <p className={styles.kicker}>Temporarily unavailable</p>
      <h1 id="database-unavailable-title" className="page-title">
        The database is unavailable
      </h1>
      <div className="prose">
        <p>
          Apparatus cannot reach its database right now, so this page cannot be shown. This is
          usually brief — the database may be restarting.
        </p>
        <p>
          There is nothing you need to do: the app reconnects by itself as soon as the database is
          back, and this page tries again every {DATABASE_RETRY_SECONDS} seconds.
        </p>
      </div>
      <p className={styles.actions}>
        <a className={styles.primaryAction} href={retryHref}>
          Try again
        </a>
        <Link href="/">Go to the article index</Link>
      </p>
    </section>
  );
}
