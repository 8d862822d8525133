/**
 * The edition as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): one
 * AnnotationCollection whose annotations are split into AnnotationPages of {@link JSONLD_PAGE_SIZE}.
 * The first page is embedded as `first` (the protocol's "contained descriptions"); the others,
 * which the model only lets a page name by IRI (`next`), are embedded under JSON-LD's `@included`,
 * so the file is complete on its own and every page is still a valid AnnotationPage.
 *
 * Each item is exactly what the API serialises (`toWebAnnotation`, embedded form), so a client of
 * the API and a reader of the export see the same annotation, and the import reads both. In an
 * anonymised edition the creator is the edition's "Annotator N" under an IRI local to the file.
 *
 * IRIs are derived from the site's origin, the article, the revision and the options (never the
 * export date), so the same data and options give a byte-identical file. The writer streams one
 * annotation at a time.
 *
 * Pure: no Prisma.
 */
import type { AnnotationView } from "@/lib/annotations/annotation-view";
import {
  ANNOTATION_CONTEXT,
  toWebAnnotation,
  type WebAnnotation,
} from "@/lib/annotations/web-annotation";

import type { Edition, EditionAnnotation } from "../edition-model";
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
    item.creator = {
      id: `${collectionIri}#${annotation.author.ref}`,
      type: "Person",
      name: annotation.author.name,
    };
  }
  return item;
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
 * Writes the edition's annotations as one W3C AnnotationCollection, streamed one annotation at a
 * time. Deterministic: same edition (and site origin), same bytes.
 */
export function* writeJsonLd(edition: Edition): Generator<string> {
  const baseUrl = editionBaseUrl(edition);
  const collectionIri = editionCollectionIri(edition, baseUrl);
  const total = edition.annotations.length;
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
  for (let page = 0; page < pageCount; page += 1) {
    // Page 0 is `first`; the rest are elements of `@included`.
    const indent = page === 0 ? "  " : "    ";
    if (page === 0) {
      yield `,\n  "first": `;
    } else {
      yield page === 1 ? `,\n  "@included": [\n    ` : `,\n    `;
    }
    yield openObject(pageHead(page, pageCount, total, collectionIri), indent);
    yield `,\n${indent}  "items": [`;
    const items = edition.annotations.slice(page * JSONLD_PAGE_SIZE, (page + 1) * JSONLD_PAGE_SIZE);
    let isFirstItem = true;
    for (const annotation of items) {
      const item = toItem(edition, annotation, baseUrl, collectionIri);
      yield `${isFirstItem ? "" : ","}\n${indent}    ${stringifyAt(item, `${indent}    `)}`;
      isFirstItem = false;
    }
    yield `\n${indent}  ]\n${indent}}`;
  }
  yield pageCount > 1 ? "\n  ]\n}\n" : "\n}\n";
}
