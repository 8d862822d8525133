import Link from "next/link";

import type { AnnotationItem, AnnotationViewer } from "@/components/annotations/annotation-display";
import type { AnnotationViewState } from "@/components/annotations/annotation-filters";
import { AnnotationSidebar } from "@/components/annotations/annotation-sidebar";
import {
  AnnotationWorkspace,
  type InitialSectionCounts,
} from "@/components/annotations/annotation-workspace";
import { SectionAnnotationCount } from "@/components/annotations/section-annotation-count";
import { buttonClassName } from "@/components/auth/button-styles";
import { ExportDialog, type ExportChoice } from "@/components/export/export-dialog";
import type { ArticleForReading } from "@/lib/articles/find-article-for-reading";

import { ArticleBody } from "./article-body";
import { ArticleHeader } from "./article-header";
import styles from "./reading-view.module.css";
import { TableOfContents } from "./table-of-contents";

/** The annotations of the revision being read, as the page loaded them for the viewer. */
export interface ReadingViewAnnotations {
  /** The annotations the viewer may see, in document order, anchored on this revision. */
  items: AnnotationItem[];
  /** The server's per-section counts of those annotations. */
  counts: InitialSectionCounts;
  /** The layer, filters and colouring named by the page's query string. */
  view: AnnotationViewState;
  /** Who is reading: null for an anonymous visitor. */
  viewer: AnnotationViewer | null;
  /** The sign-in page, coming back to this article. */
  signInHref: string;
}

/** Props of {@link ReadingView}. */
export interface ReadingViewProps {
  article: ArticleForReading;
  annotations: ReadingViewAnnotations;
}

/** Element id of the article's `<h1>`, which also names the `<article>`. */
const TITLE_ID = "article-title";

/**
 * The reading view of one article revision: title and revision facts, the table of contents (with
 * annotation counts), the text (infobox, sections, bibliography) and the annotations panel, in an
 * `<article>` named by its title. Everything is server-rendered and reads without JavaScript; in
 * the browser the annotation workspace draws highlights in the text and lets annotators annotate.
 */
export function ReadingView({ article, annotations }: ReadingViewProps) {
  const { revision } = article;
  return (
    <AnnotationWorkspace
      // A new revision starts a new workspace, as it gets a new editor.
      key={revision.id}
      articleId={article.id}
      revisionId={revision.id}
      articleSlug={article.slug}
      initialAnnotations={annotations.items}
      initialCounts={annotations.counts}
      initialView={annotations.view}
      viewer={annotations.viewer}
      signInHref={annotations.signInHref}
      sections={revision.sections.map(({ anchor, title }) => ({ anchor, title }))}
    >
      <article className={styles.reader} aria-labelledby={TITLE_ID}>
        <div className={styles.header}>
          <ArticleHeader
            titleId={TITLE_ID}
            title={article.title}
            revisionNumber={revision.number}
            revisionCreatedAt={revision.createdAt}
            sectionCount={revision.sections.length}
          />
          <ExportDialog
            slug={article.slug}
            revisionNumber={revision.number}
            revisionCount={article.revisionCount}
            sections={revision.sections}
            annotators={countAnnotators(annotations.items)}
            tags={countTags(annotations.items)}
          />
          {annotations.viewer?.canAnnotate ? (
            <Link
              href={`/articles/${encodeURIComponent(article.slug)}/import`}
              className={buttonClassName("secondary", true)}
            >
              Import annotations
            </Link>
          ) : null}
        </div>
        <div className={styles.toc}>
          <TableOfContents
            sections={revision.sections}
            renderSectionExtra={(section) => (
              <SectionAnnotationCount anchor={section.anchor} title={section.title} />
            )}
          />
        </div>
        <div className={styles.body}>
          {/* A new revision gets a new editor: the key remounts the client component. */}
          <ArticleBody key={revision.id} doc={revision.doc} />
        </div>
        <div className={styles.annotations}>
          <AnnotationSidebar />
        </div>
      </article>
    </AnnotationWorkspace>
  );
}

/** The annotators of `items`, with how many annotations each wrote, by name. */
function countAnnotators(items: readonly AnnotationItem[]): ExportChoice[] {
  const byId = new Map<string, ExportChoice>();
  for (const { author } of items) {
    const entry = byId.get(author.id);
    if (entry) {
      entry.count += 1;
    } else {
      byId.set(author.id, { value: author.id, label: author.name, count: 1 });
    }
  }
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** The tags of `items`, with how many annotations carry each, alphabetically. */
function countTags(items: readonly AnnotationItem[]): ExportChoice[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const tag of item.tags) {
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([tag, count]) => ({ value: tag, label: tag, count }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
