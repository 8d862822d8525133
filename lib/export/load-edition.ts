import "server-only";

import { getSchema, type JSONContent } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";

import { readableAnnotationWhere } from "@/lib/annotations/annotation-view";
import { authorize, can, type Actor } from "@/lib/auth/policy";
import { getVisibilityScope } from "@/lib/auth/visibility";
import { prisma } from "@/lib/db";
import { OPEN_DISPUTE_STATUSES, RESOLVED_STATUSES } from "@/lib/disputes/claim-lifecycle";
import { countStancesByAccount } from "@/lib/disputes/count-stances";
import { evidenceColumnsSelect } from "@/lib/disputes/evidence-view";
import { articleExtensions } from "@/lib/editor/article-extensions";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { citedSourceSelect, toCitedSourceView } from "@/lib/sources/source-records";

import {
  CONTRIBUTION_ROLES,
  THREAD_SUMMARY_LAST_REPLIES,
  type ContributionRole,
  type Edition,
  type EditionAccount,
  type EditionAnnotation,
  type EditionBibliographyEntry,
  type EditionBlock,
  type EditionClaim,
  type EditionContributor,
  type EditionEvidence,
  type EditionPerson,
  type EditionReply,
  type EditionSection,
  type EditionSource,
  type EditionText,
} from "./edition-model";
import { formatLocator } from "./format-locator";
import { isAuthorId, parseExportOptions, type ExportOptions } from "./options";

/** The columns of a user the edition names. */
const personSelect = { id: true, name: true, orcid: true } satisfies Prisma.UserSelect;

/** The columns of a piece of evidence. */
const evidenceSelect = {
  ...evidenceColumnsSelect,
  sourceId: true,
  createdBy: { select: personSelect },
} satisfies Prisma.EvidenceSelect;

/** Live evidence, oldest first. */
const liveEvidence = {
  where: { deletedAt: null },
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  select: evidenceSelect,
} satisfies Prisma.ClaimAccount$evidenceArgs;

/** The columns of an annotation, with its anchor on `revisionId` and its claim. */
function annotationSelect(revisionId: string) {
  return {
    id: true,
    kind: true,
    flag: true,
    tags: true,
    visibility: true,
    body: true,
    bodyText: true,
    createdAt: true,
    updatedAt: true,
    exact: true,
    prefix: true,
    suffix: true,
    revision: { select: { id: true, number: true, createdAt: true } },
    start: true,
    end: true,
    sectionAnchor: true,
    groupId: true,
    group: { select: { name: true } },
    version: true,
    author: { select: personSelect },
    anchors: {
      where: { revisionId },
      select: { start: true, end: true, sectionAnchor: true, strategy: true },
    },
    claim: {
      select: {
        id: true,
        title: true,
        status: true,
        statusRationale: true,
        statusChangedAt: true,
        statusChangedById: true,
        lockedAt: true,
        createdAt: true,
        accounts: {
          where: { deletedAt: null },
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: {
            id: true,
            position: true,
            title: true,
            body: true,
            bodyText: true,
            proponents: true,
            createdAt: true,
            updatedAt: true,
            createdBy: { select: personSelect },
            evidence: liveEvidence,
          },
        },
        replies: {
          // Hidden and deleted replies never leave the workbench in an edition.
          where: { deletedAt: null, hiddenAt: null },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            inReplyToId: true,
            body: true,
            bodyText: true,
            stance: true,
            stanceAccountId: true,
            version: true,
            createdAt: true,
            updatedAt: true,
            author: { select: personSelect },
            evidence: liveEvidence,
          },
        },
      },
    },
  } satisfies Prisma.AnnotationSelect;
}

/** A row selected with {@link annotationSelect}. */
type AnnotationRow = Prisma.AnnotationGetPayload<{
  select: ReturnType<typeof annotationSelect>;
}>;

/** A user row as the edition reads it. */
type PersonRow = { id: string; name: string; orcid: string | null };

/** A row of evidence. */
type EvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

/**
 * Filtering by someone else's e-mail address would tell who wrote which public note, so only
 * moderators and admins may; everyone else filters by user id (public, as in the API's creator
 * IRIs) or by their own address.
 *
 * @throws AppError UNAUTHENTICATED (anonymous) or FORBIDDEN (another's address, not a moderator)
 */
async function checkAuthorEmails(actor: Actor | null, authors: readonly string[]): Promise<void> {
  const emails = authors.filter((author) => !isAuthorId(author));
  if (emails.length === 0 || (actor && can(actor, "article.exportByEmail"))) {
    return;
  }
  if (!actor) {
    throw new AppError(
      "UNAUTHENTICATED",
      "Sign in to filter an edition by author e-mail, or filter by the annotator's id.",
      { field: "authors" },
    );
  }
  const own = await prisma.user.findUnique({ where: { id: actor.id }, select: { email: true } });
  if (emails.some((email) => email !== own?.email.toLowerCase())) {
    throw new AppError(
      "FORBIDDEN",
      "authors: only moderators may filter by someone else's e-mail address; filter by the annotator's id instead (the export dialog lists them).",
      { field: "authors" },
    );
  }
}

/**
 * Loads the annotated edition of the article `slug` that `actor` may see, for `options`.
 *
 * Anonymous visitors may export: like reading, exporting public content needs no account, and the
 * edition then holds only PUBLIC annotations. A signed-in user must hold `article.export` and sees
 * what they may read (their group layers and private notes included). Hidden and deleted
 * annotations, replies, accounts and evidence are never exported, not even for moderators: an
 * edition is for publication.
 *
 * A fixed number of batched queries whatever the size: the article, its revision (with sections
 * and bibliography), the reader's groups, the annotations with claims, accounts, evidence and
 * replies (Prisma loads each level in one query), the users who changed statuses, and the cited
 * sources with their current assessments.
 *
 * @throws AppError NOT_FOUND for an unknown article or revision number; INVALID_INPUT for bad
 *   options or an unknown section anchor
 */
export async function loadEdition(
  actor: Actor | null,
  slug: string,
  input: unknown,
): Promise<Edition> {
  if (actor) {
    authorize(actor, "article.export");
  }
  const options = parseExportOptions(input);
  await checkAuthorEmails(actor, options.authors);
  const exportedAt = options.exportedAt ?? new Date();

  // The reader's groups do not depend on the article: read them alongside it.
  const [article, scope] = await Promise.all([
    prisma.article.findFirst({
      where: { slug, deletedAt: null },
      select: { id: true, slug: true, title: true, currentRevisionId: true },
    }),
    getVisibilityScope(actor),
  ]);
  if (!article?.currentRevisionId) {
    throw new AppError("NOT_FOUND", `No article with the slug "${slug}".`, { field: "slug" });
  }
  const revision = await prisma.articleRevision.findFirst({
    where:
      options.revision === undefined
        ? { id: article.currentRevisionId }
        : { articleId: article.id, number: options.revision },
    select: {
      id: true,
      number: true,
      title: true,
      createdAt: true,
      doc: true,
      plainText: true,
      sections: { orderBy: { position: "asc" } },
      bibliographyEntries: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          raw: true,
          author: true,
          title: true,
          year: true,
          sourceId: true,
        },
      },
    },
  });
  if (!revision) {
    throw new AppError(
      "NOT_FOUND",
      `revision: "${article.slug}" has no revision ${options.revision}.`,
      { field: "revision" },
    );
  }
  const isCurrent = revision.id === article.currentRevisionId;
  const sections: EditionSection[] = revision.sections.map((section) => ({
    anchor: section.anchor,
    level: section.level,
    title: section.title,
    position: section.position,
    parentAnchor: section.parentAnchor,
    startOffset: section.startOffset,
    endOffset: section.endOffset,
  }));
  const unknownSections = options.sections.filter(
    (anchor) => !sections.some((section) => section.anchor === anchor),
  );
  if (unknownSections.length > 0) {
    throw new AppError(
      "INVALID_INPUT",
      `sections: revision ${revision.number} has no section ${unknownSections.map((anchor) => `"${anchor}"`).join(", ")}.`,
      { field: "sections" },
    );
  }

  const rows = await prisma.annotation.findMany({
    where: { AND: annotationConditions(article.id, revision.id, isCurrent, scope, options) },
    select: annotationSelect(revision.id),
  });
  const selected = selectInSections(rows, sections, options.sections).sort(compareRows);

  const statusChangerIds = [
    ...new Set(
      selected.flatMap((row) =>
        row.claim?.statusChangedById ? [row.claim.statusChangedById] : [],
      ),
    ),
  ].sort();
  const statusChangers = new Map(
    (statusChangerIds.length
      ? await prisma.user.findMany({
          where: { id: { in: statusChangerIds } },
          select: personSelect,
        })
      : []
    ).map((user) => [user.id, user]),
  );

  const people = new PersonRegistry(options.anonymise);
  const annotations = selected.map((row, index) =>
    toEditionAnnotation(row, index + 1, options, people, statusChangers),
  );
  if (options.anonymise) {
    anonymiseMentions(annotations, people);
  }
  const sources = await loadSources(
    annotations,
    revision.bibliographyEntries.flatMap((entry) => (entry.sourceId ? [entry.sourceId] : [])),
  );
  const keyOfSource = new Map(sources.map((source) => [source.id, source.key]));
  for (const evidence of allEvidence(annotations)) {
    evidence.sourceKey = evidence.sourceKey ? (keyOfSource.get(evidence.sourceKey) ?? null) : null;
  }
  const bibliography: EditionBibliographyEntry[] = revision.bibliographyEntries.map((entry) => ({
    position: entry.position,
    raw: entry.raw,
    author: entry.author,
    title: entry.title,
    year: entry.year,
    sourceKey: entry.sourceId ? (keyOfSource.get(entry.sourceId) ?? null) : null,
  }));

  return {
    article: { id: article.id, slug: article.slug, title: article.title },
    revision: {
      id: revision.id,
      number: revision.number,
      title: revision.title,
      createdAt: revision.createdAt,
      isCurrent,
      plainText: revision.plainText,
    },
    blocks: buildEditionBlocks(revision.doc as JSONContent, revision.plainText, sections),
    sections,
    annotations,
    sources,
    bibliography,
    contributors: people.contributors(),
    options,
    exportedAt,
  };
}

/** The `where` conditions of the selected annotations (the section filter is applied after). */
function annotationConditions(
  articleId: string,
  revisionId: string,
  isCurrent: boolean,
  scope: Awaited<ReturnType<typeof getVisibilityScope>>,
  options: ExportOptions,
): Prisma.AnnotationWhereInput[] {
  const conditions: Prisma.AnnotationWhereInput[] = [
    readableAnnotationWhere(scope, { includeHidden: false }),
    { articleId },
  ];
  // On an older revision only the annotations placed (or orphaned) there are listed; on the
  // current one every annotation is, one without an anchor row counting as an orphan.
  if (!isCurrent) {
    conditions.push({ anchors: { some: { revisionId } } });
  }
  if (options.only === "claims") {
    conditions.push({ kind: "CLAIM" });
  } else if (options.only === "open") {
    conditions.push({ kind: "CLAIM", claim: { status: { in: [...OPEN_DISPUTE_STATUSES] } } });
  } else if (options.only === "resolved") {
    conditions.push({ kind: "CLAIM", claim: { status: { in: [...RESOLVED_STATUSES] } } });
  }
  if (options.tags.length > 0) {
    conditions.push({ tags: { hasSome: options.tags } });
  }
  if (options.authors.length > 0) {
    const ids = options.authors.filter(isAuthorId);
    const emails = options.authors.filter((author) => !isAuthorId(author));
    conditions.push({ author: { OR: [{ id: { in: ids } }, { email: { in: emails } }] } });
  }
  return conditions;
}

/** Keeps the rows placed inside one of `anchors`' sections (subsections included); all without. */
function selectInSections(
  rows: AnnotationRow[],
  sections: EditionSection[],
  anchors: string[],
): AnnotationRow[] {
  if (anchors.length === 0) {
    return rows;
  }
  const spans = sections.filter((section) => anchors.includes(section.anchor));
  return rows.filter((row) => {
    const anchor = row.anchors[0];
    if (!anchor || anchor.strategy === "ORPHANED" || anchor.start === null) {
      return false;
    }
    const start = anchor.start;
    return spans.some((span) => start >= span.startOffset && start < span.endOffset);
  });
}

/** Where a row sits on the exported revision, or null for an orphan. */
function placedStart(row: AnnotationRow): { start: number; end: number } | null {
  const anchor = row.anchors[0];
  if (!anchor || anchor.strategy === "ORPHANED" || anchor.start === null || anchor.end === null) {
    return null;
  }
  return { start: anchor.start, end: anchor.end };
}

/** Document order: placed before orphans, by start, longer first, oldest first, then by id. */
function compareRows(a: AnnotationRow, b: AnnotationRow): number {
  const aPlace = placedStart(a);
  const bPlace = placedStart(b);
  if (aPlace && bPlace) {
    if (aPlace.start !== bPlace.start) {
      return aPlace.start - bPlace.start;
    }
    if (aPlace.end !== bPlace.end) {
      return bPlace.end - aPlace.end;
    }
  } else if (aPlace || bPlace) {
    return aPlace ? -1 : 1;
  }
  return a.createdAt.getTime() - b.createdAt.getTime() || compareStrings(a.id, b.id);
}

/** Code-unit order, independent of the locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Names people in order of first appearance; with `anonymise`, "Annotator 1", "Annotator 2", …
 * and no user ids. Counts what each one contributed.
 */
class PersonRegistry {
  private readonly people = new Map<string, EditionContributor>();

  constructor(private readonly anonymise: boolean) {}

  /** The edition's person for `user`, recording one contribution in `role`. */
  person(user: PersonRow, role: ContributionRole): EditionPerson {
    let contributor = this.people.get(user.id);
    if (!contributor) {
      const number = this.people.size + 1;
      contributor = {
        person: {
          ref: `person-${number}`,
          name: this.anonymise ? `Annotator ${number}` : user.name,
          userId: this.anonymise ? null : user.id,
          orcid: this.anonymise ? null : user.orcid,
        },
        roles: [],
        counts: {},
      };
      this.people.set(user.id, contributor);
    }
    contributor.counts[role] = (contributor.counts[role] ?? 0) + 1;
    return contributor.person;
  }

  /** The printed name of an already named user, or null. */
  nameOf(userId: string): string | null {
    return this.people.get(userId)?.person.name ?? null;
  }

  /** Everyone named, in order of first appearance, with their roles in a fixed order. */
  contributors(): EditionContributor[] {
    return [...this.people.values()].map((contributor) => ({
      ...contributor,
      roles: CONTRIBUTION_ROLES.filter((role) => (contributor.counts[role] ?? 0) > 0),
    }));
  }
}

/** One row as an edition annotation numbered `number`; people are named in reading order. */
function toEditionAnnotation(
  row: AnnotationRow,
  number: number,
  options: ExportOptions,
  people: PersonRegistry,
  statusChangers: ReadonlyMap<string, PersonRow>,
): EditionAnnotation {
  const author = people.person(row.author, "annotation");
  const anchorRow = row.anchors[0];
  const place = placedStart(row);
  return {
    id: row.id,
    number,
    kind: row.kind,
    flag: row.flag,
    tags: row.tags,
    visibility: row.visibility,
    body: row.body as JSONContent,
    bodyText: row.bodyText,
    author,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    quote: { exact: row.exact, prefix: row.prefix, suffix: row.suffix },
    originalRevisionNumber: row.revision.number,
    originalRevisionId: row.revision.id,
    originalRevisionCreatedAt: row.revision.createdAt,
    position: { start: row.start, end: row.end },
    sectionAnchor: row.sectionAnchor,
    groupId: row.groupId,
    groupName: row.group?.name ?? null,
    version: row.version,
    anchor: place
      ? {
          start: place.start,
          end: place.end,
          sectionAnchor: anchorRow?.sectionAnchor ?? null,
          strategy: anchorRow?.strategy ?? "ORIGINAL",
          isOrphaned: false,
        }
      : { start: null, end: null, sectionAnchor: null, strategy: "ORPHANED", isOrphaned: true },
    claim:
      row.claim && row.kind === "CLAIM"
        ? toEditionClaim(row.claim, options, people, statusChangers)
        : null,
  };
}

/** A claim with its accounts, evidence and (when included) thread. */
function toEditionClaim(
  claim: NonNullable<AnnotationRow["claim"]>,
  options: ExportOptions,
  people: PersonRegistry,
  statusChangers: ReadonlyMap<string, PersonRow>,
): EditionClaim {
  const changer = claim.statusChangedById ? statusChangers.get(claim.statusChangedById) : undefined;
  const statusChangedBy = changer ? people.person(changer, "claim status") : null;
  // The replies loaded are the live ones only (see the select above).
  const stanceCountsOf = countStancesByAccount(claim.replies);
  const accounts: EditionAccount[] = claim.accounts.map((account) => ({
    id: account.id,
    position: account.position,
    title: account.title,
    body: account.body as JSONContent,
    bodyText: account.bodyText,
    proponents: account.proponents,
    createdBy: people.person(account.createdBy, "account"),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    evidence: account.evidence.map((evidence) => toEditionEvidence(evidence, people)),
    stanceCounts: stanceCountsOf(account.id),
  }));
  if (!options.threads) {
    return { ...claimHead(claim, statusChangedBy), accounts, replies: [], thread: null };
  }
  const includedIds = new Set(claim.replies.map((reply) => reply.id));
  const replies: EditionReply[] = claim.replies.map((reply, index) => ({
    id: reply.id,
    number: index + 1,
    author: people.person(reply.author, "reply"),
    inReplyToId: reply.inReplyToId && includedIds.has(reply.inReplyToId) ? reply.inReplyToId : null,
    body: reply.body as JSONContent,
    bodyText: reply.bodyText,
    stance: reply.stance,
    stanceAccountId: reply.stanceAccountId,
    evidence: reply.evidence.map((evidence) => toEditionEvidence(evidence, people)),
    createdAt: reply.createdAt,
    editedAt: reply.version > 1 ? reply.updatedAt : null,
  }));
  const stances = { supports: 0, opposes: 0, question: 0, neutral: 0 };
  for (const reply of replies) {
    if (reply.stance === "SUPPORTS") {
      stances.supports += 1;
    } else if (reply.stance === "OPPOSES") {
      stances.opposes += 1;
    } else if (reply.stance === "QUESTION") {
      stances.question += 1;
    } else {
      stances.neutral += 1;
    }
  }
  return {
    ...claimHead(claim, statusChangedBy),
    accounts,
    replies,
    thread: {
      replyCount: replies.length,
      stances,
      lastReplies: replies.slice(-THREAD_SUMMARY_LAST_REPLIES),
      lastReplyAt: replies[replies.length - 1]?.createdAt ?? null,
    },
  };
}

/** The claim's own fields. */
function claimHead(
  claim: NonNullable<AnnotationRow["claim"]>,
  statusChangedBy: EditionPerson | null,
): Omit<EditionClaim, "accounts" | "replies" | "thread"> {
  return {
    id: claim.id,
    title: claim.title,
    status: claim.status,
    statusRationale: claim.statusRationale,
    statusChangedAt: claim.statusChangedAt,
    statusChangedBy,
    isLocked: claim.lockedAt !== null,
    createdAt: claim.createdAt,
  };
}

/** One piece of evidence; `sourceKey` holds the source id until the sources are loaded. */
function toEditionEvidence(evidence: EvidenceRow, people: PersonRegistry): EditionEvidence {
  const hasPassage =
    evidence.passageRevisionId !== null &&
    evidence.passageExact !== null &&
    evidence.passageStart !== null &&
    evidence.passageEnd !== null;
  return {
    id: evidence.id,
    relation: evidence.relation,
    sourceKey: evidence.sourceId,
    locatorLabel: evidence.locatorLabel,
    locator: evidence.locator,
    locatorText: formatLocator(evidence.locatorLabel, evidence.locator),
    quote: evidence.quote,
    passage: hasPassage
      ? {
          revisionId: evidence.passageRevisionId ?? "",
          exact: evidence.passageExact ?? "",
          start: evidence.passageStart ?? 0,
          end: evidence.passageEnd ?? 0,
        }
      : null,
    note: evidence.note,
    createdBy: people.person(evidence.createdBy, "evidence"),
    createdAt: evidence.createdAt,
  };
}

/** What a mention of someone the edition does not otherwise name reads as, when anonymised. */
const ANONYMOUS_MENTION_LABEL = "a scholar";

/**
 * Rewrites mentions in every body of an anonymised edition: a contributor's mention reads as their
 * "Annotator N", anyone else as "a scholar"; user ids are dropped. Plain texts are rebuilt.
 */
function anonymiseMentions(annotations: EditionAnnotation[], people: PersonRegistry): void {
  const rewrite = (node: JSONContent): JSONContent => {
    if (node.type === "mention") {
      const id = typeof node.attrs?.id === "string" ? node.attrs.id : "";
      return {
        type: "mention",
        attrs: { id: null, label: people.nameOf(id) ?? ANONYMOUS_MENTION_LABEL },
      };
    }
    return node.content ? { ...node, content: node.content.map(rewrite) } : node;
  };
  const hasMention = (node: JSONContent): boolean =>
    node.type === "mention" || (node.content ?? []).some(hasMention);
  const fix = (item: { body: JSONContent; bodyText: string }) => {
    if (hasMention(item.body)) {
      item.body = rewrite(item.body);
      item.bodyText = bodyToText(item.body);
    }
  };
  for (const annotation of annotations) {
    fix(annotation);
    for (const account of annotation.claim?.accounts ?? []) {
      fix(account);
    }
    for (const reply of annotation.claim?.replies ?? []) {
      fix(reply);
    }
  }
}

/** Plain text of a body: blocks separated by a blank line, mentions as "@Name". */
function bodyToText(node: JSONContent): string {
  if (node.type === "text") {
    return node.text ?? "";
  }
  if (node.type === "mention") {
    return `@${String(node.attrs?.label ?? "")}`;
  }
  if (node.type === "hardBreak") {
    return "\n";
  }
  const children = (node.content ?? []).map(bodyToText);
  const isInline = (node.content ?? []).every(
    (child) => child.type === "text" || child.type === "mention" || child.type === "hardBreak",
  );
  return (
    isInline ? children.join("") : children.filter((text) => text !== "").join("\n\n")
  ).trim();
}

/** Every piece of evidence of the edition (accounts and included replies). */
function allEvidence(annotations: EditionAnnotation[]): EditionEvidence[] {
  return annotations.flatMap((annotation) =>
    annotation.claim
      ? [
          ...annotation.claim.accounts.flatMap((account) => account.evidence),
          ...annotation.claim.replies.flatMap((reply) => reply.evidence),
        ]
      : [],
  );
}

/**
 * The sources cited by the edition's evidence and those the article's bibliography links to, in
 * one query with their current assessments, ordered by key.
 */
async function loadSources(
  annotations: EditionAnnotation[],
  bibliographySourceIds: string[],
): Promise<EditionSource[]> {
  const citedIds = new Set(
    allEvidence(annotations).flatMap((evidence) =>
      evidence.sourceKey ? [evidence.sourceKey] : [],
    ),
  );
  const bibliographyIds = new Set(bibliographySourceIds);
  const ids = [...new Set([...citedIds, ...bibliographyIds])].sort();
  if (ids.length === 0) {
    return [];
  }
  const rows = await prisma.source.findMany({
    where: { id: { in: ids } },
    orderBy: { key: "asc" },
    select: { ...citedSourceSelect, csl: true, critique: true },
  });
  return rows
    .map((row) => ({
      ...toCitedSourceView(row),
      csl: (row.csl ?? {}) as Record<string, unknown>,
      critique: row.critique,
      isCited: citedIds.has(row.id),
      isInArticleBibliography: bibliographyIds.has(row.id),
    }))
    .sort((a, b) => compareStrings(a.key, b.key));
}

/** The article schema, built once, to know which nodes are text blocks. */
let articleSchema: Schema | null = null;

/** True when nodes of type `name` are text blocks of the article schema. */
function isTextblockType(name: string | undefined): boolean {
  articleSchema ??= getSchema(articleExtensions);
  return name !== undefined && articleSchema.nodes[name]?.isTextblock === true;
}

/**
 * The revision's blocks in document order with their text offsets, walking the stored document
 * the way `projectDocText` does (every text block's text, joined by "\n"), so the offsets agree
 * with the anchors'.
 *
 * @throws Error when the walk does not reproduce `plainText` (a document the importer did not make)
 */
export function buildEditionBlocks(
  doc: JSONContent,
  plainText: string,
  sections: readonly EditionSection[],
): EditionBlock[] {
  let offset = 0;
  let isFirst = true;
  /** The next text block's text and offsets, advancing through the projection. */
  const readTextblock = (node: JSONContent): EditionText => {
    if (!isFirst) {
      offset += 1;
    }
    isFirst = false;
    const text = (node.content ?? []).map((child) => child.text ?? "").join("");
    const start = offset;
    offset += text.length;
    return { text, start, end: offset };
  };
  /** Every text block inside `node` (itself included), in order. */
  const readTextblocks = (node: JSONContent): EditionText[] =>
    isTextblockType(node.type)
      ? [readTextblock(node)]
      : (node.content ?? []).flatMap((child) => readTextblocks(child));

  const blocks: EditionBlock[] = [];
  for (const node of doc.content ?? []) {
    switch (node.type) {
      case "infobox": {
        const rows = (node.content ?? []).map((row) => {
          const [label, value] = (row.content ?? []).map((cell) => readTextblock(cell));
          const empty = { text: "", start: offset, end: offset };
          return { label: label ?? empty, value: value ?? empty };
        });
        blocks.push({ type: "infobox", rows, sectionAnchor: null });
        break;
      }
      case "heading": {
        const text = readTextblock(node);
        const anchor =
          sections.find((section) => section.startOffset === text.start)?.anchor ??
          String(node.attrs?.id ?? "");
        blocks.push({
          type: "heading",
          level: Number(node.attrs?.level ?? 2),
          anchor,
          text,
          sectionAnchor: anchor,
        });
        break;
      }
      case "labelLine": {
        const text = readTextblock(node);
        blocks.push({ type: "label", text, sectionAnchor: sectionAt(sections, text.start) });
        break;
      }
      case "bulletList": {
        const items = readTextblocks(node);
        blocks.push({
          type: "list",
          isBibliography: node.attrs?.bibliography === true,
          items,
          sectionAnchor: sectionAt(sections, items[0]?.start ?? offset),
        });
        break;
      }
      default: {
        // Paragraphs, and any other text block a later schema adds, print as paragraphs.
        for (const text of readTextblocks(node)) {
          blocks.push({ type: "paragraph", text, sectionAnchor: sectionAt(sections, text.start) });
        }
      }
    }
  }
  const rebuilt = joinBlockTexts(blocks);
  if (rebuilt !== plainText) {
    throw new Error("buildEditionBlocks: the document does not reproduce the revision's text");
  }
  return blocks;
}

/** The innermost section containing `offset`, or null in the lead. */
function sectionAt(sections: readonly EditionSection[], offset: number): string | null {
  let found: string | null = null;
  for (const section of sections) {
    if (section.startOffset > offset) {
      break;
    }
    if (offset <= section.endOffset) {
      found = section.anchor;
    }
  }
  return found;
}

/** The projection text of `blocks`, to check the walk. */
function joinBlockTexts(blocks: EditionBlock[]): string {
  const texts: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "infobox":
        for (const row of block.rows) {
          texts.push(row.label.text, row.value.text);
        }
        break;
      case "list":
        texts.push(...block.items.map((item) => item.text));
        break;
      default:
        texts.push(block.text.text);
    }
  }
  return texts.join("\n");
}
