/**
 * The reader's view of the annotations: which layer is shown (all layers the reader can see,
 * public, one group, only mine), the filters (kind, flag, tag, author, section, orphaned) and the
 * colour mode. The same state lives in the page's query string (`?layer=…&flag=DISPUTED`), so the
 * server-rendered sidebar filters without JavaScript, and in the browser the sidebar filters at
 * once and rewrites the URL.
 *
 * Pure: runs on the server (the initial render) and in the browser alike.
 */
import {
  ANNOTATION_KINDS,
  CLAIM_FLAGS,
  type AnnotationItem,
  type ColorMode,
} from "./annotation-display";

/** Which annotation layer is shown. */
export type AnnotationLayer =
  { type: "all" } | { type: "public" } | { type: "private" } | { type: "group"; groupId: string };

/** Orphan filter: every annotation, only placed ones, or only orphans. */
export type OrphanFilter = "all" | "placed" | "orphaned";

/** Everything that decides which annotations are shown and how. */
export interface AnnotationViewState {
  layer: AnnotationLayer;
  kind: string | null;
  flag: string | null;
  tag: string | null;
  authorId: string | null;
  /** A section anchor, or {@link LEAD_SECTION} for the text before the first heading. */
  section: string | null;
  orphans: OrphanFilter;
  colorMode: ColorMode;
}

/** The `section` filter value of the lead (the text before the first heading). */
export const LEAD_SECTION = "lead";

/** The view before the reader chose anything. */
export const DEFAULT_VIEW_STATE: AnnotationViewState = {
  layer: { type: "all" },
  kind: null,
  flag: null,
  tag: null,
  authorId: null,
  section: null,
  orphans: "all",
  colorMode: "type",
};

/** Query-string names of the view's fields. */
export const VIEW_PARAM_NAMES = {
  layer: "layer",
  kind: "kind",
  flag: "flag",
  tag: "tag",
  authorId: "author",
  section: "section",
  orphans: "orphans",
  colorMode: "colour",
} as const;

/** A layer as a query-string value: "all", "public", "private" or "group:<id>". */
export function layerToValue(layer: AnnotationLayer): string {
  return layer.type === "group" ? `group:${layer.groupId}` : layer.type;
}

/** The layer a query-string value names; unknown values mean all layers. */
export function layerFromValue(value: string | null | undefined): AnnotationLayer {
  if (value === "public" || value === "private") {
    return { type: value };
  }
  if (value?.startsWith("group:") && value.length > "group:".length) {
    return { type: "group", groupId: value.slice("group:".length) };
  }
  return { type: "all" };
}

/** The first value of a query parameter as Next hands it over. */
function firstValue(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? null : first;
}

/**
 * The view named by the page's query string. Values that cannot occur (an unknown kind) are
 * ignored rather than refused: a hand-edited URL still shows the article.
 */
export function parseViewState(
  params: Record<string, string | string[] | undefined>,
): AnnotationViewState {
  const kind = firstValue(params[VIEW_PARAM_NAMES.kind]);
  const flag = firstValue(params[VIEW_PARAM_NAMES.flag]);
  const orphans = firstValue(params[VIEW_PARAM_NAMES.orphans]);
  return {
    layer: layerFromValue(firstValue(params[VIEW_PARAM_NAMES.layer])),
    kind: kind && (ANNOTATION_KINDS as readonly string[]).includes(kind) ? kind : null,
    flag: flag && (CLAIM_FLAGS as readonly string[]).includes(flag) ? flag : null,
    tag: firstValue(params[VIEW_PARAM_NAMES.tag])?.slice(0, 50) ?? null,
    authorId: firstValue(params[VIEW_PARAM_NAMES.authorId])?.slice(0, 64) ?? null,
    section: firstValue(params[VIEW_PARAM_NAMES.section])?.slice(0, 200) ?? null,
    orphans: orphans === "placed" || orphans === "orphaned" ? orphans : "all",
    colorMode: firstValue(params[VIEW_PARAM_NAMES.colorMode]) === "tag" ? "tag" : "type",
  };
}

/** The query string of a view, defaults left out ("" for the default view). */
export function viewStateToQuery(state: AnnotationViewState): string {
  const params = new URLSearchParams();
  if (state.layer.type !== "all") {
    params.set(VIEW_PARAM_NAMES.layer, layerToValue(state.layer));
  }
  if (state.kind) {
    params.set(VIEW_PARAM_NAMES.kind, state.kind);
  }
  if (state.flag) {
    params.set(VIEW_PARAM_NAMES.flag, state.flag);
  }
  if (state.tag) {
    params.set(VIEW_PARAM_NAMES.tag, state.tag);
  }
  if (state.authorId) {
    params.set(VIEW_PARAM_NAMES.authorId, state.authorId);
  }
  if (state.section) {
    params.set(VIEW_PARAM_NAMES.section, state.section);
  }
  if (state.orphans !== "all") {
    params.set(VIEW_PARAM_NAMES.orphans, state.orphans);
  }
  if (state.colorMode !== "type") {
    params.set(VIEW_PARAM_NAMES.colorMode, state.colorMode);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** True when the annotation could not be placed on the revision being read. */
export function isOrphan(annotation: AnnotationItem): boolean {
  return annotation.anchor === null || annotation.anchor.isOrphaned;
}

/** True when the annotation is in the layer. */
export function isInLayer(annotation: AnnotationItem, layer: AnnotationLayer): boolean {
  switch (layer.type) {
    case "all":
      return true;
    case "public":
      return annotation.visibility === "PUBLIC";
    case "private":
      return annotation.visibility === "PRIVATE";
    case "group":
      return annotation.visibility === "GROUP" && annotation.groupId === layer.groupId;
  }
}

/** The section an annotation's passage is in on this revision: its anchor, or the lead. */
export function annotationSection(annotation: AnnotationItem): string | null {
  if (isOrphan(annotation)) {
    return null;
  }
  return annotation.anchor?.sectionAnchor ?? LEAD_SECTION;
}

/** True when any filter (not the layer or colour mode) narrows the list. */
export function hasActiveFilters(state: AnnotationViewState): boolean {
  return Boolean(
    state.kind ||
    state.flag ||
    state.tag ||
    state.authorId ||
    state.section ||
    state.orphans !== "all",
  );
}

/** The annotations of the layer that pass every filter, in the order given (document order). */
export function filterAnnotations(
  annotations: readonly AnnotationItem[],
  state: AnnotationViewState,
): AnnotationItem[] {
  return annotations.filter((annotation) => {
    if (!isInLayer(annotation, state.layer)) {
      return false;
    }
    if (state.kind && annotation.kind !== state.kind) {
      return false;
    }
    if (state.flag && annotation.flag !== state.flag) {
      return false;
    }
    if (state.tag && !annotation.tags.includes(state.tag)) {
      return false;
    }
    if (state.authorId && annotation.author.id !== state.authorId) {
      return false;
    }
    if (state.section && annotationSection(annotation) !== state.section) {
      return false;
    }
    if (state.orphans === "placed" && isOrphan(annotation)) {
      return false;
    }
    if (state.orphans === "orphaned" && !isOrphan(annotation)) {
      return false;
    }
    return true;
  });
}

/** How many of the annotations are placed in each section (the lead under {@link LEAD_SECTION}). */
export function countBySection(annotations: readonly AnnotationItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const annotation of annotations) {
    const section = annotationSection(annotation);
    if (section !== null) {
      counts[section] = (counts[section] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * Document order, as the server lists annotations: placed before orphans, then by start, longer
 * passages first at the same start, then oldest first. Used to slot in annotations the reader
 * just created or re-attached.
 */
export function compareInDocumentOrder(a: AnnotationItem, b: AnnotationItem): number {
  const aStart = isOrphan(a) ? null : (a.anchor?.start ?? null);
  const bStart = isOrphan(b) ? null : (b.anchor?.start ?? null);
  if (aStart === null || bStart === null) {
    if (aStart !== bStart) {
      return aStart === null ? 1 : -1;
    }
  } else if (aStart !== bStart) {
    return aStart - bStart;
  } else if (a.anchor?.end !== b.anchor?.end) {
    return (b.anchor?.end ?? 0) - (a.anchor?.end ?? 0);
  }
  return (
    new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a.id.localeCompare(b.id)
  );
}
