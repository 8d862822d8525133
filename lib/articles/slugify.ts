/**
 * URL- and id-safe slugs for article titles and section headings.
 *
 * Slugs keep letters and digits of every script, so a Pashto or Russian heading gets a readable
 * anchor instead of an empty one. Pure: no React, Prisma or DOM.
 */

/** Longest slug we produce; long enough for any real heading, short enough for a URL. */
export const MAX_SLUG_LENGTH = 80;

/** Any run of characters that is not a letter, combining mark or digit (of any script). */
const NON_WORD_RUN = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * Combining marks on Latin letters after NFKD decomposition ("é" becomes "e" + U+0301), which are
 * dropped so that "Café" gives `cafe`. Marks on other scripts are part of the letter (Cyrillic "й"
 * is "и" + a breve, Arabic vowel signs are marks) and are kept, recomposed by NFC.
 */
const LATIN_COMBINING_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * Turn text into a lowercase slug such as `afghan-civil-war-1989-1992`.
 *
 * NFKD-normalizes, strips accents from Latin letters, recomposes the rest (NFC), lowercases, keeps
 * letters and digits of any script, collapses everything else into single `-`, trims `-` from both ends and
 * cuts the result to {@link MAX_SLUG_LENGTH} code points.
 *
 * @param text Any text, e.g. an article title or a heading.
 * @param fallback Returned when nothing sluggable is left (e.g. the text is only punctuation).
 * @returns The slug, or `fallback` when the slug would be empty.
 */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(LATIN_COMBINING_MARKS, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(NON_WORD_RUN, "-")
    .replace(/^-+|-+$/g, "");
  // Cut by code points, not UTF-16 units, so an astral character is never split in half.
  const cut = Array.from(slug).slice(0, MAX_SLUG_LENGTH).join("").replace(/-+$/, "");
  return cut === "" ? fallback : cut;
}

/**
 * Give every heading a stable, unique anchor: its slug, with `-2`, `-3`… appended to repeats.
 *
 * A suffixed anchor never takes the natural slug of any heading in the list, even a later one,
 * so "Aftermath", "Aftermath", "Aftermath 2" become `aftermath`, `aftermath-3`, `aftermath-2`:
 * the heading literally called "Aftermath 2" keeps the anchor its text promises.
 *
 * @param texts Heading texts in document order.
 * @param fallback Slug used for a heading with no letters or digits (e.g. "section").
 * @returns One anchor per heading, in the same order.
 */
export function createUniqueAnchors(texts: readonly string[], fallback: string): string[] {
  const naturalSlugs = texts.map((text) => slugify(text, fallback));
  const reserved = new Set(naturalSlugs);
  const used = new Set<string>();
  return naturalSlugs.map((slug) => {
    if (!used.has(slug)) {
      used.add(slug);
      return slug;
    }
    let suffix = 2;
    while (used.has(`${slug}-${suffix}`) || reserved.has(`${slug}-${suffix}`)) {
      suffix += 1;
    }
    const anchor = `${slug}-${suffix}`;
    used.add(anchor);
    return anchor;
  });
}
