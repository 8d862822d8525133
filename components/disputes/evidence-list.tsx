import type { EvidenceView } from "@/lib/disputes/claim-page-view";
import { EVIDENCE_RELATION_LABELS, SOURCE_CATEGORY_LABELS } from "@/lib/disputes/labels";
import { formatReliability } from "@/lib/sources/reliability-summary";

import {
  canManage,
  EVIDENCE_RELATION_GLYPHS,
  formatAuthorYear,
  formatLocator,
  groupEvidenceByRelation,
  SOURCE_PROXIMITY_LABELS,
  type ClaimViewer,
} from "./dispute-display";
import styles from "./disputes.module.css";
import { RemoveEvidenceButton } from "./remove-evidence-button";

/** Props of {@link EvidenceList}. */
export interface EvidenceListProps {
  evidence: EvidenceView[];
  articleSlug: string;
  viewer: ClaimViewer | null;
  /** Level of the relation headings (4 in an account, 5 in a reply). */
  headingLevel?: 4 | 5;
  /** Said when there is no evidence; nothing when omitted. */
  emptyText?: string;
}

/** The link of a passage used as evidence: its section of the article, or the article. */
function passageHref(articleSlug: string, sectionAnchor: string | null): string {
  const base = `/articles/${encodeURIComponent(articleSlug)}`;
  return sectionAnchor ? `${base}#${encodeURIComponent(sectionAnchor)}` : base;
}

/** One piece of evidence: a citation of a source with its critique, or a passage of the article. */
function EvidenceItem({
  item,
  articleSlug,
  viewer,
}: {
  item: EvidenceView;
  articleSlug: string;
  viewer: ClaimViewer | null;
}) {
  const { source } = item;
  const locator = formatLocator(item.locatorLabel, item.locator);
  const description = source
    ? formatAuthorYear(source)
    : `passage “${(item.passage?.exact ?? "").slice(0, 40)}”`;
  return (
    <li className={styles.evidence} data-relation={item.relation.toLowerCase()}>
      <span className={styles.relationBadge}>
        <span aria-hidden="true">{EVIDENCE_RELATION_GLYPHS[item.relation]}</span>
        {EVIDENCE_RELATION_LABELS[item.relation]}
      </span>
      {source ? (
        <>
          <p className={styles.citation}>
            {formatAuthorYear(source)},{" "}
            <a className={styles.citationTitle} href={`/sources/${encodeURIComponent(source.id)}`}>
              {source.title}
            </a>
            {locator ? (
              <>
                , <span className={styles.locator}>{locator}</span>
              </>
            ) : null}
            {source.isDeleted ? <> (removed from the library)</> : null}
          </p>
          {item.quote ? <blockquote className={styles.excerpt}>{item.quote}</blockquote> : null}
          <ul className={styles.critique} aria-label="Source critique">
            {source.category ? <li>{SOURCE_CATEGORY_LABELS[source.category]}</li> : null}
            <li>{SOURCE_PROXIMITY_LABELS[source.proximity]}</li>
            {source.authorPosition ? <li>Author: {source.authorPosition}</li> : null}
            <li>
              Reliability:{" "}
              <span className={styles.reliability}>{formatReliability(source.reliability)}</span>
            </li>
          </ul>
        </>
      ) : item.passage ? (
        <>
          <p className={styles.citation}>
            A passage of this article:{" "}
            <a href={passageHref(articleSlug, item.passage.sectionAnchor)}>
              show it in the article
            </a>
          </p>
          <blockquote className={styles.excerpt}>“{item.passage.exact}”</blockquote>
        </>
      ) : null}
      {item.note ? <p className={styles.citation}>{item.note}</p> : null}
      <p className={styles.meta}>
        Added by {item.createdBy.name}
        {canManage(viewer, item.createdBy.id) ? (
          <>
            <span aria-hidden="true">·</span>
            <RemoveEvidenceButton evidenceId={item.id} description={description} />
          </>
        ) : null}
      </p>
    </li>
  );
}

/**
 * Evidence grouped by relation (supports, contradicts, contextualises, mentions), each group
 * under a heading with its badge; each source citation shows author, year, title (a link to the
 * source's page), the locator ("p. 213"), the quoted excerpt and the source's critique with its
 * reliability summary.
 */
export function EvidenceList({
  evidence,
  articleSlug,
  viewer,
  headingLevel = 4,
  emptyText,
}: EvidenceListProps) {
  if (evidence.length === 0) {
    return emptyText ? <p className={styles.stub}>{emptyText}</p> : null;
  }
  const Heading = headingLevel === 4 ? "h4" : "h5";
  return (
    <>
      {groupEvidenceByRelation(evidence).map((group) => (
        <section key={group.relation} className={styles.evidenceGroup}>
          <Heading className={styles.evidenceGroupTitle}>
            {EVIDENCE_RELATION_LABELS[group.relation]} ({group.items.length})
          </Heading>
          <ul className={styles.evidenceList}>
            {group.items.map((item) => (
              <EvidenceItem key={item.id} item={item} articleSlug={articleSlug} viewer={viewer} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
