/**
 * W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/) for Apparatus annotations,
 * and the AnnotationCollection / AnnotationPage of the Web Annotation Protocol
 * (https://www.w3.org/TR/annotation-protocol/).
 *
 * Mapping:
 * - kind → motivation: COMMENT "commenting", QUESTION "questioning", HIGHLIGHT "highlighting",
 *   CLAIM "assessing";
 * - body → a TextualBody (`format: "text/plain"`, the body's plain text), one TextualBody with
 *   purpose "tagging" per tag, and for claims one with purpose "classifying" whose value is the flag
 *   ("disputed", "citation-needed", …);
 * - target → the article's page as source, a TextQuoteSelector and a TextPositionSelector into the
 *   plain text of the revision the annotation was made on, and a TimeState dating that revision;
 * - what the model has no term for (visibility, group, version, claim status, the anchor on the
 *   current revision) goes under "apparatus:" keys, which JSON-LD processors keep as extensions.
 *
 * Pure: no Prisma. The inverse, `fromWebAnnotation`, validates a client's JSON-LD with zod and
 * returns the pieces of a create or update, or throws INVALID_INPUT naming the field.
 */

import { z } from "zod";

import { AppError } from "@/lib/errors";
import type { AnnotationKind, ClaimFlag, Visibility } from "@/lib/generated/prisma/enums";

import { bodyFromPlainText, type AnnotationBody } from "./annotation-body";
import type { AnnotationView } from "./annotation-view";
import type { PartialTarget } from "./check-target";
import { MAX_TAGS, parseAnnotationInput } from "./schemas";

/** The Web Annotation JSON-LD context; every annotation, collection and page names it. */
export const ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** The Linked Data Platform context, for the container's own description. */
export const LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";

/** Motivation of each kind. */
export const MOTIVATION_OF_KIND: Record<AnnotationKind, string> = {
  COMMENT: "commenting",
  QUESTION: "questioning",
  HIGHLIGHT: "highlighting",
  CLAIM: "assessing",
};

/** Kind of each motivation a client may send; "tagging" alone is a highlight with tags. */
const KIND_OF_MOTIVATION: Record<string, AnnotationKind> = {
  commenting: "COMMENT",
  questioning: "QUESTION",
  highlighting: "HIGHLIGHT",
  tagging: "HIGHLIGHT",
  assessing: "CLAIM",
};

/** The motivations `fromWebAnnotation` understands, for messages. */
const SUPPORTED_MOTIVATIONS = Object.keys(KIND_OF_MOTIVATION).join(", ");

/** The value of a "classifying" body for each claim flag: lower-case, hyphenated. */
export function flagToValue(flag: ClaimFlag): string {
  return flag.toLowerCase().replaceAll("_", "-");
}

/** The claim flag of a "classifying" body's value ("disputed", "citation needed", "CITATION_NEEDED"). */
function valueToFlag(value: string): ClaimFlag | null {
  const normalized = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  const flags: readonly ClaimFlag[] = [
    "DISPUTED",
    "DUBIOUS",
    "CITATION_NEEDED",
    "BETTER_SOURCE_NEEDED",
    "CONTRADICTED",
    "CORROBORATED",
  ];
  return flags.find((flag) => flag === normalized) ?? null;
}

/** A textual body of a Web Annotation. */
export interface WebTextualBody {
  type: "TextualBody";
  value: string;
  format?: "text/plain";
  purpose?: string;
}

/** A selector of a Web Annotation's target. */
export type WebSelector =
  | { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string }
  | { type: "TextPositionSelector"; start: number; end: number };

/** An annotation as W3C Web Annotation JSON-LD. */
export interface WebAnnotation {
  "@context"?: string;
  id: string;
  type: "Annotation";
  motivation: string;
  created: string;
  modified: string;
  creator: { id: string; type: "Person"; name: string };
  generator: { id: string; type: "Software"; name: string };
  body?: WebTextualBody[];
  target: {
    type: "SpecificResource";
    source: string;
    selector: WebSelector[];
    state: { type: "TimeState"; sourceDate: string };
  };
  "apparatus:kind": AnnotationKind;
  "apparatus:flag"?: ClaimFlag;
  "apparatus:visibility": Visibility;
  "apparatus:group"?: { id: string; name: string | null };
  "apparatus:version": number;
  "apparatus:revision": number;
  "apparatus:section"?: string;
  "apparatus:claimStatus"?: string;
  "apparatus:anchor"?: {
    revision: string;
    strategy: string;
    start: number | null;
    end: number | null;
    orphaned: boolean;
  };
  "apparatus:hidden"?: boolean;
}

/** The IRI of an annotation in the API container. */
export function annotationIri(baseUrl: string, id: string): string {
  return `${baseUrl}/api/annotations/${id}`;
}

/** The IRI of an article's reading page: the source every target points at. */
export function articleIri(baseUrl: string, slug: string): string {
  return `${baseUrl}/articles/${encodeURIComponent(slug)}`;
}

/**
 * The IRI of a dispute reply: its element on the claim's page (`<origin>/articles/<slug>/claims/
 * <claimId>#reply-<id>`), as the JSON-LD edition names replies and the import recognises them.
 */
export function replyIri(baseUrl: string, slug: string, claimId: string, id: string): string {
  return `${articleIri(baseUrl, slug)}/claims/${encodeURIComponent(claimId)}#reply-${id}`;
}

/** A UUID, as ids are written in our IRIs. */
const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The path and fragment of {@link replyIri}, with any origin (proxies rewrite it). */
const REPLY_IRI = new RegExp(
  `/articles/[^/?#]+/claims/(${UUID_PATTERN})#reply-(${UUID_PATTERN})$`,
  "i",
);

/** The claim and reply a {@link replyIri} names (ids in lower case), or null for any other IRI. */
export function parseReplyIri(iri: string): { claimId: string; replyId: string } | null {
  const match = REPLY_IRI.exec(iri);
  if (!match?.[1] || !match[2]) {
    return null;
  }
  return { claimId: match[1].toLowerCase(), replyId: match[2].toLowerCase() };
}

/**
 * An annotation as Web Annotation JSON-LD.
 *
 * @param baseUrl the site's public origin, without a trailing slash ("https://apparatus.example")
 * @param options `embedded`: leave out "@context", for items of a page that carries it
 */
export function toWebAnnotation(
  annotation: AnnotationView,
  baseUrl: string,
  options: { embedded?: boolean } = {},
): WebAnnotation {
  const motivation = MOTIVATION_OF_KIND[annotation.kind];
  const body: WebTextualBody[] = [];
  if (annotation.bodyText !== "") {
    body.push({
      type: "TextualBody",
      value: annotation.bodyText,
      format: "text/plain",
      purpose: annotation.kind === "HIGHLIGHT" ? "commenting" : motivation,
    });
  }
  for (const tag of annotation.tags) {
    body.push({ type: "TextualBody", value: tag, purpose: "tagging" });
  }
  if (annotation.kind === "CLAIM" && annotation.flag) {
    body.push({ type: "TextualBody", value: flagToValue(annotation.flag), purpose: "classifying" });
  }
  const { quote, position } = annotation.target;
  const anchor = annotation.anchor;
  return {
    ...(options.embedded ? {} : { "@context": ANNOTATION_CONTEXT }),
    id: annotationIri(baseUrl, annotation.id),
    type: "Annotation",
    motivation,
    created: annotation.createdAt.toISOString(),
    modified: annotation.updatedAt.toISOString(),
    creator: {
      id: `${baseUrl}/users/${annotation.author.id}`,
      type: "Person",
      name: annotation.author.name,
    },
    generator: { id: baseUrl, type: "Software", name: "Apparatus" },
    ...(body.length > 0 ? { body } : {}),
    target: {
      type: "SpecificResource",
      source: articleIri(baseUrl, annotation.articleSlug),
      selector: [
        {
          type: "TextQuoteSelector",
          exact: quote.exact,
          prefix: quote.prefix,
          suffix: quote.suffix,
        },
        { type: "TextPositionSelector", start: position.start, end: position.end },
      ],
      state: { type: "TimeState", sourceDate: annotation.revisionCreatedAt.toISOString() },
    },
    "apparatus:kind": annotation.kind,
    ...(annotation.flag ? { "apparatus:flag": annotation.flag } : {}),
    "apparatus:visibility": annotation.visibility,
    ...(annotation.groupId
      ? { "apparatus:group": { id: annotation.groupId, name: annotation.groupName } }
      : {}),
    "apparatus:version": annotation.version,
    "apparatus:revision": annotation.revisionNumber,
    ...(annotation.sectionAnchor ? { "apparatus:section": annotation.sectionAnchor } : {}),
    ...(annotation.claim ? { "apparatus:claimStatus": annotation.claim.status } : {}),
    ...(anchor
      ? {
          "apparatus:anchor": {
            revision: anchor.revisionId,
            strategy: anchor.strategy,
            start: anchor.start,
            end: anchor.end,
            orphaned: anchor.isOrphaned,
          },
        }
      : {}),
    ...(annotation.isHidden ? { "apparatus:hidden": true } : {}),
  };
}

/** One value or a list of them, as JSON-LD allows for most keys. */
function oneOrMany<Item extends z.ZodType>(item: Item, field: string) {
  return z.union(
    [item, z.array(item).min(1, `${field}: the list is empty.`)],
    `${field}: not valid here.`,
  );
}

/** A TextualBody (or an embedded body without a type) as clients send it. */
const textualBodySchema = z.looseObject({
  type: z
    .string("body: a body's type must be text.")
    .refine((type) => type === "TextualBody", {
      message: "body: only embedded TextualBody bodies are accepted (no external resources).",
    })
    .optional(),
  value: z.string("body: every body needs a text value (TextualBody.value)."),
  format: z.string("body: format must be a media type.").optional(),
  purpose: oneOrMany(z.string("body: purpose must be text."), "body.purpose").optional(),
});

/** A selector as clients send it; only the two text selectors are read, others are ignored. */
const selectorSchema = z.looseObject({
  type: z.string("target.selector: every selector needs a type."),
  exact: z.string("target.selector: exact must be text.").optional(),
  prefix: z.string("target.selector: prefix must be text.").optional(),
  suffix: z.string("target.selector: suffix must be text.").optional(),
  start: z.int("target.selector: start must be a whole number.").min(0).optional(),
  end: z.int("target.selector: end must be a whole number.").min(0).optional(),
});

/** A target as clients send it: a SpecificResource of an article's page. */
const targetObjectSchema = z.looseObject({
  source: z.url("target.source: must be the IRI of an article (…/articles/<slug>)."),
  selector: oneOrMany(selectorSchema, "target.selector"),
});

/** The JSON-LD of an annotation as a client sends it to the container. */
const webAnnotationInputSchema = z.looseObject({
  "@context": z.union(
    [
      z.literal(ANNOTATION_CONTEXT),
      z.array(z.unknown()).refine((list) => list.includes(ANNOTATION_CONTEXT)),
    ],
    `@context: must be (or include) "${ANNOTATION_CONTEXT}".`,
  ),
  type: z.union(
    [z.literal("Annotation"), z.array(z.string()).refine((list) => list.includes("Annotation"))],
    'type: must be "Annotation".',
  ),
  motivation: oneOrMany(z.string("motivation: must be text."), "motivation").optional(),
  body: oneOrMany(textualBodySchema, "body").optional(),
  bodyValue: z.string("bodyValue: must be text.").optional(),
  target: z.union(
    [targetObjectSchema, z.array(targetObjectSchema).length(1, "target: give exactly one target.")],
    "target: must be an object with a source (the article) and selectors for the passage.",
  ),
  "apparatus:visibility": z
    .string("apparatus:visibility: must be public, group or private.")
    .transform((value) => value.toUpperCase())
    .pipe(
      z.enum(
        ["PUBLIC", "GROUP", "PRIVATE"],
        "apparatus:visibility: must be public, group or private.",
      ),
    )
    .optional(),
  "apparatus:group": z
    .union(
      [z.string(), z.looseObject({ id: z.string() }).transform((group) => group.id)],
      "apparatus:group: must be a group id.",
    )
    .transform((value) => value.replace(/^.*\/groups\//, ""))
    .pipe(z.uuid("apparatus:group: must be a group id."))
    .optional(),
  "apparatus:revision": z.int("apparatus:revision: must be a revision number.").min(1).optional(),
});

/** What a client's Web Annotation asks for, in Apparatus's terms. */
export interface WebAnnotationInput {
  /** The slug of the article its target's source names. */
  articleSlug: string;
  /** The revision number the selectors were taken from, when the client said. */
  revisionNumber?: number;
  /** The selectors it gave (a quote, a position, or both). */
  target: PartialTarget;
  kind: AnnotationKind;
  flag: ClaimFlag | null;
  /** The text body, as a body document; empty when there is none. */
  body: AnnotationBody;
  tags: string[];
  /** Undefined when the client did not say (public on creation, unchanged on update). */
  visibility?: Visibility;
  groupId?: string;
}

/** The values of a one-or-many key, as a list. */
function asList<Item>(value: Item | Item[] | undefined): Item[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function invalid(field: string, message: string): AppError {
  return new AppError("INVALID_INPUT", `${field}: ${message}`, { field });
}

/**
 * Reads a client's Web Annotation: its motivation, bodies and target, in Apparatus's terms.
 *
 * Accepted: motivation commenting, questioning, highlighting, tagging or assessing (one, or a list
 * whose first other than tagging decides); at most one text body (TextualBody, text/plain, or
 * `bodyValue`), tags as TextualBodies with purpose "tagging", and for "assessing" the claim flag as
 * a TextualBody with purpose "classifying"; one target whose source is `…/articles/<slug>` with a
 * TextQuoteSelector and/or a TextPositionSelector.
 *
 * @throws AppError INVALID_INPUT naming the field ("motivation: …", "body: …", "target: …")
 */
export function fromWebAnnotation(json: unknown): WebAnnotationInput {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalid("annotation", "the request body must be one JSON-LD annotation object.");
  }
  const data = parseAnnotationInput(webAnnotationInputSchema, json);

  const motivations = asList(data.motivation);
  for (const motivation of motivations) {
    if (!(motivation in KIND_OF_MOTIVATION)) {
      throw invalid(
        "motivation",
        `"${motivation.slice(0, 40)}" is not supported; use one of ${SUPPORTED_MOTIVATIONS}.`,
      );
    }
  }

  if (data.body !== undefined && data.bodyValue !== undefined) {
    throw invalid("bodyValue", "give either body or bodyValue, not both.");
  }
  const texts: string[] = data.bodyValue === undefined ? [] : [data.bodyValue];
  const tags: string[] = [];
  const flags: string[] = [];
  for (const body of asList(data.body)) {
    const purposes = asList(body.purpose);
    if (purposes.includes("tagging")) {
      tags.push(body.value);
    } else if (purposes.includes("classifying")) {
      flags.push(body.value);
    } else {
      if (body.format !== undefined && body.format !== "text/plain") {
        throw invalid(
          "body",
          body.format === "text/html"
            ? "HTML bodies are not accepted; send the text with format text/plain."
            : `format "${body.format.slice(0, 40)}" is not accepted; send text/plain.`,
        );
      }
      texts.push(body.value);
    }
  }
  if (texts.length > 1) {
    throw invalid("body", "give at most one text body (besides tags and the claim flag).");
  }
  if (flags.length > 1) {
    throw invalid("body", "give at most one claim flag (a TextualBody with purpose classifying).");
  }
  if (tags.length > MAX_TAGS * 2) {
    throw invalid("body", `use at most ${MAX_TAGS} tags.`);
  }

  const decisive = motivations.find((motivation) => motivation !== "tagging") ?? motivations[0];
  let kind: AnnotationKind;
  if (decisive) {
    kind = KIND_OF_MOTIVATION[decisive] ?? "COMMENT";
  } else if (flags.length > 0) {
    kind = "CLAIM";
  } else {
    kind = texts.length > 0 && texts[0]?.trim() !== "" ? "COMMENT" : "HIGHLIGHT";
  }
  let flag: ClaimFlag | null = null;
  if (kind === "CLAIM") {
    const value = flags[0];
    if (value === undefined) {
      throw invalid(
        "body",
        'an assessing annotation needs the claim flag as a TextualBody with purpose "classifying" (for example "disputed").',
      );
    }
    flag = valueToFlag(value);
    if (!flag) {
      throw invalid(
        "body",
        `"${value.slice(0, 40)}" is not a claim flag; use disputed, dubious, citation-needed, better-source-needed, contradicted or corroborated.`,
      );
    }
  } else if (flags.length > 0) {
    throw invalid("body", 'a claim flag (purpose "classifying") needs motivation "assessing".');
  }

  const target = Array.isArray(data.target) ? data.target[0] : data.target;
  if (!target) {
    throw invalid("target", "give exactly one target.");
  }
  const articleSlug = slugFromSource(target.source);
  const partial: PartialTarget = {};
  for (const selector of asList(target.selector)) {
    if (selector.type === "TextQuoteSelector") {
      if (selector.exact === undefined) {
        throw invalid("target.selector", "a TextQuoteSelector needs exact.");
      }
      partial.quote = {
        exact: selector.exact,
        prefix: selector.prefix ?? "",
        suffix: selector.suffix ?? "",
      };
    } else if (selector.type === "TextPositionSelector") {
      if (selector.start === undefined || selector.end === undefined) {
        throw invalid("target.selector", "a TextPositionSelector needs start and end.");
      }
      partial.position = { start: selector.start, end: selector.end };
    }
  }
  if (!partial.quote && !partial.position) {
    throw invalid(
      "target.selector",
      "give a TextQuoteSelector and/or a TextPositionSelector for the passage.",
    );
  }

  return {
    articleSlug,
    revisionNumber: data["apparatus:revision"],
    target: partial,
    kind,
    flag,
    body: bodyFromPlainText(texts[0] ?? ""),
    tags,
    visibility: data["apparatus:visibility"],
    groupId: data["apparatus:group"],
  };
}

/** The article slug of a target source `…/articles/<slug>` (any origin: proxies rewrite it). */
function slugFromSource(source: string): string {
  const match = /\/articles\/([^/?#]+)\/?(?:[?#].*)?$/.exec(new URL(source).pathname);
  if (!match?.[1]) {
    throw invalid("target.source", "must be the IRI of an article's page (…/articles/<slug>).");
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    throw invalid("target.source", "the article slug is not valid.");
  }
}

/** Paging of the annotation container. */
export interface AnnotationPaging {
  baseUrl: string;
  /** 0-based page number. */
  page: number;
  pageSize: number;
  /** Annotations in the whole (filtered) container. */
  total: number;
  /** The container filter (`?article=<slug>`), if any. */
  articleSlug?: string;
}

/** An AnnotationPage of the container. */
export interface AnnotationPage {
  "@context"?: string;
  id: string;
  type: "AnnotationPage";
  partOf: { id: string; total: number };
  startIndex: number;
  next?: string;
  prev?: string;
  items: WebAnnotation[];
}

/** The container as an AnnotationCollection (and an LDP BasicContainer). */
export interface AnnotationCollection {
  "@context": [string, string];
  id: string;
  type: ["BasicContainer", "AnnotationCollection"];
  label: string;
  total: number;
  first?: AnnotationPage;
  last?: string;
}

/** The container's IRI, with its filter. */
export function containerIri(paging: Pick<AnnotationPaging, "baseUrl" | "articleSlug">): string {
  const base = `${paging.baseUrl}/api/annotations`;
  return paging.articleSlug ? `${base}?article=${encodeURIComponent(paging.articleSlug)}` : base;
}

/** The IRI of one page of the container. */
export function pageIri(
  paging: Pick<AnnotationPaging, "baseUrl" | "articleSlug">,
  page: number,
): string {
  const container = containerIri(paging);
  return `${container}${container.includes("?") ? "&" : "?"}page=${page}`;
}

/** The number of the last page (0 for an empty container). */
export function lastPageOf(total: number, pageSize: number): number {
  return Math.max(0, Math.ceil(total / pageSize) - 1);
}

/**
 * One page of the container as an AnnotationPage: its items, `partOf` (the collection, as an
 * object with its id and total), `startIndex`, and `next`/`prev` where there are such pages.
 *
 * @param options `embedded`: leave out "@context", when the page sits inside the collection
 */
export function toAnnotationPage(
  items: readonly AnnotationView[],
  paging: AnnotationPaging,
  options: { embedded?: boolean } = {},
): AnnotationPage {
  const last = lastPageOf(paging.total, paging.pageSize);
  return {
    ...(options.embedded ? {} : { "@context": ANNOTATION_CONTEXT }),
    id: pageIri(paging, paging.page),
    type: "AnnotationPage",
    partOf: { id: containerIri(paging), total: paging.total },
    startIndex: paging.page * paging.pageSize,
    ...(paging.page < last ? { next: pageIri(paging, paging.page + 1) } : {}),
    ...(paging.page > 0 ? { prev: pageIri(paging, Math.min(paging.page - 1, last)) } : {}),
    items: items.map((item) => toWebAnnotation(item, paging.baseUrl, { embedded: true })),
  };
}

/**
 * The container as an AnnotationCollection: its total, the first page embedded (with its items,
 * as the protocol's default "contained descriptions" preference asks), and the last page's IRI.
 *
 * @param firstPageItems the items of page 0
 */
export function toAnnotationCollection(
  firstPageItems: readonly AnnotationView[],
  paging: Omit<AnnotationPaging, "page">,
): AnnotationCollection {
  const pageZero = { ...paging, page: 0 };
  return {
    "@context": [ANNOTATION_CONTEXT, LDP_CONTEXT],
    id: containerIri(paging),
    type: ["BasicContainer", "AnnotationCollection"],
    label: paging.articleSlug
      ? `Annotations on ${paging.articleSlug}`
      : "Annotations on Apparatus articles",
    total: paging.total,
    ...(paging.total > 0
      ? {
          first: toAnnotationPage(firstPageItems, pageZero, { embedded: true }),
          last: pageIri(paging, lastPageOf(paging.total, paging.pageSize)),
        }
      : {}),
  };
}
