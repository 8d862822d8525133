/**
 * A deterministic edition for golden-file tests of every export format: the shipped seed article
 * imported into a test database, plus users, sources, annotations, claims with accounts and
 * evidence, and dispute replies, all written straight to the database with FIXED ids and
 * timestamps, so the same fixture exported with the same options gives byte-identical files.
 *
 * It deliberately holds what exports must get right: an annotation containing
 * `<script>alert(1)</script>`, a highlight on the infobox value `<hr>`, overlapping passages, an
 * orphaned annotation (listed, never dropped), and things that must NOT appear: a hidden reply, a
 * deleted reply, deleted evidence, a hidden annotation, a deleted annotation, and a private note
 * (visible to its author only, never to an anonymous exporter).
 *
 * Call it after setting `process.env.DATABASE_URL` to a fresh test database.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type {
  AnnotationKind,
  ClaimFlag,
  ClaimStatus,
  EvidenceRelation,
  ReplyStance,
  Visibility,
} from "@/lib/generated/prisma/enums";

import { readSeedArticle, toBytes } from "./factories";

/** The seed article's slug. */
export const EXPORT_FIXTURE_SLUG = "afghan-civil-war-1989-1992";

/** The export date the golden files are made with (`options.exportedAt`). */
export const EXPORT_FIXTURE_EXPORTED_AT = "2026-02-01T12:00:00.000Z";

/** When the fixture's revision was imported. */
const REVISION_CREATED_AT = new Date("2026-01-01T09:00:00.000Z");

/** A fixed UUID (version-7 layout) ending in `suffix`. */
function fixedId(suffix: number): string {
  return `01900000-0000-7000-8000-${suffix.toString(16).padStart(12, "0")}`;
}

/** A fixed instant: 2026-01-`day` at `hour`:00 UTC. */
function at(day: number, hour = 10): Date {
  return new Date(Date.UTC(2026, 0, day, hour));
}

/** The fixture's accounts (also usable as `Actor`s). */
export const EXPORT_FIXTURE_USERS = {
  annotator: {
    id: fixedId(0x101),
    email: "farida.rahimi@export.test",
    name: "Farida Rahimi",
    role: "ANNOTATOR",
    orcid: "0000-0002-1825-0097",
  },
  moderator: {
    id: fixedId(0x102),
    email: "daniel.okafor@export.test",
    name: "Daniel Okafor",
    role: "MODERATOR",
    orcid: null,
  },
  second: {
    id: fixedId(0x103),
    email: "li.wen@export.test",
    name: "Li Wen",
    role: "ANNOTATOR",
    orcid: null,
  },
} as const;

/** Ids of the fixture's rows, for assertions. */
export const EXPORT_FIXTURE_IDS = {
  jamalClaimAnnotation: fixedId(0x201),
  scriptComment: fixedId(0x202),
  bbcClaimAnnotation: fixedId(0x203),
  infoboxHighlight: fixedId(0x204),
  salangQuestion: fixedId(0x205),
  privateComment: fixedId(0x206),
  orphanedComment: fixedId(0x207),
  hiddenAnnotation: fixedId(0x208),
  deletedAnnotation: fixedId(0x209),
  intelligenceClaimAnnotation: fixedId(0x20a),
  overlappingComment: fixedId(0x20b),
  jamalClaim: fixedId(0x301),
  bbcClaim: fixedId(0x302),
  intelligenceClaim: fixedId(0x303),
  hiddenReply: fixedId(0x504),
  deletedReply: fixedId(0x505),
} as const;

/** Text that must never appear in an export (hidden, deleted or private content). */
export const EXPORT_FIXTURE_SECRETS = {
  hiddenReply: "HIDDEN-REPLY-TEXT",
  deletedReply: "DELETED-REPLY-TEXT",
  deletedEvidence: "DELETED-EVIDENCE-NOTE",
  hiddenAnnotation: "HIDDEN-ANNOTATION-TEXT",
  deletedAnnotation: "DELETED-ANNOTATION-TEXT",
  privateComment: "PRIVATE-NOTE-TEXT",
} as const;

/** The passages, each occurring exactly once in the seed article. */
const QUOTES = {
  jamal:
    "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha, whom he accused of having murdered a number of Jamiat-e-Islami commandants",
  overlap: "Jamal Agha, whom he accused",
  tanwir:
    "This was stated by Hezb-e Islami Gulbuddin supporter Mohammad Tanwir Halim in his book published in 2013. However, this version of the story is uncorroborated",
  bbc: "Massoud even said it was by BBC radio that he learned about the operation.",
  infobox: "Shahnawaz Tanai (from 1990), <hr>",
  salang:
    "it has been stated Massoud was tasked with closing the Salang Pass, which he failed to do",
  intelligence:
    "The U.S. intelligence agencies expected the regime to collapse within three to six months.",
  privateNote: "The DRA heavily relied on keeping the Salang Pass open to supply its troops.",
  hidden: "It was the largest amount of ballistic missiles used since World War II.",
  deleted: "This considerable amount of firepower was sufficient to keep the mujahideen at bay.",
  yousafPassage: "does not challenge Massoud's version of Jamal story",
  uncorroborated: "this version of the story is uncorroborated",
} as const;

/** A one-paragraph body, or paragraphs separated by blank lines. */
function textBody(text: string): Prisma.InputJsonObject {
  return {
    type: "doc",
    content: text.split("\n\n").map((paragraph) => ({
      type: "paragraph",
      content: [{ type: "text", text: paragraph }],
    })),
  };
}

/** What the fixture wrote, for tests. */
export interface ExportFixture {
  slug: string;
  articleId: string;
  revisionId: string;
  users: typeof EXPORT_FIXTURE_USERS;
}

/**
 * Imports the seed article and writes the fixture. Dynamic imports keep `@/lib/db` from being
 * loaded before the caller has set DATABASE_URL.
 *
 * @param db the test database's client (the `prisma` of `@/lib/db`)
 */
export async function buildExportFixture(db: PrismaClient): Promise<ExportFixture> {
  const { importArticle } = await import("@/lib/articles/import-article");
  const imported = await importArticle(toBytes(readSeedArticle()), {
    sourceName: "afghan-civil-war-1989-1992.txt",
  });
  const article = await db.article.findUniqueOrThrow({
    where: { slug: imported.slug },
    select: { id: true, currentRevision: { select: { id: true, plainText: true } } },
  });
  const revision = article.currentRevision;
  if (!revision) {
    throw new Error("the seed article has no revision");
  }
  await db.articleRevision.update({
    where: { id: revision.id },
    data: { createdAt: REVISION_CREATED_AT },
  });

  for (const user of Object.values(EXPORT_FIXTURE_USERS)) {
    await db.user.create({
      data: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        orcid: user.orcid,
        createdAt: at(1, 8),
      },
    });
  }
  const { annotator, moderator, second } = EXPORT_FIXTURE_USERS;
  const plainText = revision.plainText;

  const sources = await writeSources(db);

  /** Writes one annotation with an ORIGINAL anchor on the revision (or an orphan). */
  const annotate = async (options: {
    id: string;
    authorId: string;
    quote: string;
    kind: AnnotationKind;
    flag?: ClaimFlag;
    body: Prisma.InputJsonObject;
    bodyText: string;
    tags?: string[];
    visibility?: Visibility;
    day: number;
    isHidden?: boolean;
    isDeleted?: boolean;
    isOrphaned?: boolean;
    claim?: {
      id: string;
      title: string;
      status: ClaimStatus;
      statusRationale?: string;
      statusChangedAt?: Date;
      statusChangedById?: string;
      isLocked?: boolean;
    };
  }) => {
    const found = plainText.indexOf(options.quote);
    if (
      !options.isOrphaned &&
      (found === -1 || plainText.indexOf(options.quote, found + 1) !== -1)
    ) {
      throw new Error(`export fixture: "${options.quote}" must occur exactly once`);
    }
    const start = options.isOrphaned ? 0 : found;
    const end = start + options.quote.length;
    await db.annotation.create({
      data: {
        id: options.id,
        articleId: article.id,
        authorId: options.authorId,
        kind: options.kind,
        flag: options.flag ?? null,
        body: options.body,
        bodyText: options.bodyText,
        tags: options.tags ?? [],
        visibility: options.visibility ?? "PUBLIC",
        revisionId: revision.id,
        exact: options.quote,
        prefix: options.isOrphaned ? "" : plainText.slice(Math.max(0, start - 32), start),
        suffix: options.isOrphaned ? "" : plainText.slice(end, end + 32),
        start,
        end,
        createdAt: at(options.day),
        updatedAt: at(options.day),
        hiddenAt: options.isHidden ? at(options.day, 12) : null,
        hiddenById: options.isHidden ? moderator.id : null,
        hiddenReason: options.isHidden ? "Off topic" : null,
        deletedAt: options.isDeleted ? at(options.day, 12) : null,
        deletedById: options.isDeleted ? options.authorId : null,
        anchors: {
          create: options.isOrphaned
            ? { revisionId: revision.id, strategy: "ORPHANED", createdAt: at(options.day) }
            : {
                revisionId: revision.id,
                start,
                end,
                strategy: "ORIGINAL",
                createdAt: at(options.day),
              },
        },
        ...(options.claim
          ? {
              claim: {
                create: {
                  id: options.claim.id,
                  articleId: article.id,
                  title: options.claim.title,
                  status: options.claim.status,
                  statusRationale: options.claim.statusRationale ?? null,
                  statusChangedAt: options.claim.statusChangedAt ?? null,
                  statusChangedById: options.claim.statusChangedById ?? null,
                  lockedAt: options.claim.isLocked ? at(20) : null,
                  lockedById: options.claim.isLocked ? moderator.id : null,
                  createdAt: at(options.day),
                  updatedAt: at(options.day),
                },
              },
            }
          : {}),
      },
    });
  };

  const jamalBody: Prisma.InputJsonObject = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "The next paragraph reports the " },
          { type: "text", text: "opposite", marks: [{ type: "bold" }] },
          { type: "text", text: " account; see " },
          {
            type: "text",
            text: "Gutman",
            marks: [
              { type: "italic" },
              { type: "link", attrs: { href: "https://www.usip.org/publications" } },
            ],
          },
          { type: "text", text: " & others." },
        ],
      },
      {
        type: "paragraph",
        content: [{ type: "text", text: "Which account do the sources support?" }],
      },
    ],
  };
  await annotate({
    id: EXPORT_FIXTURE_IDS.jamalClaimAnnotation,
    authorId: annotator.id,
    quote: QUOTES.jamal,
    kind: "CLAIM",
    flag: "DISPUTED",
    body: jamalBody,
    bodyText:
      "The next paragraph reports the opposite account; see Gutman & others.\n\nWhich account do the sources support?",
    tags: ["jamal agha", "hezb-e islami"],
    day: 2,
    claim: {
      id: EXPORT_FIXTURE_IDS.jamalClaim,
      title: "Why Massoud had Jamal Agha executed",
      status: "UNDER_REVIEW",
      statusRationale: "Two accounts stand; their sources are being weighed.",
      statusChangedAt: at(6),
      statusChangedById: moderator.id,
    },
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.overlappingComment,
    authorId: second.id,
    quote: QUOTES.overlap,
    kind: "COMMENT",
    body: textBody("Jamal Agha is named only here and in the next paragraph."),
    bodyText: "Jamal Agha is named only here and in the next paragraph.",
    day: 3,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.scriptComment,
    authorId: moderator.id,
    quote: QUOTES.tanwir,
    kind: "COMMENT",
    body: textBody(
      "A partisan witness. <script>alert(1)</script> *not emphasis* [^9] # not a heading",
    ),
    bodyText: "A partisan witness. <script>alert(1)</script> *not emphasis* [^9] # not a heading",
    tags: ["source critique"],
    day: 3,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.bbcClaimAnnotation,
    authorId: annotator.id,
    quote: QUOTES.bbc,
    kind: "CLAIM",
    flag: "CONTRADICTED",
    body: textBody("Contradicted by the passage on the Salang Pass."),
    bodyText: "Contradicted by the passage on the Salang Pass.",
    tags: ["battle of jalalabad"],
    day: 4,
    claim: {
      id: EXPORT_FIXTURE_IDS.bbcClaim,
      title: "Did Massoud know of the Jalalabad operation?",
      status: "CONTESTED",
      statusRationale: "The sources disagree and none settles it.",
      statusChangedAt: at(9),
      statusChangedById: moderator.id,
      isLocked: true,
    },
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.infoboxHighlight,
    authorId: annotator.id,
    quote: QUOTES.infobox,
    kind: "HIGHLIGHT",
    body: { type: "doc", content: [{ type: "paragraph" }] },
    bodyText: "",
    tags: ["infobox"],
    day: 5,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.salangQuestion,
    authorId: second.id,
    quote: QUOTES.salang,
    kind: "QUESTION",
    body: textBody("Stated by whom?"),
    bodyText: "Stated by whom?",
    day: 5,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.intelligenceClaimAnnotation,
    authorId: second.id,
    quote: QUOTES.intelligence,
    kind: "CLAIM",
    flag: "CITATION_NEEDED",
    body: textBody("Which agencies, and where was this reported?"),
    bodyText: "Which agencies, and where was this reported?",
    tags: ["intelligence"],
    day: 6,
    claim: { id: EXPORT_FIXTURE_IDS.intelligenceClaim, title: "", status: "OPEN" },
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.privateComment,
    authorId: second.id,
    quote: QUOTES.privateNote,
    kind: "COMMENT",
    body: textBody(EXPORT_FIXTURE_SECRETS.privateComment),
    bodyText: EXPORT_FIXTURE_SECRETS.privateComment,
    visibility: "PRIVATE",
    day: 7,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.orphanedComment,
    authorId: moderator.id,
    quote: "a sentence that a later revision removed",
    kind: "COMMENT",
    body: textBody("This passage is gone from the text."),
    bodyText: "This passage is gone from the text.",
    day: 7,
    isOrphaned: true,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.hiddenAnnotation,
    authorId: annotator.id,
    quote: QUOTES.hidden,
    kind: "COMMENT",
    body: textBody(EXPORT_FIXTURE_SECRETS.hiddenAnnotation),
    bodyText: EXPORT_FIXTURE_SECRETS.hiddenAnnotation,
    day: 8,
    isHidden: true,
  });
  await annotate({
    id: EXPORT_FIXTURE_IDS.deletedAnnotation,
    authorId: annotator.id,
    quote: QUOTES.deleted,
    kind: "COMMENT",
    body: textBody(EXPORT_FIXTURE_SECRETS.deletedAnnotation),
    bodyText: EXPORT_FIXTURE_SECRETS.deletedAnnotation,
    day: 8,
    isDeleted: true,
  });

  // Accounts and evidence of the Jamal Agha claim.
  const accountA = fixedId(0x401);
  const accountB = fixedId(0x402);
  const accountC = fixedId(0x403);
  await db.claimAccount.createMany({
    data: [
      {
        id: accountA,
        claimId: EXPORT_FIXTURE_IDS.jamalClaim,
        position: 0,
        title: "Massoud's account: Jamal Agha murdered four Jamiat commanders",
        body: textBody("Massoud had him tried and executed for the murders."),
        bodyText: "Massoud had him tried and executed for the murders.",
        proponents: "Massoud; not challenged by Mohammed Yousaf",
        createdById: annotator.id,
        createdAt: at(3, 11),
        updatedAt: at(3, 11),
      },
      {
        id: accountB,
        claimId: EXPORT_FIXTURE_IDS.jamalClaim,
        position: 1,
        title: "Hezb-e Islami account: Massoud killed the commanders and framed Jamal",
        body: textBody("Massoud centralised his authority and blamed a rival's officer."),
        bodyText: "Massoud centralised his authority and blamed a rival's officer.",
        proponents: "Mohammad Tanwir Halim (2013)",
        createdById: moderator.id,
        createdAt: at(3, 12),
        updatedAt: at(3, 12),
      },
      {
        id: accountC,
        claimId: EXPORT_FIXTURE_IDS.bbcClaim,
        position: 0,
        title: "Massoud learned of the operation from BBC radio",
        body: textBody("His own statement."),
        bodyText: "His own statement.",
        proponents: "Massoud",
        createdById: second.id,
        createdAt: at(4, 11),
        updatedAt: at(4, 11),
      },
    ],
  });
  const evidence = (
    id: number,
    accountId: string | null,
    relation: EvidenceRelation,
    detail: Partial<Prisma.EvidenceCreateManyInput>,
    hour: number,
  ): Prisma.EvidenceCreateManyInput => ({
    id: fixedId(id),
    accountId,
    relation,
    note: "",
    createdById: annotator.id,
    createdAt: at(4, hour),
    ...detail,
  });
  const passage = (quote: string) => {
    const start = plainText.indexOf(quote);
    return {
      passageRevisionId: revision.id,
      passageExact: quote,
      passagePrefix: plainText.slice(Math.max(0, start - 32), start),
      passageSuffix: plainText.slice(start + quote.length, start + quote.length + 32),
      passageStart: start,
      passageEnd: start + quote.length,
    };
  };
  await db.evidence.createMany({
    data: [
      evidence(
        0x601,
        accountA,
        "SUPPORTS",
        {
          sourceId: sources.yousaf,
          locatorLabel: "page",
          locator: "213",
          quote: "Massoud had Jamal tried for the murder of four of his commanders.",
          note: "The ISI officer in charge had no reason to favour Massoud.",
        },
        9,
      ),
      evidence(
        0x602,
        accountA,
        "SUPPORTS",
        {
          ...passage(QUOTES.yousafPassage),
          note: "The article itself records that Yousaf accepts this account.",
        },
        10,
      ),
      evidence(
        0x603,
        accountA,
        "CONTEXTUALISES",
        {
          sourceId: sources.coll,
          locatorLabel: "chapter",
          locator: "11",
          createdById: moderator.id,
        },
        11,
      ),
      evidence(
        0x604,
        accountB,
        "SUPPORTS",
        {
          sourceId: sources.halim,
          locatorLabel: "page",
          locator: "45–47",
          quote: "Jamal had good relations with the victims & was framed <b>unjustly</b>.",
          createdById: moderator.id,
        },
        12,
      ),
      evidence(
        0x605,
        accountB,
        "CONTRADICTS",
        {
          ...passage(QUOTES.uncorroborated),
          createdById: second.id,
        },
        13,
      ),
      evidence(
        0x606,
        accountB,
        "MENTIONS",
        {
          sourceId: sources.coll,
          note: EXPORT_FIXTURE_SECRETS.deletedEvidence,
          deletedAt: at(5),
          deletedById: annotator.id,
        },
        14,
      ),
    ],
  });

  // The Jamal Agha thread: four visible replies, one hidden, one deleted.
  const reply = (
    id: number,
    authorId: string,
    hour: number,
    text: string,
    stance: ReplyStance | null,
    stanceAccountId: string | null,
    extra: Partial<Prisma.ReplyCreateManyInput> = {},
  ): Prisma.ReplyCreateManyInput => ({
    id: fixedId(id),
    claimId: EXPORT_FIXTURE_IDS.jamalClaim,
    authorId,
    body: textBody(text),
    bodyText: text,
    stance,
    stanceAccountId,
    createdAt: at(5, hour),
    updatedAt: at(5, hour),
    ...extra,
  });
  await db.reply.createMany({
    data: [
      reply(
        0x501,
        moderator.id,
        9,
        "Which of the two accounts has independent support?",
        "QUESTION",
        null,
      ),
      reply(
        0x502,
        annotator.id,
        10,
        "Yousaf, p. 213, had every reason to side against Massoud.",
        "SUPPORTS",
        accountA,
        {
          version: 2,
          updatedAt: at(5, 15),
        },
      ),
      reply(
        0x503,
        second.id,
        11,
        "Halim wrote 24 years later, as a partisan.",
        "OPPOSES",
        accountB,
      ),
      reply(0x504, second.id, 12, EXPORT_FIXTURE_SECRETS.hiddenReply, "NEUTRAL", null, {
        hiddenAt: at(5, 13),
        hiddenById: moderator.id,
        hiddenReason: "Personal attack",
      }),
      reply(0x505, annotator.id, 13, EXPORT_FIXTURE_SECRETS.deletedReply, null, null, {
        deletedAt: at(5, 14),
      }),
      reply(
        0x506,
        moderator.id,
        16,
        "Moving this to review with both accounts on record.",
        "NEUTRAL",
        null,
      ),
    ],
  });
  await db.evidence.create({
    data: evidence(
      0x607,
      null,
      "SUPPORTS",
      {
        replyId: fixedId(0x503),
        sourceId: sources.halim,
        locatorLabel: "page",
        locator: "12",
        createdById: second.id,
      },
      15,
    ) as Prisma.EvidenceUncheckedCreateInput,
  });

  return {
    slug: EXPORT_FIXTURE_SLUG,
    articleId: article.id,
    revisionId: revision.id,
    users: EXPORT_FIXTURE_USERS,
  };
}

/** The fixture's library sources, with critique and assessments; returns their ids. */
async function writeSources(
  db: PrismaClient,
): Promise<{ yousaf: string; halim: string; coll: string }> {
  const { annotator, moderator, second } = EXPORT_FIXTURE_USERS;
  const ids = { yousaf: fixedId(0x701), halim: fixedId(0x702), coll: fixedId(0x703) };
  await db.source.createMany({
    data: [
      {
        id: ids.yousaf,
        key: "yousaf1992bear",
        type: "book",
        title: "The Bear Trap: Afghanistan's Untold Story",
        csl: {
          id: "yousaf1992bear",
          type: "book",
          title: "The Bear Trap: Afghanistan's Untold Story",
          author: [
            { family: "Yousaf", given: "Mohammad" },
            { family: "Adkin", given: "Mark" },
          ],
          issued: { "date-parts": [[1992]] },
          publisher: "Leo Cooper",
        },
        authorsText: "Yousaf, Mohammad; Adkin, Mark",
        year: 1992,
        titleKey: "the bear trap afghanistans untold story",
        authorKey: "yousaf",
        category: "PRIMARY",
        authorPosition: "Head of the ISI's Afghan bureau, 1983–1987",
        proximity: "PARTICIPANT",
        critique:
          "An insider's memoir; hostile to Massoud, which makes its agreement here telling.",
        createdAt: at(1, 9),
        updatedAt: at(1, 9),
      },
      {
        id: ids.halim,
        key: "halim2013",
        type: "book",
        title: "(Untitled book on the Afghan jihad; the article does not give its title)",
        csl: {
          id: "halim2013",
          type: "book",
          title: "(Untitled book on the Afghan jihad; the article does not give its title)",
          author: [{ family: "Halim", given: "Mohammad Tanwir" }],
          issued: { "date-parts": [[2013]] },
        },
        authorsText: "Halim, Mohammad Tanwir",
        year: 2013,
        titleKey: "untitled book on the afghan jihad the article does not give its title",
        authorKey: "halim",
        category: "PRIMARY",
        authorPosition: "Hezb-e Islami Gulbuddin supporter",
        proximity: "RETROSPECTIVE",
        critique: "Partisan, written 24 years after the events; uncorroborated <i>so far</i>.",
        createdAt: at(1, 9),
        updatedAt: at(1, 9),
      },
      {
        id: ids.coll,
        key: "coll2004ghost",
        type: "book",
        title: "Ghost Wars",
        csl: {
          id: "coll2004ghost",
          type: "book",
          title: "Ghost Wars",
          author: [{ family: "Coll", given: "Steve" }],
          issued: { "date-parts": [[2004]] },
          publisher: "Penguin",
        },
        authorsText: "Coll, Steve",
        year: 2004,
        titleKey: "ghost wars",
        authorKey: "coll",
        category: "SECONDARY",
        authorPosition: "Journalist, The Washington Post",
        proximity: "RETROSPECTIVE",
        critique: "",
        createdAt: at(1, 9),
        updatedAt: at(1, 9),
      },
    ],
  });
  await db.sourceAssessment.createMany({
    data: [
      {
        id: fixedId(0x801),
        sourceId: ids.yousaf,
        authorId: annotator.id,
        rating: 4,
        rationale: "Insider, but hostile to Massoud.",
        createdAt: at(2, 9),
      },
      {
        id: fixedId(0x802),
        sourceId: ids.yousaf,
        authorId: moderator.id,
        rating: 5,
        rationale: "Confirmed by Tomsen.",
        createdAt: at(2, 10),
      },
      {
        id: fixedId(0x803),
        sourceId: ids.halim,
        authorId: moderator.id,
        rating: 2,
        rationale: "Partisan and late.",
        createdAt: at(2, 11),
      },
      {
        id: fixedId(0x804),
        sourceId: ids.halim,
        authorId: second.id,
        rating: 4,
        rationale: "Superseded view.",
        createdAt: at(2, 12),
        supersededAt: at(3, 9),
      },
      {
        id: fixedId(0x805),
        sourceId: ids.halim,
        authorId: second.id,
        rating: 1,
        rationale: "No corroboration anywhere.",
        createdAt: at(3, 9),
      },
    ],
  });
  return ids;
}
