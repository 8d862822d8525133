import type { ArticleForReading } from "@/lib/articles/find-article-for-reading";

import { ArticleBody } from "./article-body";
import { ArticleHeader } from "./article-header";
import styles from "./reading-view.module.css";
import { TableOfContents } from "./table-of-contents";

/** Props of {@link ReadingView}. */
export interface ReadingViewProps {
  article: ArticleForReading;
}

/** Element id of the article's `<h1>`, which also names the `<article>`. */
const TITLE_ID = "article-title";

/**
 * The reading view of one article revision: title and revision facts, the table of contents, and
 * the text (infobox, sections, bibliography) in an `<article>` named by its title. Everything is
 * server-rendered and works without JavaScript.
 */
export function ReadingView({ article }: ReadingViewProps) {
  const { revision } = article;
  return (
    <article className={styles.reader} aria-labelledby={TITLE_ID}>
      <div className={styles.header}>
        <ArticleHeader
          titleId={TITLE_ID}
          title={article.title}
          revisionNumber={revision.number}
          revisionCreatedAt={revision.createdAt}
          sectionCount={revision.sections.length}
        />
      </div>
      <div className={styles.toc}>
        <TableOfContents sections={revision.sections} />
      </div>
      <div className={styles.body}>
        {/* A new revision gets a new editor: the key remounts the client component. */}
        <ArticleBody key={revision.id} doc={revision.doc} />
      </div>
    </article>
  );
}
