import styles from "./site-footer.module.css";

/** The footer of every page (the page's contentinfo landmark). */
export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={styles.inner}>
        <p>
          <strong>Apparatus</strong> — read an article closely, annotate its claims, weigh its
          sources.
        </p>
      </div>
    </footer>
  );
}
