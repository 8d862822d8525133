/**
 * How annotations look and read: labels, glyphs and colour tones of kinds, claim flags and claim
 * statuses, layer names, and the sentences screen readers hear. The text highlights, the legend
 * and the sidebar all take them from here, so the three always agree. The names of claim statuses
 * come from `@/lib/disputes/labels`, shared with the claim page and the exports.
 *
 * Colour never carries meaning alone: every kind and flag also has a glyph (the margin mark in the
 * text and the icon in the sidebar) and an underline pattern (annotation-highlights.css).
 */
import type { AnnotationView } from "@/lib/annotations/annotation-view";
import { CLAIM_STATUS_LABELS } from "@/lib/disputes/labels";
import type {
  AnnotationKind,
  ClaimFlag,
  ClaimStatus,
  Visibility,
} from "@/lib/generated/prisma/enums";

/** An annotation as the reader's components receive it from the server. */
export type AnnotationItem = AnnotationView;

/** What the reading page knows about the person reading it. */
export interface AnnotationViewer {
  id: string;
  name: string;
  /** May create annotations (annotators and above). */
  canAnnotate: boolean;
  /** May hide annotations and re-attach anyone's (moderators and admins). */
  canModerate: boolean;
  /** The groups the viewer belongs to: annotation layers they can read and write. */
  groups: { id: string; name: string }[];
}

/** The kinds of annotation in the order the composer offers them. */
export const ANNOTATION_KINDS: readonly AnnotationKind[] = [
  "COMMENT",
  "QUESTION",
  "HIGHLIGHT",
  "CLAIM",
];

/** Claim flags in the order the composer and the legend list them. */
export const CLAIM_FLAGS: readonly ClaimFlag[] = [
  "DISPUTED",
  "DUBIOUS",
  "CITATION_NEEDED",
  "BETTER_SOURCE_NEEDED",
  "CONTRADICTED",
  "CORROBORATED",
];

/** Claim statuses in their lifecycle order. */
export const CLAIM_STATUSES: readonly ClaimStatus[] = [
  "OPEN",
  "UNDER_REVIEW",
  "ACCEPTED",
  "REJECTED",
  "CONTESTED",
];

/** Names of the kinds, as the composer's choices. */
export const KIND_LABELS: Record<AnnotationKind, string> = {
  COMMENT: "Comment",
  QUESTION: "Question",
  HIGHLIGHT: "Highlight",
  CLAIM: "Claim flag",
};

/** Names of the flags. */
export const FLAG_LABELS: Record<ClaimFlag, string> = {
  DISPUTED: "Disputed",
  DUBIOUS: "Dubious",
  CITATION_NEEDED: "Citation needed",
  BETTER_SOURCE_NEEDED: "Better source needed",
  CONTRADICTED: "Contradicted by another passage",
  CORROBORATED: "Corroborated",
};

/** Names of the visibilities, for the composer. */
export const VISIBILITY_LABELS: Record<Visibility, string> = {
  PUBLIC: "Public",
  GROUP: "A group",
  PRIVATE: "Only me",
};

/**
 * Glyphs of kinds and flags: the margin mark beside the text and the icon in the sidebar and the
 * legend. Chosen from characters common fonts have, and different in shape from one another.
 */
export const KIND_GLYPHS: Record<Exclude<AnnotationKind, "CLAIM">, string> = {
  COMMENT: "✎",
  QUESTION: "?",
  HIGHLIGHT: "✱",
};

/** Glyphs of the claim flags; see {@link KIND_GLYPHS}. */
export const FLAG_GLYPHS: Record<ClaimFlag, string> = {
  DISPUTED: "⚑",
  DUBIOUS: "‽",
  CITATION_NEEDED: "†",
  BETTER_SOURCE_NEEDED: "‡",
  CONTRADICTED: "⇄",
  CORROBORATED: "✓",
};

/** The underline pattern of each kind and flag, in words, for the legend. */
export const PATTERN_LABELS: Record<string, string> = {
  COMMENT: "solid underline",
  QUESTION: "dotted underline",
  HIGHLIGHT: "shading, no underline",
  DISPUTED: "wavy underline",
  DUBIOUS: "dashed underline",
  CITATION_NEEDED: "dotted double-weight underline",
  BETTER_SOURCE_NEEDED: "dashed double-weight underline",
  CONTRADICTED: "double underline",
  CORROBORATED: "thick solid underline",
};

/** How highlights are coloured: by kind, flag and claim status (default), or by tag. */
export type ColorMode = "type" | "tag";

/** Number of distinct tag colours; further tags share the "other tags" colour. */
export const TAG_TONE_COUNT = 6;

/** The category an annotation is drawn as: its flag for a claim, else its kind. */
export function annotationCategory(annotation: Pick<AnnotationItem, "kind" | "flag">): string {
  return annotation.kind === "CLAIM" && annotation.flag ? annotation.flag : annotation.kind;
}

/** The glyph of an annotation. */
export function annotationGlyph(annotation: Pick<AnnotationItem, "kind" | "flag">): string {
  if (annotation.kind === "CLAIM") {
    return annotation.flag ? FLAG_GLYPHS[annotation.flag] : FLAG_GLYPHS.DISPUTED;
  }
  return KIND_GLYPHS[annotation.kind];
}

/** "Disputed claim", "Comment", "Question", "Highlight". */
export function annotationTypeLabel(annotation: Pick<AnnotationItem, "kind" | "flag">): string {
  if (annotation.kind === "CLAIM") {
    return annotation.flag ? `${FLAG_LABELS[annotation.flag]} (claim)` : "Claim";
  }
  return KIND_LABELS[annotation.kind];
}

/** The layer an annotation is in, as the sidebar names it: "Public", the group's name, "Only me". */
export function annotationLayerLabel(
  annotation: Pick<AnnotationItem, "visibility" | "groupName">,
): string {
  switch (annotation.visibility) {
    case "PUBLIC":
      return "Public";
    case "GROUP":
      return annotation.groupName ? `Group: ${annotation.groupName}` : "Group";
    case "PRIVATE":
      return "Only me";
  }
}

/**
 * The colour tone of an annotation: in "type" mode its flag or kind, greyed once a flag was
 * rejected; in "tag" mode the colour of its first tag that has one, "other-tags" or "untagged".
 */
export function annotationTone(
  annotation: Pick<AnnotationItem, "kind" | "flag" | "claim" | "tags">,
  colorMode: ColorMode,
  tagTones: ReadonlyMap<string, number>,
): string {
  if (colorMode === "tag") {
    if (annotation.tags.length === 0) {
      return "untagged";
    }
    for (const tag of annotation.tags) {
      const tone = tagTones.get(tag);
      if (tone !== undefined) {
        return `tag-${tone}`;
      }
    }
    return "other-tags";
  }
  if (annotation.kind === "CLAIM" && annotation.claim?.status === "REJECTED") {
    return "rejected";
  }
  return annotationCategory(annotation);
}

/**
 * Colours for tags: the {@link TAG_TONE_COUNT} most used tags (ties alphabetical), each its own
 * tone index. Deterministic, so server and browser colour alike.
 */
export function assignTagTones(annotations: readonly AnnotationItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const annotation of annotations) {
    for (const tag of annotation.tags) {
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TAG_TONE_COUNT);
  return new Map(ranked.map(([tag], index) => [tag, index]));
}

/** A passage cut to a readable length for cards and messages. */
export function shortenQuote(text: string, maxLength = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 1).trimEnd()}…`;
}

/**
 * What a screen reader hears about a highlight in the text: type, status, author, layer and the
 * start of the note, e.g. "Disputed (claim), open, by Anwar Annotator, public: Not in the sources."
 */
export function describeAnnotation(annotation: AnnotationItem): string {
  const parts = [annotationTypeLabel(annotation)];
  if (annotation.claim) {
    parts.push(CLAIM_STATUS_LABELS[annotation.claim.status].toLowerCase());
  }
  parts.push(`by ${annotation.author.name}`);
  parts.push(annotationLayerLabel(annotation).toLowerCase());
  if (annotation.isHidden) {
    parts.push("hidden by a moderator");
  }
  const note = shortenQuote(annotation.bodyText, 120);
  const tags = annotation.tags.length > 0 ? ` Tags: ${annotation.tags.join(", ")}.` : "";
  return `${parts.join(", ")}${note ? `: ${note}` : "."}${tags}`;
}

/** "1 annotation", "3 annotations". */
export function countAnnotations(count: number): string {
  return `${count} ${count === 1 ? "annotation" : "annotations"}`;
}
