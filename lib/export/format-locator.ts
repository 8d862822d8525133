/**
 * Locators as an edition prints them: "p. 213", "pp. 213–215", "ch. 4". Pure.
 */

/** Abbreviations of CSL locator labels, singular and plural (Chicago style). */
const LOCATOR_ABBREVIATIONS: Record<string, [string, string]> = {
  page: ["p.", "pp."],
  chapter: ["ch.", "chs."],
  section: ["sec.", "secs."],
  paragraph: ["para.", "paras."],
  folio: ["fol.", "fols."],
  volume: ["vol.", "vols."],
  line: ["l.", "ll."],
  note: ["n.", "nn."],
  figure: ["fig.", "figs."],
  column: ["col.", "cols."],
  issue: ["no.", "nos."],
  book: ["bk.", "bks."],
  part: ["pt.", "pts."],
  verse: ["v.", "vv."],
};

/** A locator naming more than one place: a range ("213–215", "213-15") or a list ("3, 7"). */
const PLURAL_LOCATOR = /[-–—,&]|\band\b/u;

/**
 * The printed form of a locator: the label's abbreviation (plural for ranges and lists) and the
 * locator, or the locator alone when the label is unknown or absent; null without a locator.
 *
 * @param label a CSL locator label ("page", "chapter", …) or null
 * @param locator the locator itself ("213", "213–215") or null
 */
export function formatLocator(label: string | null, locator: string | null): string | null {
  const value = locator?.trim() ?? "";
  if (value === "") {
    return null;
  }
  const abbreviations = label ? LOCATOR_ABBREVIATIONS[label.trim().toLowerCase()] : undefined;
  if (!abbreviations) {
    return label && label.trim() !== "" ? `${label.trim()} ${value}` : value;
  }
  return `${PLURAL_LOCATOR.test(value) ? abbreviations[1] : abbreviations[0]} ${value}`;
}
