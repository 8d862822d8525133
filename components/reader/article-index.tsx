import Link from "next/link";

import { FormattedDate } from "@/components/ui/formatted-date";
import type { ArticleSummary } from "@/lib/articles/list-articles";

import styles from "./article-index.module.css";

/** Props of {@link ArticleIndex}. */
export interface ArticleIndexProps {
  articles: ArticleSummary[];
}

/** The command that imports an article file, shown in the empty state. */
const IMPORT_COMMAND = "npm run import -- <file>";

/** The same command for the sample article that ships with Apparatus. */
const IMPORT_SAMPLE_COMMAND = "npm run import -- seed/articles/afghan-civil-war-1989-1992.txt";

/** What the index shows before any article has been imported. */
function EmptyArticleIndex() {
  return (
    <div className={styles.empty}>
      <h2 className={styles.emptyTitle}>No articles yet</h2>
      <p>
        Articles are imported from plain-text files. In the project folder, run this with the path
        of an article file:
      </p>
      <pre className={styles.command}>
        <code>{IMPORT_COMMAND}</code>
      </pre>
      <p>For example, to import the sample article:</p>
      <pre className={styles.command}>
        <code>{IMPORT_SAMPLE_COMMAND}</code>
      </pre>
      <p>Then reload this page.</p>
    </div>
  );
}

/**
 * The list of readable articles on the home page: each title links to its reading view, with the
 * opening of the lead and facts about the current revision. An empty database gets a short
 * explanation of how to import an article instead.
 */
export function ArticleIndex({ articles }: ArticleIndexProps) {
  if (articles.length === 0) {
    return <EmptyArticleIndex />;
  }
  return (
    <ul className={styles.list}>
      {articles.map((article) => (
        <li key={article.slug} className={styles.item}>
          <h2 className={styles.title}>
            <Link href={`/articles/${encodeURIComponent(article.slug)}`}>{article.title}</Link>
          </h2>
          {article.excerpt ? <p className={styles.excerpt}>{article.excerpt}</p> : null}
          <p className={styles.meta}>
            <span>Revision {article.revisionNumber}</span>
            <span className={styles.separator} aria-hidden="true">
              ·
            </span>
            <span>
              {article.sectionCount} {article.sectionCount === 1 ? "section" : "sections"}
            </span>
            <span className={styles.separator} aria-hidden="true">
              ·
            </span>
            <span>
              Updated <FormattedDate date={article.updatedAt} />
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}
