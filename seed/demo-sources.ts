import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { SourceCategory, SourceProximity } from "@/lib/generated/prisma/enums";
import { assessSource } from "@/lib/sources/assess-source";
import { createSource } from "@/lib/sources/create-source";
import { deriveSourceColumns } from "@/lib/sources/derive-source-columns";
import { bibliographyEntryToCsl } from "@/lib/sources/link-bibliography-entries";
import type { CslItem } from "@/lib/sources/schemas";
import { updateSource } from "@/lib/sources/update-source";

import {
  addMinutes,
  DEMO_SCHEDULE,
  demoTime,
  restampEventsSince,
  startOfSeedingDay,
} from "./demo-history";

/*
 * The demo source library: the article's bibliography (linked to sources by the importer) enriched
 * with publishers and critique, and the sources the article's text names (Steve Coll, Peter
 * Tomsen, Mohammad Yousaf, Mohammad Tanwir Halim's 2013 book, Roy Gutman, UCDP), with reliability
 * assessments by the demo accounts. Everything goes through the library's use cases as the demo
 * moderator and scholars, so the history and audit trail are real. The citation keys are fixed:
 * the demo disputes and the export fixtures cite them.
 */

/** The demo accounts that edit and assess (see seed/demo-accounts.ts). */
const MODERATOR = "moderator@apparatus.test";
const ANNOTATOR = "annotator@apparatus.test";
const ADMIN = "admin@apparatus.test";

/** One assessment by a demo account. */
interface DemoAssessment {
  authorEmail: string;
  rating: number;
  rationale: string;
}

/** One demo source. */
interface DemoSource {
  /** The citation key it must have. */
  key: string;
  /**
   * For a record the article importer created from the bibliography: the entry's author and title
   * as the article gives them, to find that record (it is enriched rather than duplicated).
   */
  fromBibliography?: { author: string; title: string };
  csl: CslItem;
  category: SourceCategory;
  proximity: SourceProximity;
  authorPosition: string;
  critique: string;
  assessments: DemoAssessment[];
}

/** The demo sources. */
export const demoSources: DemoSource[] = [
  {
    key: "goodson2001endless",
    fromBibliography: {
      author: "Goodson, Larry P.",
      title:
        "Afghanistan's endless war: state failure, regional politics, and the rise of the Taliban",
    },
    csl: {
      type: "book",
      title:
        "Afghanistan's Endless War: State Failure, Regional Politics, and the Rise of the Taliban",
      author: [{ family: "Goodson", given: "Larry P." }],
      issued: { "date-parts": [[2001]] },
      publisher: "University of Washington Press",
      "publisher-place": "Seattle",
    },
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Political scientist, US Army War College",
    critique:
      "An academic synthesis written after the Taliban's rise; strong on structure (state failure, regional interference), thin on the 1989–1992 military detail the article relies on.",
    assessments: [
      {
        authorEmail: MODERATOR,
        rating: 4,
        rationale:
          "Careful, well-referenced synthesis from a university press; its judgements on the civil war follow the consensus of the secondary literature.",
      },
    ],
  },
  {
    key: "gutman2008missed",
    fromBibliography: {
      author: "Gutman, Roy",
      title:
        "How we missed the story: Osama bin Laden, the Taliban, and the hijacking of Afghanistan",
    },
    csl: {
      type: "book",
      title:
        "How We Missed the Story: Osama bin Laden, the Taliban, and the Hijacking of Afghanistan",
      author: [{ family: "Gutman", given: "Roy" }],
      issued: { "date-parts": [[2008]] },
      publisher: "United States Institute of Peace Press",
      "publisher-place": "Washington, DC",
    },
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Journalist; written as a fellow of the United States Institute of Peace",
    critique:
      "A journalist's reconstruction built on interviews with Afghan and Western participants; sympathetic to Massoud, which matters for the Jamal Agha and Jalalabad disputes.",
    assessments: [
      {
        authorEmail: ANNOTATOR,
        rating: 4,
        rationale:
          "Names its interviewees and cross-checks them; the sympathy for Massoud is open and can be allowed for.",
      },
      {
        authorEmail: MODERATOR,
        rating: 3,
        rationale:
          "Valuable interviews, but on Massoud's conduct it leans on his own circle; read it against Hezb-e Islami and Pakistani sources.",
      },
    ],
  },
  {
    key: "barfield2010afghanistan",
    fromBibliography: {
      author: "Barfield, Thomas J.",
      title: "Afghanistan: a cultural and political history",
    },
    csl: {
      type: "book",
      title: "Afghanistan: A Cultural and Political History",
      author: [{ family: "Barfield", given: "Thomas J." }],
      issued: { "date-parts": [[2010]] },
      publisher: "Princeton University Press",
      "publisher-place": "Princeton, NJ",
    },
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Anthropologist, Boston University",
    critique:
      "A long-view scholarly history; the civil war is a short chapter, useful for context rather than for contested details.",
    assessments: [
      {
        authorEmail: ADMIN,
        rating: 5,
        rationale:
          "Standard academic history by a specialist with fieldwork in Afghanistan; peer-reviewed press.",
      },
    ],
  },
  {
    key: "kaplan1990soldiers",
    fromBibliography: {
      author: "Kaplan, Robert D.",
      title: "Soldiers of God: with Islamic warriors in Afghanistan and Pakistan",
    },
    csl: {
      type: "book",
      title: "Soldiers of God: With Islamic Warriors in Afghanistan and Pakistan",
      author: [{ family: "Kaplan", given: "Robert D." }],
      issued: { "date-parts": [[1990]] },
      publisher: "Houghton Mifflin",
      "publisher-place": "Boston",
    },
    category: "PRIMARY",
    proximity: "CONTEMPORARY",
    authorPosition: "Journalist who travelled with mujahideen units",
    critique:
      "Reportage from the late 1980s: first-hand on the mujahideen, but impressionistic and written before the outcome was known.",
    assessments: [
      {
        authorEmail: ANNOTATOR,
        rating: 3,
        rationale:
          "Eyewitness colour from the front, but few checkable references; use it for atmosphere, not for who did what.",
      },
    ],
  },
  {
    key: "saikal2004modern",
    fromBibliography: {
      author: "Saikal, Amin",
      title: "Modern Afghanistan: A History of Struggle and Survival",
    },
    csl: {
      type: "book",
      title: "Modern Afghanistan: A History of Struggle and Survival",
      author: [{ family: "Saikal", given: "Amin" }],
      issued: { "date-parts": [[2004]] },
      publisher: "I.B. Tauris",
      "publisher-place": "London",
    },
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Political scientist, Australian National University",
    critique:
      "Scholarly political history by an Afghan-born academic; generally favourable to Massoud and to the Rabbani government.",
    assessments: [
      {
        authorEmail: MODERATOR,
        rating: 4,
        rationale:
          "Well documented and widely cited; its sympathies are visible but it engages opposing accounts.",
      },
    ],
  },
  {
    key: "coll2004ghost",
    csl: {
      type: "book",
      title:
        "Ghost Wars: The Secret History of the CIA, Afghanistan, and bin Laden, from the Soviet Invasion to September 10, 2001",
      author: [{ family: "Coll", given: "Steve" }],
      issued: { "date-parts": [[2004]] },
      publisher: "Penguin Press",
      "publisher-place": "New York",
    },
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Journalist (The Washington Post)",
    critique:
      "Pulitzer-winning reconstruction from hundreds of interviews with CIA, ISI and Afghan officials and from documents; retrospective, and its view of Pakistan's role comes largely from American officials.",
    assessments: [
      {
        authorEmail: ANNOTATOR,
        rating: 5,
        rationale:
          "Exhaustively sourced with named interviews and endnotes; the most widely corroborated account of the CIA–ISI side of the war.",
      },
      {
        authorEmail: MODERATOR,
        rating: 4,
        rationale:
          "Very well researched, but its Afghan internal politics are seen through American and Pakistani informants; check Afghan sources for the commanders' feuds.",
      },
      {
        authorEmail: ADMIN,
        rating: 4,
        rationale:
          "Reliable on the intelligence services; a journalist's narrative rather than a scholarly edition of sources.",
      },
    ],
  },
  {
    key: "tomsen2011wars",
    csl: {
      type: "book",
      title:
        "The Wars of Afghanistan: Messianic Terrorism, Tribal Conflicts, and the Failures of Great Powers",
      author: [{ family: "Tomsen", given: "Peter" }],
      issued: { "date-parts": [[2011]] },
      publisher: "PublicAffairs",
      "publisher-place": "New York",
    },
    category: "PRIMARY",
    proximity: "PARTICIPANT",
    authorPosition: "US special envoy to the Afghan resistance, 1989–1992",
    critique:
      "Part memoir, part history by the American envoy to the mujahideen during exactly these years: first-hand on US and Pakistani policy, and an advocate of the policies he pursued (he was critical of the ISI's backing of Hekmatyar).",
    assessments: [
      {
        authorEmail: MODERATOR,
        rating: 4,
        rationale:
          "A participant with access to the meetings he describes, writing with notes and documents; his own policy positions colour his judgements of Pakistan.",
      },
      {
        authorEmail: ANNOTATOR,
        rating: 3,
        rationale:
          "Memoir written twenty years on: first-hand where he was present, secondhand and partisan where he reports Afghan infighting.",
      },
    ],
  },
  {
    key: "yousaf1992bear",
    csl: {
      type: "book",
      title: "The Bear Trap: Afghanistan's Untold Story",
      author: [
        { family: "Yousaf", given: "Mohammad" },
        { family: "Adkin", given: "Mark" },
      ],
      issued: { "date-parts": [[1992]] },
      publisher: "Leo Cooper",
      "publisher-place": "London",
    },
    category: "PRIMARY",
    proximity: "PARTICIPANT",
    authorPosition: "Head of the ISI's Afghan bureau, 1983–1987 (with Mark Adkin)",
    critique:
      "The memoir of the Pakistani officer who ran arms and training for the mujahideen; first-hand on ISI operations, and hostile to Massoud, which makes his silence on the Jamal Agha story telling.",
    assessments: [
      {
        authorEmail: ANNOTATOR,
        rating: 3,
        rationale:
          "Unique inside view of the ISI pipeline, but self-justifying and silent on Pakistan's own mistakes; trust it most where it concedes a point against its interest.",
      },
      {
        authorEmail: MODERATOR,
        rating: 3,
        rationale:
          "A participant's account written soon after the events, with no documents cited; corroborate figures and dates.",
      },
    ],
  },
  {
    key: "halim2013",
    csl: {
      type: "book",
      title: "[Book by Mohammad Tanwir Halim, 2013; its title is not given in the article]",
      author: [{ family: "Halim", given: "Mohammad Tanwir" }],
      issued: { "date-parts": [[2013]] },
      note: "Known only from the article's mention; title, publisher and place are unknown.",
    },
    category: "PRIMARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Hezb-e Islami Gulbuddin supporter",
    critique:
      "A partisan account published 24 years after the events; the article names the author and the year but not the title, and no other source corroborates its claim that Massoud killed the commanders and framed Jamal Agha.",
    assessments: [
      {
        authorEmail: ANNOTATOR,
        rating: 1,
        rationale:
          "Uncorroborated, partisan and late: the only support for the Hezb-e Islami account, and we cannot even identify the book to check it.",
      },
      {
        authorEmail: MODERATOR,
        rating: 2,
        rationale:
          "Should be recorded as the party's version, but until the book is identified it cannot carry weight on its own.",
      },
    ],
  },
  {
    key: "ucdp",
    csl: {
      type: "dataset",
      title: "UCDP Conflict Encyclopedia",
      author: [{ literal: "Uppsala Conflict Data Program" }],
      publisher: "Uppsala University, Department of Peace and Conflict Research",
      "publisher-place": "Uppsala",
      URL: "https://ucdp.uu.se/",
    },
    category: "TERTIARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Research programme, Uppsala University",
    critique:
      "A coded conflict dataset: consistent definitions and transparent coding, but casualty counts are conservative estimates compiled from news reports.",
    assessments: [
      {
        authorEmail: ADMIN,
        rating: 4,
        rationale:
          "Transparent, documented methodology used across conflict studies; its battle-death figures are deliberately conservative.",
      },
      {
        authorEmail: MODERATOR,
        rating: 4,
        rationale:
          "Reliable for counts and dates at the level of the conflict; not a source for individual events like the Jamal Agha affair.",
      },
    ],
  },
];

/** Minutes between one demo source being catalogued and the next (in the list's order). */
const MINUTES_BETWEEN_SOURCES = 7 * 60;

/** Minutes between a source being catalogued and each of its assessments, in turn. */
const MINUTES_BETWEEN_ASSESSMENTS = 95;

/** The demo accounts by e-mail, as actors. */
async function findDemoActors(): Promise<Map<string, Actor>> {
  const users = await prisma.user.findMany({
    where: { email: { in: [MODERATOR, ANNOTATOR, ADMIN] }, disabledAt: null },
    select: { id: true, role: true, email: true },
  });
  return new Map(users.map((user) => [user.email, { id: user.id, role: user.role }]));
}

/** The record the importer made from a bibliography entry, if it is there and not keyed yet. */
async function findBibliographySource(
  demo: DemoSource,
): Promise<{ id: string; version: number } | null> {
  // The importer's own reading of the entry, so the keys match the record it made.
  const item = demo.fromBibliography
    ? bibliographyEntryToCsl({ ...demo.fromBibliography, year: null })
    : null;
  if (!item) {
    return null;
  }
  const { titleKey, authorKey } = deriveSourceColumns(item);
  return prisma.source.findFirst({
    where: { titleKey, authorKey, deletedAt: null, mergedIntoId: null },
    select: { id: true, version: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Seeds the demo source library once: sources whose key exists are left alone (a scholar may have
 * edited them). Needs the demo moderator; without it, does nothing. Each source and assessment is
 * dated in the demo history (seed/demo-history.ts): one source every few hours from the library's
 * start, its assessments after it.
 *
 * @param day the seeding day the history is dated from (`startOfSeedingDay()` by default)
 * @returns the citation keys created or enriched by this run
 */
export async function seedDemoSources(day: Date = startOfSeedingDay()): Promise<string[]> {
  const actors = await findDemoActors();
  const moderator = actors.get(MODERATOR);
  if (!moderator) {
    return [];
  }
  const seeded: string[] = [];
  const libraryStart = demoTime(day, DEMO_SCHEDULE.libraryStarts);
  for (const [position, demo] of demoSources.entries()) {
    const existing = await prisma.source.findUnique({
      where: { key: demo.key },
      select: { id: true },
    });
    if (existing) {
      continue;
    }
    const fields = {
      csl: { ...demo.csl, id: demo.key },
      key: demo.key,
      category: demo.category,
      proximity: demo.proximity,
      authorPosition: demo.authorPosition,
      critique: demo.critique,
    };
    const fromBibliography = await findBibliographySource(demo);
    const cataloguedAt = addMinutes(libraryStart, position * MINUTES_BETWEEN_SOURCES);
    const stepStart = new Date();
    const saved = fromBibliography
      ? await updateSource(moderator, {
          ...fields,
          id: fromBibliography.id,
          expectedVersion: fromBibliography.version,
        })
      : await createSource(moderator, fields);
    await restampEventsSince({ type: "Source", id: saved.id }, stepStart, cataloguedAt);
    await prisma.source.update({ where: { id: saved.id }, data: { updatedAt: cataloguedAt } });
    // A record the importer made keeps its own (earlier) creation; a new one is created here.
    await prisma.source.updateMany({
      where: { id: saved.id, createdAt: { gt: cataloguedAt } },
      data: { createdAt: cataloguedAt, updatedAt: cataloguedAt },
    });
    for (const [index, assessment] of demo.assessments.entries()) {
      const author = actors.get(assessment.authorEmail);
      if (author) {
        const assessedAt = addMinutes(cataloguedAt, (index + 1) * MINUTES_BETWEEN_ASSESSMENTS);
        const assessStart = new Date();
        const { assessmentId } = await assessSource(author, {
          sourceId: saved.id,
          rating: assessment.rating,
          rationale: assessment.rationale,
        });
        await prisma.sourceAssessment.update({
          where: { id: assessmentId },
          data: { createdAt: assessedAt },
        });
        await restampEventsSince({ type: "Source", id: saved.id }, assessStart, assessedAt);
      }
    }
    seeded.push(saved.key);
  }
  return seeded;
}
