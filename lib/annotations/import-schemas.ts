/**
 * Input schemas and limits of the W3C Web Annotation import (`importWebAnnotations`): the options
 * a caller passes, and the envelope of the file (one annotation, an array, an AnnotationPage or an
 * AnnotationCollection with embedded pages). Each item inside is read by `fromWebAnnotation`, the
 * same parser the API's POST uses; these schemas only find the items.
 */
import { z } from "zod";

/**
 * Largest import file: 10 MB of JSON. An Apparatus export of 5,000 annotations is about 7 MB, a
 * Hypothesis group's export of a few thousand annotations a few MB; everything is parsed in memory
 * and re-anchored in one request, so the limit keeps one import to a few seconds.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Most annotations one file may hold (an Apparatus edition pages them 1,000 to a page). */
export const MAX_IMPORT_ITEMS = 10_000;

/**
 * Deepest nesting of arrays and objects a file may have. An Apparatus collection reaches about 8
 * levels (collection → page → items → annotation → target → selector list → selector) and other
 * tools' JSON-LD not many more; a file nested deeper is refused whole before anything walks it, so
 * that nothing recursive (canonical JSON of an item without an id, the item parser) can overflow
 * the stack on a crafted file of thousands of nested arrays.
 */
export const MAX_IMPORT_DEPTH = 100;

/**
 * Longest item id (IRI) an import keeps, in UTF-8 bytes: ids are stored and indexed as
 * `sourceIri`, and a PostgreSQL btree entry holds at most about 2.7 kB. Real IRIs are far shorter
 * (browsers and servers commonly stop at 2,048 characters of URL); an item with a longer id is
 * rejected with a reason.
 */
export const MAX_IMPORT_IRI_BYTES = 2048;

/** What `importWebAnnotations` accepts. */
export const importWebAnnotationsSchema = z.object({
  /** The article the annotations are placed on (its current revision). */
  slug: z
    .string("slug: must be text.")
    .min(1, "slug: name the article.")
    .max(200)
    // PostgreSQL text cannot hold U+0000: such a slug can name no article.
    .refine((slug) => !slug.includes("\u0000"), "slug: must not contain a NUL character."),
  /** The file's text: W3C Web Annotation JSON-LD. Its size is checked before it is parsed. */
  json: z.string("file: must be text."),
  /**
   * Import the usable items although some were rejected. Without it, a file with rejected items
   * writes nothing and the report comes back with status "needs-confirmation".
   */
  confirm: z.boolean("confirm: must be true or false.").default(false),
  /** Only report what would happen; write nothing (the import page's preview). */
  preview: z.boolean("preview: must be true or false.").default(false),
});

/** Input of `importWebAnnotations`. */
export type ImportWebAnnotationsInput = z.input<typeof importWebAnnotationsSchema>;

/** A JSON-LD `type`, one value or a list. */
const typeSchema = z.union([z.string(), z.array(z.unknown())]).optional();

/** An AnnotationPage as an import finds it: its items and, leniently, an embedded next page. */
export const importPageSchema = z.looseObject({
  type: typeSchema,
  items: z.array(z.unknown(), "items: an AnnotationPage's items must be a list."),
  next: z.unknown().optional(),
});

/**
 * An AnnotationCollection as an import finds it: its first page embedded (a page only named by
 * its IRI cannot be fetched here), and further pages embedded under JSON-LD's `@included`, as the
 * Apparatus edition export writes them.
 */
export const importCollectionSchema = z.looseObject({
  type: typeSchema,
  total: z.number().optional(),
  first: z
    .union(
      [importPageSchema, z.string(), z.array(z.unknown())],
      "first: must be an embedded AnnotationPage.",
    )
    .optional(),
  "@included": z.array(z.unknown()).optional(),
});

/** True when a JSON-LD `type` is, or includes, `name`. */
export function hasJsonLdType(type: unknown, name: string): boolean {
  return type === name || (Array.isArray(type) && type.includes(name));
}
