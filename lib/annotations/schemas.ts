/**
 * Input schemas of the annotations domain: creating, editing, deleting, hiding and re-attaching
 * annotations, and the filters of the lists. `XInput` types are what callers pass (`z.input`); the
 * use cases work on the parsed output.
 *
 * Messages start with the field they are about (`body: …`, `tags: …`), the convention that server
 * actions and the API use to point at a field.
 */
import { z } from "zod";

import { textAnchorSchema } from "@/lib/anchoring/selectors";
import { MAX_STORED_INT } from "@/lib/db/limits";
import { AppError } from "@/lib/errors";
import { AnnotationKind, ClaimFlag, Visibility } from "@/lib/generated/prisma/enums";

import { checkAnnotationBody, emptyAnnotationBody } from "./annotation-body";

/** Most tags one annotation may carry. */
export const MAX_TAGS = 20;

/** Longest tag, in characters (after normalisation). */
export const MAX_TAG_LENGTH = 50;

/** Longest reason a moderator may give for hiding an annotation. */
export const MAX_HIDDEN_REASON_LENGTH = 500;

/**
 * A tag as stored: Unicode-normalised (NFC), trimmed, lower-cased, with runs of whitespace inside
 * collapsed to one space, so "Source  Critique" and "source critique" are one tag.
 */
export function normaliseTag(tag: string): string {
  return tag.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** The id of an annotation. */
export const annotationIdSchema = z.uuid("id: not a valid annotation id.");

/** The kind of an annotation. */
const kindSchema = z.enum(
  AnnotationKind,
  "kind: choose comment, question, highlight or claim (COMMENT, QUESTION, HIGHLIGHT, CLAIM).",
);

/** A claim flag. */
const flagSchema = z.enum(
  ClaimFlag,
  "flag: choose disputed, dubious, citation needed, better source needed, contradicted or corroborated.",
);

/** Who may read an annotation. */
const visibilitySchema = z.enum(
  Visibility,
  "visibility: choose public, group or private (PUBLIC, GROUP, PRIVATE).",
);

/** The tags of an annotation: normalised, each 1–50 characters, duplicates merged, at most 20. */
export const tagsSchema = z
  .array(z.string("tags: each tag must be text."), "tags: must be a list of words.")
  .max(MAX_TAGS * 2, `tags: use at most ${MAX_TAGS} tags.`)
  .transform((tags, context) => {
    const unique: string[] = [];
    for (const raw of tags) {
      const tag = normaliseTag(raw);
      if (tag.length === 0) {
        context.addIssue({ code: "custom", message: "tags: a tag is empty." });
        return z.NEVER;
      }
      if (tag.length > MAX_TAG_LENGTH) {
        context.addIssue({
          code: "custom",
          message: `tags: "${tag.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.`,
        });
        return z.NEVER;
      }
      if (!unique.includes(tag)) {
        unique.push(tag);
      }
    }
    if (unique.length > MAX_TAGS) {
      context.addIssue({ code: "custom", message: `tags: use at most ${MAX_TAGS} tags.` });
      return z.NEVER;
    }
    return unique;
  });

/**
 * A body as ProseMirror JSON for the annotation-body schema, turned into its canonical document
 * and plain text (see `parseAnnotationBody`). Missing means empty.
 */
export const bodySchema = z
  .unknown()
  .optional()
  .transform((value, context) => {
    const result = checkAnnotationBody(value ?? emptyAnnotationBody());
    if (!result.ok) {
      context.addIssue({ code: "custom", message: `body: ${result.reason}` });
      return z.NEVER;
    }
    return result.body;
  });

/** Kinds whose body must say something: a comment or question without text is a highlight. */
const KINDS_NEEDING_TEXT: readonly AnnotationKind[] = ["COMMENT", "QUESTION"];

/** The fields that an author may set on creation and change later. */
const editableFields = {
  /** What the annotation is; a CLAIM turns the passage into a claim that can be disputed. */
  kind: kindSchema,
  /** The claim flag; required for a CLAIM and refused for any other kind. */
  flag: flagSchema.nullish(),
  /** The note itself, ProseMirror JSON; may be empty for highlights and claims. */
  body: bodySchema,
  /** Free tags, normalised; a highlight's tags are its point. */
  tags: tagsSchema.default([]),
  /** Who may read it; public by default. */
  visibility: visibilitySchema.default("PUBLIC"),
  /** The group whose layer it is in; required for GROUP visibility and refused otherwise. */
  groupId: z.uuid("groupId: not a valid group id.").nullish(),
};

/** The cross-field rules shared by creation and editing. */
interface EditableValues {
  kind: AnnotationKind;
  flag?: ClaimFlag | null;
  body: { text: string };
  visibility: Visibility;
  groupId?: string | null;
}

function refineEditable<Schema extends z.ZodType<EditableValues>>(schema: Schema): Schema {
  return schema
    .refine((value) => value.kind !== "CLAIM" || Boolean(value.flag), {
      message: "flag: choose a flag for the claim (for example DISPUTED).",
      path: ["flag"],
    })
    .refine((value) => value.kind === "CLAIM" || !value.flag, {
      message: "flag: only claims carry a flag; choose kind CLAIM or leave the flag out.",
      path: ["flag"],
    })
    .refine((value) => value.visibility !== "GROUP" || Boolean(value.groupId), {
      message: "groupId: choose the group that may read this annotation.",
      path: ["groupId"],
    })
    .refine((value) => value.visibility === "GROUP" || !value.groupId, {
      message: "groupId: only annotations visible to a group name a group.",
      path: ["groupId"],
    })
    .refine((value) => !KINDS_NEEDING_TEXT.includes(value.kind) || value.body.text !== "", {
      message: "body: write something (a comment or question cannot be empty).",
      path: ["body"],
    });
}

/** What `createAnnotation` accepts. */
export const createAnnotationSchema = refineEditable(
  z.object({
    /** The article annotated. */
    articleId: z.uuid("articleId: not a valid article id."),
    /** The revision the selectors were taken from; it must be the article's current one. */
    revisionId: z.uuid("revisionId: not a valid revision id."),
    /**
     * The passage: a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start,
     * end) into the revision's plain text. Both must match that text exactly.
     */
    target: textAnchorSchema,
    ...editableFields,
  }),
);
/** Input of `createAnnotation`. */
export type CreateAnnotationInput = z.input<typeof createAnnotationSchema>;
/** Parsed input of `createAnnotation`. */
export type CreateAnnotationData = z.output<typeof createAnnotationSchema>;

/**
 * What `updateAnnotation` accepts: the version the author edited and the new values of every
 * editable field (an edit replaces them all, as a form or a PUT does). The passage is not editable
 * here; see `reattachAnnotation`.
 */
export const updateAnnotationSchema = refineEditable(
  z.object({
    /** The annotation to edit. */
    id: annotationIdSchema,
    /** The version the edit was made from; a different current version means a conflict. */
    expectedVersion: z
      .int("expectedVersion: must be a whole number.")
      .min(1, "expectedVersion: versions start at 1.")
      .max(MAX_STORED_INT, "expectedVersion: no such version."),
    ...editableFields,
  }),
);
/** Input of `updateAnnotation`. */
export type UpdateAnnotationInput = z.input<typeof updateAnnotationSchema>;

/** What `deleteAnnotation` accepts. */
export const deleteAnnotationSchema = z.object({
  /** The annotation to delete. */
  id: annotationIdSchema,
  /** When given, the delete is refused unless this is still the current version. */
  expectedVersion: z
    .int("expectedVersion: must be a whole number.")
    .min(1, "expectedVersion: versions start at 1.")
    .max(MAX_STORED_INT, "expectedVersion: no such version.")
    .optional(),
});
/** Input of `deleteAnnotation`. */
export type DeleteAnnotationInput = z.input<typeof deleteAnnotationSchema>;

/** What `hideAnnotation` accepts. */
export const hideAnnotationSchema = z.object({
  /** The annotation to hide. */
  id: annotationIdSchema,
  /** Why, for the other moderators and the audit trail; optional. */
  reason: z
    .string("reason: must be text.")
    .trim()
    .max(MAX_HIDDEN_REASON_LENGTH, `reason: use at most ${MAX_HIDDEN_REASON_LENGTH} characters.`)
    .optional(),
});
/** Input of `hideAnnotation`. */
export type HideAnnotationInput = z.input<typeof hideAnnotationSchema>;

/** What `unhideAnnotation` accepts. */
export const unhideAnnotationSchema = z.object({
  /** The annotation to show again. */
  id: annotationIdSchema,
});
/** Input of `unhideAnnotation`. */
export type UnhideAnnotationInput = z.input<typeof unhideAnnotationSchema>;

/** What `reattachAnnotation` accepts. */
export const reattachAnnotationSchema = z.object({
  /** The annotation to place by hand (usually an orphan). */
  id: annotationIdSchema,
  /** The revision the new selectors were taken from; it must be the article's current one. */
  revisionId: z.uuid("revisionId: not a valid revision id."),
  /** The new passage, selected in that revision; checked against its text like a new one. */
  target: textAnchorSchema,
});
/** Input of `reattachAnnotation`. */
export type ReattachAnnotationInput = z.input<typeof reattachAnnotationSchema>;

/** What `findAnnotation` accepts. */
export const findAnnotationSchema = z.object({
  /** The annotation to show. */
  id: annotationIdSchema,
  /** The revision whose anchor to include; the article's current revision by default. */
  revisionId: z.uuid("revisionId: not a valid revision id.").optional(),
});
/** Input of `findAnnotation`. */
export type FindAnnotationInput = z.input<typeof findAnnotationSchema>;

/** Filters of `listAnnotationsForArticle`; every one narrows the list. */
export const annotationFiltersSchema = z.object({
  /** Only this kind. */
  kind: kindSchema.optional(),
  /** Only claims with this flag. */
  flag: flagSchema.optional(),
  /** Only annotations with this tag (normalised like stored tags). */
  tag: z
    .string("tag: must be text.")
    .transform(normaliseTag)
    .pipe(z.string().min(1, "tag: the tag is empty.").max(MAX_TAG_LENGTH))
    .optional(),
  /** Only this author's annotations. */
  authorId: z.uuid("authorId: not a valid user id.").optional(),
  /** Only annotations whose passage is in this section (its anchor, e.g. "aftermath-2"). */
  sectionAnchor: z.string("sectionAnchor: must be text.").min(1).max(200).optional(),
  /** true: only orphans (no passage on the revision); false: only placed ones. */
  orphaned: z.boolean("orphaned: must be true or false.").optional(),
});

/** What `listAnnotationsForArticle` accepts. */
export const listAnnotationsForArticleSchema = annotationFiltersSchema.extend({
  /** The article. */
  articleId: z.uuid("articleId: not a valid article id."),
  /** The revision whose anchors to use; the article's current revision by default. */
  revisionId: z.uuid("revisionId: not a valid revision id.").optional(),
});
/** Input of `listAnnotationsForArticle`. */
export type ListAnnotationsForArticleInput = z.input<typeof listAnnotationsForArticleSchema>;

/** What `countAnnotationsBySection` accepts. */
export const countAnnotationsBySectionSchema = z.object({
  /** The article. */
  articleId: z.uuid("articleId: not a valid article id."),
  /** The revision whose anchors to count; the article's current revision by default. */
  revisionId: z.uuid("revisionId: not a valid revision id.").optional(),
});
/** Input of `countAnnotationsBySection`. */
export type CountAnnotationsBySectionInput = z.input<typeof countAnnotationsBySectionSchema>;

/** Largest page of the API's annotation container. */
export const MAX_PAGE_SIZE = 100;

/** What `listAnnotationsPage` accepts. */
export const listAnnotationsPageSchema = z.object({
  /** Only the annotations of the article with this slug. */
  articleSlug: z.string("article: must be text.").min(1).max(200).optional(),
  /** 0-based page number, as in the Web Annotation Protocol's examples. */
  page: z.int("page: must be a whole number.").min(0, "page: pages start at 0.").default(0),
  /** Annotations per page. */
  pageSize: z.int().min(1).max(MAX_PAGE_SIZE).default(20),
});
/** Input of `listAnnotationsPage`. */
export type ListAnnotationsPageInput = z.input<typeof listAnnotationsPageSchema>;

/** The field a zod issue is about, as a dotted path ("target.position.end"), or "" for the root. */
function issueField(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

/**
 * Parses use-case input, turning a ZodError into AppError INVALID_INPUT whose message names the
 * field of each problem (`body: …; tags: …`), so that server actions and the API show the same
 * sentence and nothing is written.
 */
export function parseAnnotationInput<Output>(
  schema: z.ZodType<Output, unknown>,
  input: unknown,
): Output {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const fields = result.error.issues.map((issue) => {
    const field = issueField(issue);
    const alreadyNamed = /^[@A-Za-z][\w.:@-]*: /.test(issue.message);
    return {
      path: field,
      message: alreadyNamed || field === "" ? issue.message : `${field}: ${issue.message}`,
    };
  });
  throw new AppError("INVALID_INPUT", fields.map((field) => field.message).join("; "), {
    fields,
  });
}
