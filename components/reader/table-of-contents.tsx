import type { ReactNode } from "react";

import styles from "./table-of-contents.module.css";

/** One heading of the article, as the table of contents needs it. */
export interface TableOfContentsSection {
  /** The heading's element id in the article text. */
  anchor: string;
  /** Heading level, 2–6. */
  level: number;
  title: string;
  /** Anchor of the enclosing section, or null for a top-level section. */
  parentAnchor: string | null;
}

/** Props of {@link TableOfContents}. */
export interface TableOfContentsProps {
  /** The article's headings in document order. */
  sections: TableOfContentsSection[];
  /** Element id for the "Contents" heading, which names the navigation landmark. */
  headingId?: string;
  /**
   * Something to show after a section's link, outside it (the annotation count badge), so the
   * link's name stays the section's title.
   */
  renderSectionExtra?: (section: TableOfContentsSection) => ReactNode;
}

/** A section with the sections nested in it. */
interface SectionNode {
  section: TableOfContentsSection;
  children: SectionNode[];
}

/**
 * Nests sections under their parents. A section whose parent is missing (or comes later, which a
 * consistent import never produces) is shown at the top level rather than dropped.
 */
function nestSections(sections: TableOfContentsSection[]): SectionNode[] {
  const nodesByAnchor = new Map<string, SectionNode>();
  const roots: SectionNode[] = [];
  for (const section of sections) {
    const node: SectionNode = { section, children: [] };
    const parent = section.parentAnchor ? nodesByAnchor.get(section.parentAnchor) : undefined;
    (parent ? parent.children : roots).push(node);
    nodesByAnchor.set(section.anchor, node);
  }
  return roots;
}

/** An ordered list of sections with links to their headings, nested to any depth. */
function SectionList({
  nodes,
  renderSectionExtra,
}: {
  nodes: SectionNode[];
  renderSectionExtra?: (section: TableOfContentsSection) => ReactNode;
}) {
  return (
    <ol className={styles.list}>
      {nodes.map(({ section, children }) => (
        <li key={section.anchor} className={styles.item}>
          <span className={styles.entry}>
            <a className={styles.link} href={`#${section.anchor}`}>
              {section.title}
            </a>
            {renderSectionExtra?.(section)}
          </span>
          {children.length > 0 ? (
            <SectionList nodes={children} renderSectionExtra={renderSectionExtra} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The article's table of contents: a `<nav>` named by its "Contents" heading (an `<h2>`, so the
 * heading order stays h1 → h2), with plain `#anchor` links that work without JavaScript. Section
 * numbers ("2.1") are drawn by CSS outside the links, so each link's name is just its title.
 * Renders nothing for an article without headings. `renderSectionExtra` adds something after each
 * link (the annotation count badges).
 */
export function TableOfContents({
  sections,
  headingId = "toc-heading",
  renderSectionExtra,
}: TableOfContentsProps) {
  if (sections.length === 0) {
    return null;
  }
  return (
    <nav className={styles.toc} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Contents
      </h2>
      <SectionList nodes={nestSections(sections)} renderSectionExtra={renderSectionExtra} />
    </nav>
  );
}
