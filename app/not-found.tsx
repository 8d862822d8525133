import type { Metadata } from "next";
import Link from "next/link";

import styles from "@/components/ui/notice-page.module.css";

/** Title of the 404 page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Page not found" };

/**
 * The 404 page, for `notFound()` (an unknown article slug) and for any unmatched address. Next
 * sends it with status 404.
 */
export default function NotFound() {
  return (
    <section className={styles.notice} aria-labelledby="not-found-title">
      <p className={styles.kicker}>Error 404</p>
      <h1 id="not-found-title" className="page-title">
        Page not found
      </h1>
      <div className="prose">
        <p>
          There is no article or page at this address. The link may be mistyped, or the article may
          have been renamed or removed.
        </p>
        <p>Every article that can be read is listed in the article index.</p>
      </div>
      <p className={styles.actions}>
        <Link className={styles.primaryAction} href="/">
          Browse all articles
        </Link>
      </p>
    </section>
  );
}
