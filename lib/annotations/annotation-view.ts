import "server-only";

import type { JSONContent } from "@tiptap/core";

import type { TextAnchor } from "@/lib/anchoring/selectors";
import { can, type Actor } from "@/lib/auth/policy";
import { visibleWhere, type VisibilityScope } from "@/lib/auth/visibility";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  AnchorStrategy,
  AnnotationKind,
  ClaimFlag,
  ClaimStatus,
  Visibility,
} from "@/lib/generated/prisma/enums";

/**
 * Where an annotation sits on one revision. `start`/`end` are offsets into that revision's plain
 * text, or null for an orphan (the passage could not be found again).
 */
export interface AnnotationAnchorView {
  revisionId: string;
  start: number | null;
  end: number | null;
  sectionAnchor: string | null;
  strategy: AnchorStrategy;
  /** True when the annotation could not be placed on this revision; it is listed, never dropped. */
  isOrphaned: boolean;
  /**
   * The passage's text on this revision where it differs from the original quote (an approximate
   * match or a manual re-attachment), when the caller had the revision's text; otherwise absent
   * and the original quote stands.
   */
  exact?: string;
}

/** Strategies whose passage may read differently from the annotation's original quote. */
const REWORDED_STRATEGIES: ReadonlySet<AnchorStrategy> = new Set(["FUZZY", "MANUAL"]);

/** True when a row's anchor may not read as its original quote, so the text is worth loading. */
export function needsRevisionText(row: AnnotationViewRow): boolean {
  const anchor = row.anchors[0];
  return anchor !== undefined && REWORDED_STRATEGIES.has(anchor.strategy);
}

/** An annotation as the reader, the API and the exporters see it. Plain, serialisable data. */
export interface AnnotationView {
  id: string;
  articleId: string;
  articleSlug: string;
  kind: AnnotationKind;
  /** The claim flag, for claims only. */
  flag: ClaimFlag | null;
  /** ProseMirror JSON of the annotation-body schema. */
  body: JSONContent;
  bodyText: string;
  tags: string[];
  visibility: Visibility;
  groupId: string | null;
  groupName: string | null;
  author: { id: string; name: string };
  /** Optimistic-concurrency version: send it back with an edit. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Hidden by a moderator; only moderators ever receive hidden annotations. */
  isHidden: boolean;
  hiddenReason: string | null;
  /** The claim a CLAIM annotation made, with its place in the dispute lifecycle. */
  claim: { id: string; status: ClaimStatus } | null;
  /** The revision the annotation was made on, and its original selectors there. */
  revisionId: string;
  revisionNumber: number;
  /** When that revision was imported: the text the original selectors point into. */
  revisionCreatedAt: Date;
  target: TextAnchor;
  /** The section of the original passage. */
  sectionAnchor: string | null;
  /**
   * Where it sits on the revision asked for (by default the current one); null when it has no
   * anchor row there, which counts as orphaned.
   */
  anchor: AnnotationAnchorView | null;
}

/**
 * The columns an AnnotationView is made from, with the anchor on `revisionId`, or on the current
 * revision of the annotation's article for "current" (lists across articles).
 */
export function annotationViewSelect(revisionId: string | "current") {
  const anchorWhere: Prisma.AnnotationAnchorWhereInput =
    revisionId === "current" ? { revision: { currentOf: { isNot: null } } } : { revisionId };
  return {
    id: true,
    articleId: true,
    article: { select: { slug: true } },
    author: { select: { id: true, name: true } },
    kind: true,
    flag: true,
    body: true,
    bodyText: true,
    tags: true,
    visibility: true,
    groupId: true,
    group: { select: { name: true } },
    version: true,
    createdAt: true,
    updatedAt: true,
    hiddenAt: true,
    hiddenReason: true,
    claim: { select: { id: true, status: true } },
    revisionId: true,
    revision: { select: { number: true, createdAt: true } },
    sectionAnchor: true,
    exact: true,
    prefix: true,
    suffix: true,
    start: true,
    end: true,
    anchors: {
      where: anchorWhere,
      select: { revisionId: true, start: true, end: true, sectionAnchor: true, strategy: true },
    },
  } satisfies Prisma.AnnotationSelect;
}

/** A row selected with {@link annotationViewSelect}. */
export type AnnotationViewRow = Prisma.AnnotationGetPayload<{
  select: ReturnType<typeof annotationViewSelect>;
}>;

/**
 * Turns a row into the view that leaves `lib/`. With `revisionText` (the plain text of the revision
 * the anchor is on), a reworded passage carries its current wording in `anchor.exact`.
 */
export function toAnnotationView(row: AnnotationViewRow, revisionText?: string): AnnotationView {
  const anchor = row.anchors[0];
  const rewordedExact =
    revisionText !== undefined &&
    anchor &&
    REWORDED_STRATEGIES.has(anchor.strategy) &&
    anchor.start !== null &&
    anchor.end !== null
      ? revisionText.slice(anchor.start, anchor.end)
      : undefined;
  return {
    id: row.id,
    articleId: row.articleId,
    articleSlug: row.article.slug,
    kind: row.kind,
    flag: row.flag,
    body: row.body as JSONContent,
    bodyText: row.bodyText,
    tags: row.tags,
    visibility: row.visibility,
    groupId: row.groupId,
    groupName: row.group?.name ?? null,
    author: row.author,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isHidden: row.hiddenAt !== null,
    hiddenReason: row.hiddenReason,
    claim: row.claim,
    revisionId: row.revisionId,
    revisionNumber: row.revision.number,
    revisionCreatedAt: row.revision.createdAt,
    target: {
      quote: {
        type: "TextQuoteSelector",
        exact: row.exact,
        prefix: row.prefix,
        suffix: row.suffix,
      },
      position: { type: "TextPositionSelector", start: row.start, end: row.end },
    },
    sectionAnchor: row.sectionAnchor,
    anchor: anchor
      ? {
          ...anchor,
          isOrphaned: anchor.strategy === "ORPHANED" || anchor.start === null,
          ...(rewordedExact !== undefined ? { exact: rewordedExact } : {}),
        }
      : null,
  };
}

/** True when `actor` may see hidden annotations (moderators and admins). */
export function canSeeHidden(actor: Actor | null): boolean {
  return can(actor, "content.hide");
}

/**
 * The `where` fragment of the annotations `scope` may read: visible to it, not deleted, on a live
 * article, and not hidden unless the reader moderates. Every read of annotations goes through it,
 * so lists, counts and single reads always agree.
 */
export function readableAnnotationWhere(
  scope: VisibilityScope,
  options: { includeHidden: boolean },
): Prisma.AnnotationWhereInput {
  return {
    AND: [
      visibleWhere(scope),
      { deletedAt: null, article: { deletedAt: null } },
      options.includeHidden ? {} : { hiddenAt: null },
    ],
  };
}

/** The NOT_FOUND error for an annotation that does not exist or that the actor may not see. */
export function annotationNotFound(): AppError {
  return new AppError("NOT_FOUND", "id: no such annotation (or you may not see it).", {
    field: "id",
  });
}
