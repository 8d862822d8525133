"use client";

import { buttonClassName } from "@/components/auth/form-controls";

import { AnnotationCard } from "./annotation-card";
import { AnnotationComposer } from "./annotation-composer";
import { countAnnotations } from "./annotation-display";
import { hasActiveFilters, isOrphan } from "./annotation-filters";
import { AnnotationFiltersForm } from "./annotation-filters-form";
import { AnnotationLegend } from "./annotation-legend";
import {
  ANNOTATE_SHORTCUT,
  ANNOTATIONS_PANEL_ID,
  useAnnotationWorkspace,
} from "./annotation-workspace";
import styles from "./annotations.module.css";

/** The annotate button, the sign-in link or nothing, depending on who reads. */
function AnnotateControl() {
  const { viewer, signInHref, openComposer, isEditorReady } = useAnnotationWorkspace();
  if (!viewer) {
    return (
      <p className={styles.annotateNote}>
        <a href={signInHref}>Sign in to annotate</a>
      </p>
    );
  }
  if (!viewer.canAnnotate) {
    return (
      <p className={styles.annotateNote}>
        Your account can read annotations; annotators can add them.
      </p>
    );
  }
  return (
    <div className={styles.annotate}>
      <noscript>
        <p className={styles.annotateNote}>Annotating needs JavaScript.</p>
      </noscript>
      <button
        type="button"
        className={buttonClassName("primary", true)}
        aria-keyshortcuts={ANNOTATE_SHORTCUT}
        onClick={openComposer}
        disabled={!isEditorReady}
      >
        Annotate selection
      </button>
      <p className={styles.hint}>
        Select a passage, then press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>A</kbd>. In the text,
        Shift with the arrow keys selects.
      </p>
    </div>
  );
}

/**
 * The annotations panel beside the text (a sheet over it on narrow screens, opened by a button at
 * the bottom): who may annotate, the composer, the layer switch and filters, the legend, the
 * entries in document order and the orphans. Rendered on the server, so the list reads without
 * JavaScript; highlights and annotating need it.
 */
export function AnnotationSidebar() {
  const workspace = useAnnotationWorkspace();
  const {
    annotations,
    shown,
    view,
    viewer,
    composer,
    notice,
    isEnhanced,
    isPanelOpen,
    setPanelOpen,
    createAnnotation,
    closeComposer,
  } = workspace;
  const placed = shown.filter((annotation) => !isOrphan(annotation));
  const orphans = shown.filter(isOrphan);
  const isFiltered = view.layer.type !== "all" || hasActiveFilters(view);
  const summary = isFiltered
    ? `${shown.length} of ${countAnnotations(annotations.length)} shown`
    : countAnnotations(annotations.length);

  return (
    <>
      {isEnhanced ? (
        <button
          type="button"
          className={styles.panelToggle}
          aria-expanded={isPanelOpen}
          aria-controls={ANNOTATIONS_PANEL_ID}
          onClick={() => setPanelOpen(!isPanelOpen)}
        >
          <span aria-hidden="true">✎</span> Annotations ({shown.length})
        </button>
      ) : null}
      <section
        id={ANNOTATIONS_PANEL_ID}
        className={styles.panel}
        aria-labelledby="annotations-heading"
        tabIndex={-1}
        data-enhanced={isEnhanced ? "" : undefined}
        data-open={isPanelOpen ? "" : undefined}
      >
        <div className={styles.panelHeader}>
          <h2 id="annotations-heading" className={styles.panelTitle}>
            Annotations
          </h2>
          <p className={styles.summary}>{summary}</p>
          {isEnhanced ? (
            <button
              type="button"
              className={`${styles.panelClose} ${buttonClassName("secondary", true)}`}
              onClick={() => setPanelOpen(false)}
            >
              Close<span className="visually-hidden"> annotations</span>
            </button>
          ) : null}
        </div>

        <AnnotateControl />
        {notice ? (
          <p className={styles.notice}>
            {notice.text}
            {notice.href ? (
              <>
                {" "}
                <a href={notice.href}>{notice.linkText ?? "Continue"}</a>
              </>
            ) : null}
          </p>
        ) : null}

        {composer ? (
          <AnnotationComposer
            key={composer.key}
            mode="create"
            quote={composer.passage.target.quote.exact}
            groups={viewer?.groups ?? []}
            onSubmit={createAnnotation}
            onCancel={closeComposer}
          />
        ) : null}

        <AnnotationFiltersForm />
        <AnnotationLegend />

        {placed.length > 0 ? (
          <ol className={styles.list} aria-label="Annotations in document order">
            {placed.map((annotation) => (
              <AnnotationCard key={annotation.id} annotation={annotation} />
            ))}
          </ol>
        ) : shown.length === 0 ? (
          <p className={styles.empty}>
            {annotations.length === 0
              ? "No annotations yet."
              : "No annotations match this layer and these filters."}
          </p>
        ) : null}

        {orphans.length > 0 ? (
          <section className={styles.orphans} aria-labelledby="orphaned-annotations-heading">
            <h3 id="orphaned-annotations-heading" className={styles.orphansTitle}>
              Orphaned annotations ({orphans.length})
            </h3>
            <p className={styles.hint}>
              Their passages changed in this revision and could not be found again. Select the
              passage in the text and press “Re-attach here” to place one by hand.
            </p>
            <ol className={styles.list}>
              {orphans.map((annotation) => (
                <AnnotationCard key={annotation.id} annotation={annotation} headingLevel={4} />
              ))}
            </ol>
          </section>
        ) : null}
      </section>
    </>
  );
}
