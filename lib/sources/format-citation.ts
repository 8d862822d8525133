/**
 * A short, plain citation line for lists and detail pages ("Coll, Steve. 2004. Ghost Wars. New
 * York: Penguin."), in an author-date shape close to Chicago's. Pure; full styles are the export's
 * business.
 */
import { deriveYear, formatAuthorsText } from "./derive-source-columns";
import type { CslItem } from "./schemas";

/** Ends a part with one full stop. */
function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Formats an item as one line of text. */
export function formatCitation(item: CslItem): string {
  const parts: string[] = [];
  const authors = formatAuthorsText(item);
  if (authors) {
    parts.push(withStop(authors.replace(/; /g, " and ")));
  }
  const year = deriveYear(item);
  parts.push(withStop(year === null ? "n.d." : String(year)));
  parts.push(withStop(item.title));
  const container = item["container-title"];
  if (container) {
    const volume = [item.volume, item.issue ? `(${item.issue})` : ""].filter(Boolean).join(" ");
    const page = item.page ? `: ${item.page}` : "";
    parts.push(withStop(`${container}${volume ? ` ${volume}` : ""}${page}`));
  }
  const place = item["publisher-place"];
  if (item.publisher) {
    parts.push(withStop(place ? `${place}: ${item.publisher}` : item.publisher));
  }
  if (item.DOI) {
    parts.push(`https://doi.org/${item.DOI.replace(/^https?:\/\/(dx\.)?doi\.org\//i, "")}`);
  } else if (item.URL) {
    parts.push(item.URL);
  }
  return parts.join(" ");
}
