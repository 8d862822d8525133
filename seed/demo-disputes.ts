import "server-only";

import type { JSONContent } from "@tiptap/core";

import { bodyFromPlainText } from "@/lib/annotations/annotation-body";
import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { addEvidence } from "@/lib/disputes/add-evidence";
import { changeClaimStatus } from "@/lib/disputes/change-claim-status";
import { createAccount } from "@/lib/disputes/create-account";
import { createReply } from "@/lib/disputes/create-reply";
import type { EvidenceInput } from "@/lib/disputes/schemas";
import { updateClaimTitle } from "@/lib/disputes/update-claim-title";
import { MENTION_NODE_NAME } from "@/lib/editor/scholar-mention/scholar-mention";
import type { EvidenceRelation, ReplyStance } from "@/lib/generated/prisma/enums";
import { deriveSourceColumns } from "@/lib/sources/derive-source-columns";
import type { CslItem } from "@/lib/sources/schemas";

import { demoAnnotationIri, demoAnnotations } from "./demo-annotations";
import {
  addMinutes,
  backdateAnnotation,
  demoTime,
  restampEventsSince,
  startOfSeedingDay,
} from "./demo-history";

/*
 * The two disputes of the shipped article, fully worked, so that a newcomer finds the claim page
 * already argued: the execution of Jamal Agha (Massoud's account against the Hezb-e Islami one)
 * and Massoud's role at Jalalabad (tasked with closing the Salang Pass, or learning of the
 * operation from BBC radio). Every step goes through the disputes use cases as the demo accounts,
 * so the audit trail and the claims' timelines are real.
 *
 * Passages cited as evidence are quoted from seed/articles/afghan-civil-war-1989-1992.txt. Sources
 * carry no page locators here: the article gives none, and a demo must not invent references.
 *
 * Each step is then dated in the demo history (seed/demo-history.ts): the dispute starts when its
 * passage was flagged and is argued over the following days, step by step in the order below
 * (title, each account with its evidence, the replies, the status changes), so that the claim's
 * timeline and thread read like a discussion rather than one minute's burst.
 */

/** The demo accounts that argue (see seed/demo-accounts.ts). */
const ANNOTATOR = "annotator@apparatus.test";
const MODERATOR = "moderator@apparatus.test";
const ADMIN = "admin@apparatus.test";

/** A source the seed needs, and a minimal record of it for when the source seed has not run. */
interface NeededSource {
  key: string;
  type: CslItem["type"];
  title: string;
  family: string;
  given: string;
  year: number;
  category: "PRIMARY" | "SECONDARY" | "TERTIARY";
  proximity: "PARTICIPANT" | "CONTEMPORARY" | "RETROSPECTIVE" | "UNKNOWN";
  authorPosition: string;
}

/** The citation keys of the sources the disputes cite (seeded by seedDemoSources). */
const NEEDED_SOURCES: NeededSource[] = [
  {
    key: "coll2004ghost",
    type: "book",
    title:
      "Ghost Wars: The Secret History of the CIA, Afghanistan, and bin Laden, from the Soviet Invasion to September 10, 2001",
    family: "Coll",
    given: "Steve",
    year: 2004,
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Journalist",
  },
  {
    key: "tomsen2011wars",
    type: "book",
    title:
      "The Wars of Afghanistan: Messianic Terrorism, Tribal Conflicts, and the Failures of Great Powers",
    family: "Tomsen",
    given: "Peter",
    year: 2011,
    category: "SECONDARY",
    proximity: "PARTICIPANT",
    authorPosition: "US special envoy to the Afghan resistance, 1989–1992",
  },
  {
    key: "yousaf1992bear",
    type: "book",
    title: "The Bear Trap: Afghanistan's Untold Story",
    family: "Yousaf",
    given: "Mohammad",
    year: 1992,
    category: "PRIMARY",
    proximity: "PARTICIPANT",
    authorPosition: "Head of the ISI's Afghan bureau, 1983–1987",
  },
  {
    key: "halim2013",
    type: "book",
    title: "Mohammad Tanwir Halim's account of the Jamiat commanders' killing",
    family: "Halim",
    given: "Mohammad Tanwir",
    year: 2013,
    category: "PRIMARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Hezb-e Islami Gulbuddin supporter",
  },
  {
    key: "gutman2008missed",
    type: "book",
    title:
      "How We Missed the Story: Osama bin Laden, the Taliban, and the Hijacking of Afghanistan",
    family: "Gutman",
    given: "Roy",
    year: 2008,
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "United States Institute of Peace",
  },
  {
    key: "ucdp",
    type: "dataset",
    title: "UCDP Conflict Encyclopedia",
    family: "Uppsala Conflict Data Program",
    given: "",
    year: 2024,
    category: "TERTIARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Research programme, Uppsala University",
  },
];

/** A piece of evidence of an account: a source by key, or a passage of the article by quote. */
type DemoEvidence = { relation: EvidenceRelation; note: string } & (
  { sourceKey: string; locator?: string; quote?: string } | { passage: string }
);

/** A part of a reply's text: plain text, or a mention of a demo account by e-mail. */
type ReplyPart = string | { mention: string };

/** One reply of a demo thread. */
interface DemoReply {
  authorEmail: string;
  parts: ReplyPart[];
  stance?: ReplyStance;
  /** Index of the account the stance is about. */
  stanceAccount?: number;
  /** Index of the reply this one answers. */
  inReplyTo?: number;
  evidence?: DemoEvidence[];
}

/** One worked dispute. */
interface DemoDispute {
  /** The key of the demo annotation whose claim this is (see seed/demo-annotations.ts). */
  annotationKey: string;
  title: string;
  accounts: {
    authorEmail: string;
    title: string;
    proponents: string;
    body: string;
    evidence: DemoEvidence[];
  }[];
  replies: DemoReply[];
  /** Status changes by the moderator, in order. */
  statuses: { status: "UNDER_REVIEW" | "CONTESTED"; rationale: string }[];
}

/** The two disputes of the shipped article. */
export const demoDisputes: DemoDispute[] = [
  {
    annotationKey: "jamal-agha-disputed",
    title: "Why Massoud had Jamal Agha executed",
    accounts: [
      {
        authorEmail: ANNOTATOR,
        title: "Massoud's account: Jamal Agha murdered four Jamiat commanders",
        proponents: "Massoud; not challenged by Mohammed Yousaf",
        body: "Jamal Agha, a local officer of Hekmatyar's Hezb-e Islami, murdered the Jamiat-e-Islami commandants Mohammad Izzatullah, Mohammad Islamuddin, Mulla Abdul-Wadoud and Payinda Mohammad; Massoud arrested him and had him executed for it in 1989.",
        evidence: [
          {
            sourceKey: "yousaf1992bear",
            relation: "SUPPORTS",
            note: "Yousaf ran the ISI's Afghan bureau, which favoured Hekmatyar, and still does not dispute Massoud's version.",
          },
          {
            passage:
              "The Pakistani coordinator, Mohammed Yousaf, does not challenge Massoud's version of Jamal story despite Pakistan's hostility towards Massoud",
            relation: "SUPPORTS",
            note: "The article's own reason for preferring Massoud's account: a hostile witness does not contest it.",
          },
          {
            sourceKey: "coll2004ghost",
            relation: "CONTEXTUALISES",
            note: "Hekmatyar's repeated attacks on Massoud's forces: the feud in which the killings took place.",
          },
        ],
      },
      {
        authorEmail: ANNOTATOR,
        title: "Hezb-e Islami account: Massoud killed the commanders and framed Jamal",
        proponents: "Mohammad Tanwir Halim (Hezb-e Islami supporter), 2013",
        body: "Massoud had the commandants killed himself to centralise his authority within Jamiat, and blamed Jamal Agha, who was on good terms with the victims.",
        evidence: [
          {
            sourceKey: "halim2013",
            relation: "SUPPORTS",
            note: "The only source given for this account, published by a party supporter 24 years after the events.",
          },
          {
            passage: "this version of the story is uncorroborated",
            relation: "CONTRADICTS",
            note: "No other source is known to confirm Halim's version.",
          },
        ],
      },
    ],
    replies: [
      {
        authorEmail: ANNOTATOR,
        parts: [
          "Yousaf had every reason to blame Massoud and does not. A hostile witness who lets an account stand is the strongest support it has. ",
          { mention: MODERATOR },
          ", could we put this under review?",
        ],
        stance: "SUPPORTS",
        stanceAccount: 0,
      },
      {
        authorEmail: MODERATOR,
        parts: [
          "Has anyone read Halim's book itself? Without the text we cannot tell whether he claims to have witnessed anything or repeats what the party said. ",
          { mention: ANNOTATOR },
        ],
        stance: "QUESTION",
      },
      {
        authorEmail: ANNOTATOR,
        parts: [
          "Not yet; the library is trying to get a copy. Until then all we have is the article's summary of it.",
        ],
        stance: "NEUTRAL",
        inReplyTo: 1,
      },
      {
        authorEmail: ADMIN,
        parts: [
          "Written 24 years later by a party supporter, and uncorroborated. That does not make it false, but it cannot outweigh a hostile witness. ",
          { mention: MODERATOR },
        ],
        stance: "OPPOSES",
        stanceAccount: 1,
        evidence: [
          {
            passage:
              "This was stated by Hezb-e Islami Gulbuddin supporter Mohammad Tanwir Halim in his book published in 2013",
            relation: "CONTEXTUALISES",
            note: "Who says it, and when.",
          },
        ],
      },
    ],
    statuses: [
      {
        status: "UNDER_REVIEW",
        rationale: "Two accounts with evidence; reviewing the sources before a decision.",
      },
    ],
  },
  {
    annotationKey: "bbc-radio-contradicted",
    title: "Massoud's part in the Jalalabad operation",
    accounts: [
      {
        authorEmail: ANNOTATOR,
        title: "Tasked with closing the Salang Pass, Massoud failed to",
        proponents: "Pakistani accounts of the battle; Mohammed Yousaf",
        body: "The plan gave Massoud's forces the task of closing the Salang Pass to cut Kabul's supply line to Jalalabad. They did not close it, and the attack failed.",
        evidence: [
          {
            passage:
              "The failure of the Battle can be attributed to the failure of Ahmad Shah Masoud's forces to close the Salang Pass allowing Kabul to supply their forces",
            relation: "SUPPORTS",
            note: "The article attributes the defeat to the open pass.",
          },
          {
            passage:
              "The plan was for Masoud's forces to close the Salang pass paralyzing the Afghan government's supply lines",
            relation: "SUPPORTS",
            note: "The plan as the article describes it.",
          },
          {
            sourceKey: "yousaf1992bear",
            relation: "SUPPORTS",
            note: "Brigadier Yousaf's verdict, quoted in the article: “the jihad never recovered from Jalalabad”.",
          },
        ],
      },
      {
        authorEmail: MODERATOR,
        title: "Massoud learned of the operation from BBC radio",
        proponents: "Massoud",
        body: "Massoud was neither consulted nor informed: he said he learned of the attack on Jalalabad from the BBC, and he thought the operation a mistake.",
        evidence: [
          {
            passage: "Massoud even said it was by BBC radio that he learned about the operation.",
            relation: "SUPPORTS",
            note: "Massoud's own statement, as the article reports it.",
          },
          {
            passage:
              "Neither Massoud nor Haq claimed to have participated in the attack on Jalalabad.",
            relation: "SUPPORTS",
            note: "Consistent with his not having been part of the plan.",
          },
          {
            sourceKey: "tomsen2011wars",
            relation: "CONTEXTUALISES",
            note: "The US envoy's account of the ISI's plans for Hekmatyar: the background to Massoud's distance from the operation.",
          },
        ],
      },
    ],
    replies: [
      {
        authorEmail: ANNOTATOR,
        parts: [
          "The article says both things within one paragraph. If the plan gave Massoud the pass, he must have known of it before the BBC did.",
        ],
        stance: "SUPPORTS",
        stanceAccount: 0,
      },
      {
        authorEmail: MODERATOR,
        parts: [
          { mention: ANNOTATOR },
          " not necessarily: a task written into an ISI plan is not a task Massoud accepted or was even told of. Who says he was tasked? The sentence gives no source.",
        ],
        stance: "OPPOSES",
        stanceAccount: 0,
        inReplyTo: 0,
      },
      {
        authorEmail: ADMIN,
        parts: [
          "Tomsen's account of the ISI backing Hekmatyar gives a reason why Massoud may have been kept out of the planning, which would fit the BBC story.",
        ],
        stance: "SUPPORTS",
        stanceAccount: 1,
        evidence: [
          {
            sourceKey: "tomsen2011wars",
            relation: "CONTEXTUALISES",
            note: "On the ISI's plans for Hekmatyar in these years.",
          },
        ],
      },
      {
        authorEmail: MODERATOR,
        parts: [
          "Both accounts rest on partisan or unsourced statements, and neither can be shown false with what we have. ",
          { mention: ADMIN },
          " ",
          { mention: ANNOTATOR },
          " I am marking this contested.",
        ],
        stance: "NEUTRAL",
      },
    ],
    statuses: [
      {
        status: "UNDER_REVIEW",
        rationale: "The two accounts contradict each other; weighing their sources.",
      },
      {
        status: "CONTESTED",
        rationale:
          "No consensus: the task is asserted without a source and Massoud's statement is his own; neither account can be preferred on the evidence we have.",
      },
    ],
  },
];

/**
 * The ids of the needed sources by citation key; a source the source seed did not create is
 * created minimally here, so that the disputes can be seeded on their own.
 */
async function ensureSources(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const needed of NEEDED_SOURCES) {
    const existing = await prisma.source.findUnique({
      where: { key: needed.key },
      select: { id: true },
    });
    if (existing) {
      ids.set(needed.key, existing.id);
      continue;
    }
    const author = needed.given
      ? { family: needed.family, given: needed.given }
      : { literal: needed.family };
    const csl: CslItem = {
      id: needed.key,
      type: needed.type,
      title: needed.title,
      author: [author],
      issued: { "date-parts": [[needed.year]] },
    };
    const created = await prisma.source.upsert({
      where: { key: needed.key },
      update: {},
      create: {
        key: needed.key,
        csl,
        ...deriveSourceColumns(csl),
        category: needed.category,
        proximity: needed.proximity,
        authorPosition: needed.authorPosition,
      },
      select: { id: true },
    });
    ids.set(needed.key, created.id);
  }
  return ids;
}

/** The steps of a dispute, as the story clock tells them apart. */
type StoryStep = "title" | "account" | "evidence" | "reply" | "status";

/**
 * Minutes from one step of a dispute to the next, by the kind of the later step; each list is used
 * in turn and then again from its start. Fixed, so that a seed is deterministic; uneven, so that
 * the thread does not tick like a clock: a title right after the flag, accounts a day or an
 * evening later, their evidence minutes apart, replies hours or days apart, a moderator's decision
 * a day or a few days after the last word.
 */
const STORY_GAPS_MINUTES: Record<StoryStep, readonly number[]> = {
  title: [25],
  account: [26 * 60 + 25, 5 * 60 + 10],
  evidence: [7, 11, 16],
  reply: [20 * 60 + 15, 3 * 60 + 40, 27 * 60 + 5, 46 * 60 + 30],
  status: [38 * 60 + 5, 75 * 60 + 45],
};

/** A dispute's clock: each call gives the time of the next step of that kind. */
function createStoryClock(start: Date): (step: StoryStep) => Date {
  let at = start;
  const taken: Record<StoryStep, number> = {
    title: 0,
    account: 0,
    evidence: 0,
    reply: 0,
    status: 0,
  };
  return (step) => {
    const gaps = STORY_GAPS_MINUTES[step];
    at = addMinutes(at, gaps[taken[step] % gaps.length] ?? 0);
    taken[step] += 1;
    return at;
  };
}

/** What the seeding of one dispute needs: the people, the article text and the sources. */
interface SeedContext {
  people: Map<string, Actor & { name: string }>;
  sources: Map<string, string>;
  revision: { id: string; plainText: string };
  /** The seeding day, from which the demo history is reckoned back. */
  day: Date;
}

/** The evidence input of a demo evidence, or null when its passage is not in the text (once). */
function toEvidenceInput(demo: DemoEvidence, context: SeedContext): EvidenceInput | null {
  if ("sourceKey" in demo) {
    const sourceId = context.sources.get(demo.sourceKey);
    return sourceId
      ? {
          relation: demo.relation,
          note: demo.note,
          sourceId,
          locator: demo.locator ?? null,
          locatorLabel: demo.locator ? "page" : null,
          quote: demo.quote ?? null,
        }
      : null;
  }
  const text = context.revision.plainText;
  const start = text.indexOf(demo.passage);
  if (start === -1 || text.indexOf(demo.passage, start + 1) !== -1) {
    return null;
  }
  return {
    relation: demo.relation,
    note: demo.note,
    passage: {
      revisionId: context.revision.id,
      exact: demo.passage,
      start,
      end: start + demo.passage.length,
    },
  };
}

/** A reply body of text and mentions. */
function replyBody(parts: ReplyPart[], context: SeedContext): JSONContent {
  const content: JSONContent[] = parts.flatMap((part): JSONContent[] => {
    if (typeof part === "string") {
      return part === "" ? [] : [{ type: "text", text: part }];
    }
    const person = context.people.get(part.mention);
    return person
      ? [{ type: MENTION_NODE_NAME, attrs: { id: person.id, label: person.name } }]
      : [{ type: "text", text: part.mention }];
  });
  return { type: "doc", content: [{ type: "paragraph", content }] };
}

/** Seeds one dispute unless its claim already has accounts; returns whether it did. */
async function seedDemoDispute(demo: DemoDispute, context: SeedContext): Promise<boolean> {
  const flag = demoAnnotations.find((candidate) => candidate.key === demo.annotationKey);
  // The demo author's annotation: another scholar may have imported an item with the same IRI.
  const annotation = await prisma.annotation.findFirst({
    where: {
      sourceIri: demoAnnotationIri(demo.annotationKey),
      author: { email: flag?.authorEmail ?? "" },
    },
    select: {
      id: true,
      authorId: true,
      deletedAt: true,
      claim: { select: { id: true, version: true, _count: { select: { accounts: true } } } },
    },
  });
  const claim = annotation?.claim;
  const moderator = context.people.get(MODERATOR);
  if (
    !annotation ||
    annotation.deletedAt ||
    !claim ||
    claim._count.accounts > 0 ||
    !moderator ||
    !flag
  ) {
    return false;
  }
  // The story starts with the flag, whenever the annotation itself was seeded.
  const flaggedAt = demoTime(context.day, flag.posted);
  await backdateAnnotation(annotation.id, flaggedAt);
  const nextTime = createStoryClock(flaggedAt);
  /** Runs one step, then dates the claim events it wrote (and, through `date`, its rows). */
  const step = async <T>(
    kind: StoryStep,
    run: () => Promise<T>,
    date: (result: T, at: Date) => Promise<unknown>,
  ): Promise<T> => {
    const since = new Date();
    const result = await run();
    const at = nextTime(kind);
    await restampEventsSince({ type: "Claim", id: claim.id }, since, at);
    await date(result, at);
    return result;
  };
  const dateClaim = (_: unknown, at: Date) =>
    prisma.claim.update({ where: { id: claim.id }, data: { updatedAt: at } });

  const flagger = [...context.people.values()].find((person) => person.id === annotation.authorId);
  await step(
    "title",
    () =>
      updateClaimTitle(flagger ?? moderator, {
        claimId: claim.id,
        version: claim.version,
        title: demo.title,
      }),
    dateClaim,
  );

  const accountIds: string[] = [];
  for (const account of demo.accounts) {
    const author = context.people.get(account.authorEmail) ?? moderator;
    const { id } = await step(
      "account",
      () =>
        createAccount(author, {
          claimId: claim.id,
          title: account.title,
          proponents: account.proponents,
          body: bodyFromPlainText(account.body).doc,
        }),
      (created, at) =>
        prisma.claimAccount.update({
          where: { id: created.id },
          data: { createdAt: at, updatedAt: at },
        }),
    );
    accountIds.push(id);
    for (const evidence of account.evidence) {
      const input = toEvidenceInput(evidence, context);
      if (input) {
        await step(
          "evidence",
          () => addEvidence(author, { ...input, accountId: id }),
          (added, at) =>
            prisma.evidence.update({ where: { id: added.id }, data: { createdAt: at } }),
        );
      }
    }
  }

  const replyIds: string[] = [];
  for (const reply of demo.replies) {
    const author = context.people.get(reply.authorEmail) ?? moderator;
    const stanceAccountId =
      reply.stanceAccount === undefined ? null : (accountIds[reply.stanceAccount] ?? null);
    const { id } = await step(
      "reply",
      () =>
        createReply(author, {
          claimId: claim.id,
          body: replyBody(reply.parts, context),
          stance: reply.stance ?? null,
          stanceAccountId,
          inReplyToId: reply.inReplyTo === undefined ? null : (replyIds[reply.inReplyTo] ?? null),
          evidence: (reply.evidence ?? [])
            .map((evidence) => toEvidenceInput(evidence, context))
            .filter((input): input is EvidenceInput => input !== null),
        }),
      (created, at) =>
        prisma.$transaction([
          prisma.reply.update({
            where: { id: created.id },
            data: { createdAt: at, updatedAt: at },
          }),
          prisma.evidence.updateMany({ where: { replyId: created.id }, data: { createdAt: at } }),
        ]),
    );
    replyIds.push(id);
  }

  for (const change of demo.statuses) {
    const { version } = await prisma.claim.findUniqueOrThrow({
      where: { id: claim.id },
      select: { version: true },
    });
    await step(
      "status",
      () =>
        changeClaimStatus(moderator, {
          claimId: claim.id,
          version,
          status: change.status,
          rationale: change.rationale,
        }),
      (_, at) =>
        prisma.claim.update({
          where: { id: claim.id },
          data: { statusChangedAt: at, updatedAt: at },
        }),
    );
  }
  return true;
}

/**
 * Seeds the two worked disputes of the shipped article (after the demo accounts, the demo
 * annotations and, when present, the demo sources). Idempotent: a claim that already has accounts
 * is left alone, so restarts add nothing. Sources missing from the library are created minimally.
 *
 * @param day the seeding day the history is dated from (`startOfSeedingDay()` by default)
 * @returns the annotation keys of the claims whose disputes this run seeded
 */
export async function seedDemoDisputes(day: Date = startOfSeedingDay()): Promise<string[]> {
  const [users, article] = await Promise.all([
    prisma.user.findMany({
      where: { email: { in: [ANNOTATOR, MODERATOR, ADMIN] }, disabledAt: null },
      select: { id: true, email: true, name: true, role: true },
    }),
    prisma.article.findFirst({
      where: { slug: "afghan-civil-war-1989-1992", deletedAt: null },
      select: { currentRevision: { select: { id: true, plainText: true } } },
    }),
  ]);
  const revision = article?.currentRevision;
  if (!revision || users.length === 0) {
    return [];
  }
  const context: SeedContext = {
    people: new Map(users.map((user) => [user.email, user])),
    sources: await ensureSources(),
    revision,
    day,
  };
  const seeded: string[] = [];
  for (const demo of demoDisputes) {
    if (await seedDemoDispute(demo, context)) {
      seeded.push(demo.annotationKey);
    }
  }
  return seeded;
}
