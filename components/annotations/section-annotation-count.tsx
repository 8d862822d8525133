"use client";

import type { MouseEvent } from "react";

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
 * The badge after a contents entry: how many of the shown annotations have their passage in that
 * section (its own text, not its subsections'). It links to the sidebar filtered to the section;
 * its name says it in words ("3 annotations in Aftermath"). Nothing for a section without any.
 */
export function SectionAnnotationCount({ anchor, title }: SectionAnnotationCountProps) {
  const { sectionCounts, view, setView, setPanelOpen } = useAnnotationWorkspace();
  const count = sectionCounts[anchor] ?? 0;
  if (count === 0) {
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
    <a className={styles.tocBadge} href={href} onClick={handleClick}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">
        {countAnnotations(count)} in {title}
      </span>
    </a>
  );
}
