"use client";

import { useMemo, type MouseEvent } from "react";

import { countOpenDisputes } from "@/components/disputes/dispute-display";
import disputeStyles from "@/components/disputes/disputes.module.css";
import { countOpenDisputesBySection } from "@/components/disputes/open-disputes";

import { countAnnotations } from "./annotation-display";
import { VIEW_PARAM_NAMES } from "./annotation-filters";
import { ANNOTATIONS_PANEL_ID, useAnnotationWorkspace } from "./annotation-workspace";
import styles from "./annotations.module.css";

/** Props of {@link SectionAnnotationCount}. */
export interface SectionAnnotationCountProps {
  /** The section's heading anchor. */
  anchor: string;
  /** The section's title, for the badge's accessible name. */
  title: string;
}

/**
 * The badges after a contents entry: how many of the shown annotations have their passage in that
 * section (its own text, not its subsections'), as a link to the sidebar filtered to the section
 * ("3 annotations in Aftermath"), and how many disputes there are still open ("2 open disputes in
 * Aftermath"). Nothing for a section without either.
 */
export function SectionAnnotationCount({ anchor, title }: SectionAnnotationCountProps) {
  const { annotations, sectionCounts, view, setView, setPanelOpen } = useAnnotationWorkspace();
  const openDisputes = useMemo(() => countOpenDisputesBySection(annotations), [annotations]);
  const count = sectionCounts[anchor] ?? 0;
  const disputeCount = openDisputes[anchor] ?? 0;
  if (count === 0 && disputeCount === 0) {
    return null;
  }

  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setView({ ...view, section: anchor });
    setPanelOpen(true);
    document.getElementById(ANNOTATIONS_PANEL_ID)?.focus();
  }

  const href = `?${VIEW_PARAM_NAMES.section}=${encodeURIComponent(anchor)}#${ANNOTATIONS_PANEL_ID}`;
  return (
    <>
      {count > 0 ? (
        <a className={styles.tocBadge} href={href} onClick={handleClick}>
          <span aria-hidden="true">{count}</span>
          <span className="visually-hidden">
            {countAnnotations(count)} in {title}
          </span>
        </a>
      ) : null}
      {disputeCount > 0 ? (
        <span className={disputeStyles.tocDisputes} title={countOpenDisputes(disputeCount)}>
          <span aria-hidden="true">⚑ {disputeCount}</span>
          <span className="visually-hidden">
            {countOpenDisputes(disputeCount)} in {title}
          </span>
        </span>
      ) : null}
    </>
  );
}
