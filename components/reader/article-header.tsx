import { FormattedDate } from "@/components/ui/formatted-date";

import styles from "./article-header.module.css";

/** Props of {@link ArticleHeader}. */
export interface ArticleHeaderProps {
  /** The element id of the `<h1>`, so the surrounding `<article>` can take its name from it. */
  titleId: string;
  title: string;
  revisionNumber: number;
  revisionCreatedAt: Date;
  sectionCount: number;
}

/**
 * The top of the reading view: the article title (the page's only `<h1>`; it is not part of the
 * document) and a line of facts about the revision being read.
 */
export function ArticleHeader({
  titleId,
  title,
  revisionNumber,
  revisionCreatedAt,
  sectionCount,
}: ArticleHeaderProps) {
  return (
    <header className={styles.header}>
      <h1 id={titleId} className="page-title">
        {title}
      </h1>
      <p className={styles.meta}>
        <span>Revision {revisionNumber}</span>
        <span className={styles.separator} aria-hidden="true">
          ·
        </span>
        <FormattedDate date={revisionCreatedAt} />
        <span className={styles.separator} aria-hidden="true">
          ·
        </span>
        <span>
          {sectionCount} {sectionCount === 1 ? "section" : "sections"}
        </span>
      </p>
    </header>
  );
}
