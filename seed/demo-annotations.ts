/**
 * Example annotations on the shipped article, created with the demo accounts (embedded default,
 * or `SEED_DEMO_ACCOUNTS=1`) so that a newcomer opens the reader onto a discussion already under
 * way: a disputed claim, a claim contradicted by another passage, a comment on a partisan source,
 * a question and a tagged highlight.
 *
 * Each is found by its quote in the article's current text and created through `createAnnotation`
 * like any other; its `sourceIri` makes seeding idempotent.
 */
import type { AnnotationKind, ClaimFlag } from "@/lib/generated/prisma/enums";

import type { DemoMoment } from "./demo-history";

/** One example annotation. */
export interface DemoAnnotation {
  /** Stored as the annotation's sourceIri (`urn:apparatus:demo:<key>`), so it is made once. */
  key: string;
  /** The slug of the article it is on. */
  articleSlug: string;
  /** E-mail of the demo account that writes it. */
  authorEmail: string;
  /** The passage: must occur exactly once in the article's plain text. */
  quote: string;
  kind: AnnotationKind;
  flag?: ClaimFlag;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
  tags?: string[];
  /** When it was written, in the demo history (seed/demo-history.ts): after the library, in story order. */
  posted: DemoMoment;
}

/** The IRI that marks a demo annotation. */
export function demoAnnotationIri(key: string): string {
  return `urn:apparatus:demo:${key}`;
}

const ARTICLE = "afghan-civil-war-1989-1992";

/** The example annotations. */
export const demoAnnotations: DemoAnnotation[] = [
  {
    key: "jamal-agha-disputed",
    articleSlug: ARTICLE,
    authorEmail: "annotator@apparatus.test",
    quote:
      "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha, whom he accused of having murdered a number of Jamiat-e-Islami commandants",
    kind: "CLAIM",
    flag: "DISPUTED",
    body: "The next paragraph reports the opposite account: Hekmatyar's supporters say Massoud killed the commandants himself and framed Jamal Agha.\n\nWhich account do the sources behind this sentence support, and how independent are they?",
    tags: ["jamal agha", "hezb-e islami"],
    posted: { daysBefore: 34, time: "09:40" },
  },
  {
    key: "tanwir-halim-comment",
    articleSlug: ARTICLE,
    authorEmail: "moderator@apparatus.test",
    quote:
      "This was stated by Hezb-e Islami Gulbuddin supporter Mohammad Tanwir Halim in his book published in 2013. However, this version of the story is uncorroborated",
    kind: "COMMENT",
    body: "A partisan witness writing 24 years after the events, and the only source given for this version. It deserves its own entry in the source critique before anyone leans on it.",
    tags: ["source critique"],
    posted: { daysBefore: 33, time: "16:05" },
  },
  {
    key: "bbc-radio-contradicted",
    articleSlug: ARTICLE,
    authorEmail: "annotator@apparatus.test",
    quote: "Massoud even said it was by BBC radio that he learned about the operation.",
    kind: "CLAIM",
    flag: "CONTRADICTED",
    body: "Contradicted by another passage: the article also says Massoud's forces were to close the Salang Pass as part of the plan. He cannot both have had a task in the operation and learned of it from the radio.",
    tags: ["battle of jalalabad"],
    posted: { daysBefore: 26, time: "11:20" },
  },
  {
    key: "salang-tasked-question",
    articleSlug: ARTICLE,
    authorEmail: "annotator@apparatus.test",
    quote:
      "it has been stated Massoud was tasked with closing the Salang Pass, which he failed to do",
    kind: "QUESTION",
    body: "Stated by whom? No source is given here. Was Massoud ever told of the plan, or is the task attributed to him after the fact?",
    posted: { daysBefore: 26, time: "11:52" },
  },
  {
    key: "salang-plan-highlight",
    articleSlug: ARTICLE,
    authorEmail: "annotator@apparatus.test",
    quote: "The plan was for Masoud's forces to close the Salang pass",
    kind: "HIGHLIGHT",
    body: "",
    tags: ["salang pass", "battle of jalalabad", "massoud"],
    posted: { daysBefore: 25, time: "09:15" },
  },
];
