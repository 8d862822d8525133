/**
 * The edition as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): one
 * AnnotationCollection whose items are split into AnnotationPages of {@link JSONLD_PAGE_SIZE}.
 * The first page is embedded as `first` (the protocol's "contained descriptions"); the others,
 * which the model only lets a page name by IRI (`next`), are embedded under JSON-LD's `@included`,
 * so the file is complete on its own and every page is still a valid AnnotationPage.
 *
 * Each annotation is exactly what the API serialises (`toWebAnnotation`, embedded form), so a
 * client of the API and a reader of the export see the same annotation, and the import reads both.
 * In an anonymised edition the creator is the edition's "Annotator N" under an IRI local to the
 * file.
 *
 * Dispute threads (when the edition includes them): each visible reply of a claim is an item of
 * its own, right after its claim's annotation, in thread order, written as the model writes a reply
 * to an annotation (motivation "replying", the annotation as target):
 * - `id`: the reply on the claim's page, `<origin>/articles/<slug>/claims/<claimId>#reply-<id>`;
 * - `motivation: "replying"`, `target`: the IRI of the claim's annotation;
 * - `body`: a TextualBody with the reply's plain text (`text/plain`, purpose "replying"), and, when
 *   the reply takes a stance, a second TextualBody naming it: purpose "assessing" for Supports and
 *   Opposes (the value names the account: `Supports “Account title”`) and Neutral, purpose
 *   "questioning" for Question. The stance's code and account go under `apparatus:stance` and
 *   `apparatus:stanceAccount` (`{ id, title }`), the answered reply's IRI under
 *   `apparatus:inReplyTo`, like the API's other extensions;
 * - `creator` as for annotations (anonymised alike), `generator`, `created`, and `modified` (the
 *   last edit, else `created`).
 * `total` and `startIndex` count every item, replies included. Hidden and deleted replies are never
 * in the model, so never here.
 *
 * IRIs are derived from the site's origin, the article, the revision and the options (never the
 * export date), so the same data and options give a byte-identical file. The writer streams one
 * item at a time.
 *
 * Pure: no Prisma.
 */
import type { AnnotationView } from "@/lib/annotations/annotation-view";
import {
  ANNOTATION_CONTEXT,
  annotationIri,
  replyIri,
  toWebAnnotation,
  type WebAnnotation,
  type WebTextualBody,
} from "@/lib/annotations/web-annotation";
import { REPLY_STANCE_LABELS } from "@/lib/disputes/labels";
import type { ReplyStance } from "@/lib/generated/prisma/enums";

import type {
  Edition,
  EditionAnnotation,
  EditionClaim,
  EditionPerson,
  EditionReply,
} from "../edition-model";
import { buildExportQuery } from "../options";

/** Annotations per AnnotationPage of the export. */
export const JSONLD_PAGE_SIZE = 1000;

/**
 * The origin IRIs are built on when the edition does not carry one: NEXTAUTH_URL's origin (the
 * site's public address, as the API uses), else this.
 */
export const DEFAULT_EXPORT_BASE_URL = "http://localhost:3000";

/** An edition that may name the site's origin. */
type EditionWithBaseUrl = Edition & Partial<{ baseUrl: string }>;

/** The site origin for the edition's IRIs, without a trailing slash. */
export function editionBaseUrl(edition: Edition): string {
  const own = (edition as EditionWithBaseUrl).baseUrl;
  if (own) {
    return own.replace(/\/+$/, "");
  }
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting falls back like an absent one.
    }
  }
  return DEFAULT_EXPORT_BASE_URL;
}

/**
 * The collection's IRI: the export endpoint's URL for this article, revision and options (the
 * export date left out, so it does not change the IRI).
 */
export function editionCollectionIri(edition: Edition, baseUrl = editionBaseUrl(edition)): string {
  const { exportedAt: _exportedAt, ...options } = edition.options;
  void _exportedAt;
  const query = buildExportQuery({
    ...options,
    format: "jsonld",
    revision: edition.revision.number,
  });
  return `${baseUrl}/api/articles/${encodeURIComponent(edition.article.slug)}/export?${query.toString()}`;
}

/** The IRI of page `page` (0-based) of the collection: a fragment of the collection's IRI. */
function pageIriOf(collectionIri: string, page: number): string {
  return `${collectionIri}#page-${page}`;
}

/**
 * An edition annotation as the API's view of it, for `toWebAnnotation`: the same original
 * selectors, revision, group and version, so the export is the API's representation.
 */
export function toAnnotationViewOf(
  edition: Edition,
  annotation: EditionAnnotation,
): AnnotationView {
  const { anchor, quote, position } = annotation;
  return {
    id: annotation.id,
    articleId: edition.article.id,
    articleSlug: edition.article.slug,
    kind: annotation.kind,
    flag: annotation.flag,
    body: annotation.body,
    bodyText: annotation.bodyText,
    tags: annotation.tags,
    visibility: annotation.visibility,
    groupId: annotation.groupId,
    groupName: annotation.groupName,
    author: { id: annotation.author.userId ?? annotation.author.ref, name: annotation.author.name },
    version: annotation.version,
    createdAt: annotation.createdAt,
    updatedAt: annotation.updatedAt,
    isHidden: false,
    hiddenReason: null,
    claim: annotation.claim ? { id: annotation.claim.id, status: annotation.claim.status } : null,
    revisionId: annotation.originalRevisionId,
    revisionNumber: annotation.originalRevisionNumber,
    revisionCreatedAt: annotation.originalRevisionCreatedAt,
    target: {
      quote: { type: "TextQuoteSelector", ...quote },
      position: { type: "TextPositionSelector", ...position },
    },
    sectionAnchor: annotation.sectionAnchor,
    anchor: {
      revisionId: edition.revision.id,
      start: anchor.start,
      end: anchor.end,
      sectionAnchor: anchor.sectionAnchor,
      strategy: anchor.strategy,
      isOrphaned: anchor.isOrphaned,
    },
  };
}

/** A person as the file's `creator`: the API's user IRI, or the edition's local "Annotator N". */
function creatorOf(
  person: EditionPerson,
  baseUrl: string,
  collectionIri: string,
): WebAnnotation["creator"] {
  return person.userId === null
    ? { id: `${collectionIri}#${person.ref}`, type: "Person", name: person.name }
    : { id: `${baseUrl}/users/${person.userId}`, type: "Person", name: person.name };
}

/** One annotation as the API serialises it, with the edition's anonymised creator if need be. */
function toItem(
  edition: Edition,
  annotation: EditionAnnotation,
  baseUrl: string,
  collectionIri: string,
): WebAnnotation {
  const item = toWebAnnotation(toAnnotationViewOf(edition, annotation), baseUrl, {
    embedded: true,
  });
  if (annotation.author.userId === null) {
    item.creator = creatorOf(annotation.author, baseUrl, collectionIri);
  }
  return item;
}

/** A reply of a dispute thread as a W3C annotation replying to its claim's annotation. */
export interface WebReplyAnnotation {
  id: string;
  type: "Annotation";
  motivation: "replying";
  created: string;
  modified: string;
  creator: WebAnnotation["creator"];
  generator: WebAnnotation["generator"];
  body?: WebTextualBody[];
  /** The IRI of the claim's annotation. */
  target: string;
  "apparatus:stance"?: ReplyStance;
  /** The account a Supports / Opposes stance is about, when it is in the edition. */
  "apparatus:stanceAccount"?: { id: string; title: string };
  /** The reply this one answers, when it is in the edition. */
  "apparatus:inReplyTo"?: string;
}

/** The purpose of the TextualBody that carries each stance. */
const STANCE_PURPOSES: Record<ReplyStance, string> = {
  SUPPORTS: "assessing",
  OPPOSES: "assessing",
  QUESTION: "questioning",
  NEUTRAL: "assessing",
};

/** One reply of `annotation`'s claim as a W3C annotation (see the module comment). */
function toReplyItem(
  edition: Edition,
  annotation: EditionAnnotation,
  claim: EditionClaim,
  reply: EditionReply,
  baseUrl: string,
  collectionIri: string,
): WebReplyAnnotation {
  const { slug } = edition.article;
  const account = reply.stanceAccountId
    ? claim.accounts.find((candidate) => candidate.id === reply.stanceAccountId)
    : undefined;
  const body: WebTextualBody[] = [];
  if (reply.bodyText !== "") {
    body.push({
      type: "TextualBody",
      value: reply.bodyText,
      format: "text/plain",
      purpose: "replying",
    });
  }
  if (reply.stance) {
    const label = REPLY_STANCE_LABELS[reply.stance];
    body.push({
      type: "TextualBody",
      value: account ? `${label} “${account.title}”` : label,
      format: "text/plain",
      purpose: STANCE_PURPOSES[reply.stance],
    });
  }
  return {
    id: replyIri(baseUrl, slug, claim.id, reply.id),
    type: "Annotation",
    motivation: "replying",
    created: reply.createdAt.toISOString(),
    modified: (reply.editedAt ?? reply.createdAt).toISOString(),
    creator: creatorOf(reply.author, baseUrl, collectionIri),
    generator: { id: baseUrl, type: "Software", name: "Apparatus" },
    ...(body.length > 0 ? { body } : {}),
    target: annotationIri(baseUrl, annotation.id),
    ...(reply.stance ? { "apparatus:stance": reply.stance } : {}),
    ...(account ? { "apparatus:stanceAccount": { id: account.id, title: account.title } } : {}),
    ...(reply.inReplyToId
      ? { "apparatus:inReplyTo": replyIri(baseUrl, slug, claim.id, reply.inReplyToId) }
      : {}),
  };
}

/** How many items the collection holds: every annotation and every reply of its threads. */
function countItems(edition: Edition): number {
  let total = edition.annotations.length;
  for (const annotation of edition.annotations) {
    total += annotation.claim?.replies.length ?? 0;
  }
  return total;
}

/** The collection's items in order: each annotation, then its claim's replies (when included). */
function* collectionItems(
  edition: Edition,
  baseUrl: string,
  collectionIri: string,
): Generator<WebAnnotation | WebReplyAnnotation> {
  for (const annotation of edition.annotations) {
    yield toItem(edition, annotation, baseUrl, collectionIri);
    const claim = annotation.claim;
    if (claim) {
      for (const reply of claim.replies) {
        yield toReplyItem(edition, annotation, claim, reply, baseUrl, collectionIri);
      }
    }
  }
}

/** `JSON.stringify(value, null, 2)` indented to sit at `indent` inside a larger document. */
function stringifyAt(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replaceAll("\n", `\n${indent}`);
}

/** The head of page `page` (everything before its items), as properties at `indent`. */
function pageHead(
  page: number,
  pageCount: number,
  total: number,
  collectionIri: string,
): Record<string, unknown> {
  return {
    id: pageIriOf(collectionIri, page),
    type: "AnnotationPage",
    partOf: { id: collectionIri, total },
    startIndex: page * JSONLD_PAGE_SIZE,
    ...(page < pageCount - 1 ? { next: pageIriOf(collectionIri, page + 1) } : {}),
    ...(page > 0 ? { prev: pageIriOf(collectionIri, page - 1) } : {}),
  };
}

/** The opening of an object at `indent` with `head`'s properties, ready for more. */
function openObject(head: Record<string, unknown>, indent: string): string {
  const inner = `${indent}  `;
  const lines = Object.entries(head).map(
    ([key, value]) => `${inner}${JSON.stringify(key)}: ${stringifyAt(value, inner)}`,
  );
  return `{\n${lines.join(",\n")}`;
}

/**
 * Writes the edition's annotations (and the replies of their dispute threads) as one W3C
 * AnnotationCollection, streamed one item at a time. Deterministic: same edition (and site
 * origin), same bytes.
 */
export function* writeJsonLd(edition: Edition): Generator<string> {
  const baseUrl = editionBaseUrl(edition);
  const collectionIri = editionCollectionIri(edition, baseUrl);
  const total = countItems(edition);
  const pageCount = Math.ceil(total / JSONLD_PAGE_SIZE);

  yield openObject(
    {
      "@context": ANNOTATION_CONTEXT,
      id: collectionIri,
      type: "AnnotationCollection",
      label: `Annotations on “${edition.article.title}”, revision ${edition.revision.number}`,
      total,
      ...(pageCount > 0 ? { last: pageIriOf(collectionIri, pageCount - 1) } : {}),
    },
    "",
  );
  if (pageCount === 0) {
    yield "\n}\n";
    return;
  }
  let page = 0;
  let onPage = 0;
  // Page 0 is `first`; the rest are elements of `@included`.
  let indent = "  ";
  for (const item of collectionItems(edition, baseUrl, collectionIri)) {
    if (onPage === 0) {
      indent = page === 0 ? "  " : "    ";
      if (page === 0) {
        yield `,\n  "first": `;
      } else {
        yield page === 1 ? `,\n  "@included": [\n    ` : `,\n    `;
      }
      yield openObject(pageHead(page, pageCount, total, collectionIri), indent);
      yield `,\n${indent}  "items": [`;
    }
    yield `${onPage === 0 ? "" : ","}\n${indent}    ${stringifyAt(item, `${indent}    `)}`;
    onPage += 1;
    if (onPage === JSONLD_PAGE_SIZE) {
      yield `\n${indent}  ]\n${indent}}`;
      page += 1;
      onPage = 0;
    }
  }
  if (onPage > 0) {
    yield `\n${indent}  ]\n${indent}}`;
  }
  yield pageCount > 1 ? "\n  ]\n}\n" : "\n}\n";
}
