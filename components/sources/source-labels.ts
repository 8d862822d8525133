/**
 * Words for the source library's enums and CSL types, shared by its pages and forms.
 */
import type { SourceCategory, SourceProximity } from "@/lib/generated/prisma/enums";
import { CSL_TYPES } from "@/lib/sources/schemas";

/** Names of the categories. */
export const CATEGORY_LABELS: Record<SourceCategory, string> = {
  PRIMARY: "Primary",
  SECONDARY: "Secondary",
  TERTIARY: "Tertiary",
};

/** Names of the proximities to the events. */
export const PROXIMITY_LABELS: Record<SourceProximity, string> = {
  PARTICIPANT: "Participant or witness",
  CONTEMPORARY: "Contemporary",
  RETROSPECTIVE: "Retrospective",
  UNKNOWN: "Unknown",
};

/** The category choices of a form, with an "undecided" first. */
export const CATEGORY_OPTIONS = [
  { value: "", label: "Undecided" },
  ...(Object.keys(CATEGORY_LABELS) as SourceCategory[]).map((value) => ({
    value,
    label: CATEGORY_LABELS[value],
  })),
];

/** The proximity choices of a form. */
export const PROXIMITY_OPTIONS = (Object.keys(PROXIMITY_LABELS) as SourceProximity[]).map(
  (value) => ({ value, label: PROXIMITY_LABELS[value] }),
);

/** The CSL type choices of a form, as CSL spells them ("article-journal"). */
export const TYPE_OPTIONS = CSL_TYPES.map((value) => ({
  value,
  label: value.replace(/[-_]/g, " "),
}));
