"use client";

import Link from "next/link";
import { useEffect } from "react";

import styles from "@/components/ui/notice-page.module.css";

/** Props Next passes to a segment's error boundary. */
interface ErrorPageProps {
  /** What was thrown; from a Server Component only a generic Error with a `digest` arrives. */
  error: unknown;
  /** Re-fetches and re-renders the segment. */
  retry: () => void;
}

/** The `digest` that Next attaches to server errors, to match the server log. */
function readDigest(error: unknown): string | null {
  if (error && typeof error === "object" && "digest" in error) {
    const { digest } = error as { digest?: unknown };
    return typeof digest === "string" ? digest : null;
  }
  return null;
}

/**
 * The error boundary for every page below the root layout: an unexpected failure shows a short
 * apology and a way to retry, never a stack trace. (An unreachable database does not get here;
 * the pages catch it and show their own "database unavailable" page.)
 */
export default function ErrorPage({ error, retry }: ErrorPageProps) {
  const digest = readDigest(error);

  useEffect(() => {
    // Keep the error in the browser console for whoever is debugging; the UI stays generic.
    // eslint-disable-next-line no-console
    console.error(error);
  }, [error]);

  return (
    <section className={styles.notice} aria-labelledby="error-title">
      <p className={styles.kicker}>Something went wrong</p>
      <h1 id="error-title" className="page-title">
        This page could not be shown
      </h1>
      <div className="prose">
        <p>
          An unexpected error stopped this page from loading. Trying again often helps; if it keeps
          happening, please report it
          {digest ? (
            <>
              {" "}
              and quote the reference <code>{digest}</code>
            </>
          ) : null}
          .
        </p>
      </div>
      <p className={styles.actions}>
        <button type="button" className={styles.primaryAction} onClick={() => retry()}>
          Try again
        </button>
        <Link href="/">Go to the article index</Link>
      </p>
    </section>
  );
}
