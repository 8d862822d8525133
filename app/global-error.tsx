"use client";

import styles from "@/components/ui/notice-page.module.css";

import "./globals.css";

/** Props Next passes to the root error boundary. */
interface GlobalErrorProps {
  /** What was thrown; never shown, so that no internals leak. */
  error: unknown;
  /** Re-fetches and re-renders the root layout and page. */
  retry: () => void;
}

/**
 * The last-resort error page, used when the root layout itself fails. It replaces the whole
 * document, so it renders its own `<html>` and `<body>` and a minimal frame with the same styles.
 */
export default function GlobalError({ retry }: GlobalErrorProps) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Apparatus</title>
        <main id="main" className="site-main">
          <section className={styles.notice} aria-labelledby="global-error-title">
            <p className={styles.kicker}>Apparatus</p>
            <h1 id="global-error-title" className="page-title">
              Something went wrong
            </h1>
            <div className="prose">
              <p>
                Apparatus hit an unexpected error and could not show this page. Trying again often
                helps.
              </p>
            </div>
            <p className={styles.actions}>
              <button type="button" className={styles.primaryAction} onClick={() => retry()}>
                Try again
              </button>
              {/* A full page load: the app's own navigation may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a href="/">Go to the article index</a>
            </p>
          </section>
        </main>
      </body>
    </html>
  );
}
