/**
 * The slug of a route parameter as stored. Next may hand over a non-ASCII slug still
 * percent-encoded; a real slug never contains `%`, so decoding one that does is safe, and one that
 * does not decode is kept as given. Pure.
 */
export function decodeSlug(slug: string): string {
  if (!slug.includes("%")) {
    return slug;
  }
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}
