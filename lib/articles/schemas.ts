/**
 * Input schemas of the articles domain. Import files are validated byte by byte by
 * `decodeArticleFile` and structurally by `parseArticle`; these schemas cover the rest of the input.
 */
import { z } from "zod";

/** An article slug as `slugify` makes it: lower-case letters and digits of any script, and `-`. */
export const articleSlugSchema = z
  .string()
  .min(1, "slug: is empty")
  .max(80, "slug: use at most 80 characters")
  .regex(
    /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u,
    "slug: use only lower-case letters, digits and single hyphens",
  );

/** What `importArticle` accepts besides the file's bytes. */
export const importArticleOptionsSchema = z.object({
  /** File name or other origin, recorded on the revision. */
  sourceName: z.string().max(500).optional(),
  /** Import into the article with this slug instead of the one derived from the title. */
  slug: articleSlugSchema.optional(),
  /** The user doing the import, when there is one (the CLI has none). */
  authorId: z.uuid().nullable().optional(),
});

/** Options of `importArticle`. */
export type ImportArticleOptions = z.infer<typeof importArticleOptionsSchema>;
