"use client";

import { useId, useMemo, useState, type FormEvent } from "react";

import { buttonClassName } from "@/components/auth/form-controls";

import { ANNOTATION_KINDS, CLAIM_FLAGS, FLAG_LABELS, KIND_LABELS } from "./annotation-display";
import {
  DEFAULT_VIEW_STATE,
  hasActiveFilters,
  layerFromValue,
  layerToValue,
  LEAD_SECTION,
  VIEW_PARAM_NAMES,
  type AnnotationViewState,
  type OrphanFilter,
} from "./annotation-filters";
import { useAnnotationWorkspace } from "./annotation-workspace";
import styles from "./annotations.module.css";

/** One labelled `<select>` of the filters. */
function FilterSelect({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={styles.filterField}>
      <label className={styles.filterLabel} htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        className={styles.select}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The layer switch and the filters of the sidebar. It is a GET form of the article page, so it
 * works without JavaScript (Apply reloads the page with `?layer=…&kind=…`); with JavaScript every
 * change applies at once and the URL follows. The filters sit in a disclosure, open when any is
 * in use.
 */
export function AnnotationFiltersForm() {
  const { view, setView, annotations, viewer, sections, articleSlug, isEnhanced } =
    useAnnotationWorkspace();
  const [isInitiallyOpen] = useState(() => hasActiveFilters(view));
  const action = `/articles/${encodeURIComponent(articleSlug)}`;

  const tagOptions = useMemo(
    () => [...new Set(annotations.flatMap((annotation) => annotation.tags))].sort(),
    [annotations],
  );
  const authorOptions = useMemo(() => {
    const authors = new Map<string, string>();
    for (const annotation of annotations) {
      authors.set(annotation.author.id, annotation.author.name);
    }
    return [...authors.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [annotations]);

  function update(patch: Partial<AnnotationViewState>) {
    setView({ ...view, ...patch });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    if (isEnhanced) {
      // Changes already applied; Enter in a field must not reload the page.
      event.preventDefault();
    }
  }

  const layerOptions = [{ value: "all", label: "All layers I can see" }];
  layerOptions.push({ value: "public", label: "Public" });
  for (const group of viewer?.groups ?? []) {
    layerOptions.push({ value: `group:${group.id}`, label: `Group: ${group.name}` });
  }
  if (viewer) {
    layerOptions.push({ value: "private", label: "Only me (private)" });
  }
  const activeCount = [
    view.kind,
    view.flag,
    view.tag,
    view.authorId,
    view.section,
    view.orphans !== "all" ? view.orphans : null,
  ].filter(Boolean).length;

  return (
    <form
      className={styles.filters}
      method="get"
      action={action}
      onSubmit={handleSubmit}
      aria-label="Layer and filters"
    >
      <FilterSelect
        label="Layer"
        name={VIEW_PARAM_NAMES.layer}
        value={layerToValue(view.layer)}
        options={layerOptions}
        onChange={(value) => update({ layer: layerFromValue(value) })}
      />
      <details className={styles.filterDetails} open={isInitiallyOpen}>
        <summary className={styles.filterSummary}>
          Filters{activeCount > 0 ? ` (${activeCount} in use)` : ""}
        </summary>
        <div className={styles.filterGrid}>
          <FilterSelect
            label="Type"
            name={VIEW_PARAM_NAMES.kind}
            value={view.kind ?? ""}
            options={[
              { value: "", label: "All types" },
              ...ANNOTATION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })),
            ]}
            onChange={(value) => update({ kind: value || null })}
          />
          <FilterSelect
            label="Flag"
            name={VIEW_PARAM_NAMES.flag}
            value={view.flag ?? ""}
            options={[
              { value: "", label: "All flags" },
              ...CLAIM_FLAGS.map((flag) => ({ value: flag, label: FLAG_LABELS[flag] })),
            ]}
            onChange={(value) => update({ flag: value || null })}
          />
          <FilterSelect
            label="Tag"
            name={VIEW_PARAM_NAMES.tag}
            value={view.tag ?? ""}
            options={[
              { value: "", label: "All tags" },
              ...(view.tag && !tagOptions.includes(view.tag) ? [view.tag] : [])
                .concat(tagOptions)
                .map((tag) => ({ value: tag, label: tag })),
            ]}
            onChange={(value) => update({ tag: value || null })}
          />
          <FilterSelect
            label="Author"
            name={VIEW_PARAM_NAMES.authorId}
            value={view.authorId ?? ""}
            options={[
              { value: "", label: "All authors" },
              ...authorOptions.map(([id, name]) => ({ value: id, label: name })),
            ]}
            onChange={(value) => update({ authorId: value || null })}
          />
          <FilterSelect
            label="Section"
            name={VIEW_PARAM_NAMES.section}
            value={view.section ?? ""}
            options={[
              { value: "", label: "All sections" },
              { value: LEAD_SECTION, label: "Introduction" },
              ...sections.map((section) => ({ value: section.anchor, label: section.title })),
            ]}
            onChange={(value) => update({ section: value || null })}
          />
          <FilterSelect
            label="Placement"
            name={VIEW_PARAM_NAMES.orphans}
            value={view.orphans}
            options={[
              { value: "all", label: "Placed and orphaned" },
              { value: "placed", label: "Placed only" },
              { value: "orphaned", label: "Orphaned only" },
            ]}
            onChange={(value) => update({ orphans: value as OrphanFilter })}
          />
        </div>
        {activeCount > 0 ? (
          <div className={styles.formActions}>
            {isEnhanced ? (
              <button
                type="button"
                className={buttonClassName("secondary", true)}
                onClick={() =>
                  setView({ ...DEFAULT_VIEW_STATE, layer: view.layer, colorMode: view.colorMode })
                }
              >
                Clear filters
              </button>
            ) : (
              <a className={styles.actionLink} href={action}>
                Clear filters
              </a>
            )}
          </div>
        ) : null}
      </details>
      <noscript>
        <div className={styles.formActions}>
          <button type="submit" className={buttonClassName("secondary", true)}>
            Apply
          </button>
        </div>
      </noscript>
      {view.colorMode === "tag" ? (
        <input type="hidden" name={VIEW_PARAM_NAMES.colorMode} value="tag" />
      ) : null}
    </form>
  );
}
