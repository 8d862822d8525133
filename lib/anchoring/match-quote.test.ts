import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  computeEditDistance,
  findContextBoundary,
  matchQuote,
  MAX_ERRORS_CAP,
  MAX_FAR_ERRORS_CAP,
  maxErrorsFor,
  maxFarErrorsFor,
  scoreTextSimilarity,
  searchApproximate,
} from "@/lib/anchoring/match-quote";

const QUOTE = "Massoud was tasked with closing the Salang Pass";
const PREFIX = "This is contradictory however as";
const SUFFIX = ", which he failed to do, thus le";
const OTHER_PREFIX = "Supplies reached Kabul by truck.";
const OTHER_SUFFIX = " in the winter of that same year";

/** Filler that shares no words with the quote or its context. */
const FILLER = "~".repeat(1000);

describe("maxErrorsFor and maxFarErrorsFor", () => {
  const cases: { length: number; near: number; far: number }[] = [
    { length: 1, near: 0, far: 0 },
    { length: 3, near: 0, far: 0 },
    { length: 4, near: 1, far: 0 },
    { length: 8, near: 2, far: 1 },
    { length: 47, near: 11, far: 5 },
    { length: 400, near: 100, far: 32 },
    { length: 5000, near: MAX_ERRORS_CAP, far: MAX_FAR_ERRORS_CAP },
  ];
  for (const { length, near, far } of cases) {
    it(`allows ${near} error(s) near the expected place and ${far} elsewhere for a ${length}-character quote`, () => {
      assert.equal(maxErrorsFor(length), near);
      assert.equal(maxFarErrorsFor(length), far);
    });
  }
});

describe("matchQuote", () => {
  it("returns null for an empty quote", () => {
    assert.equal(matchQuote("some text", ""), null);
  });

  it("finds a verbatim quote with no errors", () => {
    const text = `${PREFIX} ${QUOTE}${SUFFIX}`;
    const match = matchQuote(text, QUOTE, { prefix: `${PREFIX} `, suffix: SUFFIX });
    assert.deepEqual(
      match && { start: match.start, end: match.end, errors: match.errors, score: match.score },
      { start: PREFIX.length + 1, end: PREFIX.length + 1 + QUOTE.length, errors: 0, score: 1 },
    );
  });

  it("finds a quote with a typo and counts the error", () => {
    const text = `${FILLER}Massoud was tasked with closing the Salang Pas${SUFFIX}`;
    const match = matchQuote(text, QUOTE);
    assert.equal(match?.errors, 1);
    assert.equal(match?.start, FILLER.length);
  });

  it("returns null when the passage differs by more than the error limit", () => {
    const rewritten = "Massoud had been asked to shut down the Salang Tunnel";
    assert.equal(matchQuote(`${FILLER}${rewritten}${FILLER}`, QUOTE), null);
  });

  it("searches only between from and to, but reads context outside them", () => {
    const text = `${PREFIX} ${QUOTE}${SUFFIX}${FILLER}${OTHER_PREFIX}${QUOTE}${OTHER_SUFFIX}`;
    const second = text.lastIndexOf(QUOTE);
    const match = matchQuote(text, QUOTE, { prefix: `${PREFIX} `, suffix: SUFFIX, from: second });
    assert.equal(match?.start, second);
    assert.ok((match?.prefixScore ?? 1) < 0.75, "the context outside the window still counts");
  });

  it("prefers the occurrence whose context agrees over the one nearer the hint", () => {
    const text = `${OTHER_PREFIX}${QUOTE}${OTHER_SUFFIX}${FILLER}${PREFIX} ${QUOTE}${SUFFIX}`;
    const match = matchQuote(text, QUOTE, { prefix: `${PREFIX} `, suffix: SUFFIX, hint: 0 });
    assert.equal(match?.start, text.lastIndexOf(QUOTE));
  });

  it("prefers the occurrence nearer the hint when the contexts agree equally", () => {
    const passage = `${PREFIX} ${QUOTE}${SUFFIX}`;
    const text = `${passage}${FILLER}${passage}`;
    const second = text.lastIndexOf(QUOTE);
    const context = { prefix: `${PREFIX} `, suffix: SUFFIX };
    assert.equal(matchQuote(text, QUOTE, { ...context, hint: second - 5 })?.start, second);
    assert.equal(matchQuote(text, QUOTE, { ...context, hint: 0 })?.start, PREFIX.length + 1);
  });

  it("scores near misses in order: quote errors, then context, then distance from the hint", () => {
    // Each candidate sits alone in its own text; the hint points at it unless `offset` says
    // otherwise. Scores must fall strictly down the table.
    const candidates: {
      name: string;
      passage: string;
      prefix: string;
      suffix: string;
      offset?: number;
    }[] = [
      {
        name: "verbatim, context intact, at the hint",
        passage: QUOTE,
        prefix: PREFIX,
        suffix: SUFFIX,
      },
      {
        name: "verbatim, context intact, far from the hint",
        passage: QUOTE,
        prefix: PREFIX,
        suffix: SUFFIX,
        offset: 900,
      },
      {
        name: "one typo, context intact",
        passage: "Massoud was tasked with closing the Salang Pas",
        prefix: PREFIX,
        suffix: SUFFIX,
      },
      {
        name: "two typos, context intact",
        passage: "Masoud was tasked with closing the Salang Pas",
        prefix: PREFIX,
        suffix: SUFFIX,
      },
      {
        name: "verbatim, a word of the prefix changed",
        passage: QUOTE,
        prefix: "This is contradictory, though, as",
        suffix: SUFFIX,
      },
      {
        name: "verbatim, only the suffix intact",
        passage: QUOTE,
        prefix: OTHER_PREFIX,
        suffix: SUFFIX,
      },
      {
        name: "one typo, only the suffix intact",
        passage: "Massoud was tasked with closing the Salang Pas",
        prefix: OTHER_PREFIX,
        suffix: SUFFIX,
      },
      {
        name: "verbatim, no context",
        passage: QUOTE,
        prefix: OTHER_PREFIX,
        suffix: OTHER_SUFFIX,
      },
      {
        name: "three errors, no context",
        passage: "Masoud was tasked with clsing the Salang Pas",
        prefix: OTHER_PREFIX,
        suffix: OTHER_SUFFIX,
      },
    ];
    const scores = candidates.map(({ name, passage, prefix, suffix, offset = 0 }) => {
      const text = `${FILLER}${prefix} ${passage}${suffix}${FILLER}`;
      const start = FILLER.length + prefix.length + 1;
      const match = matchQuote(text, QUOTE, {
        prefix: `${PREFIX} `,
        suffix: SUFFIX,
        hint: start + offset,
      });
      assert.equal(match?.start, start, `${name}: found where it is`);
      return { name, score: match?.score ?? 0 };
    });
    for (let index = 1; index < scores.length; index += 1) {
      const better = scores[index - 1];
      const worse = scores[index];
      assert.ok(
        better !== undefined && worse !== undefined && better.score > worse.score,
        `"${better?.name}" (${better?.score}) should outscore "${worse?.name}" (${worse?.score})`,
      );
    }
  });
});

describe("scoreTextSimilarity", () => {
  const cases: { name: string; text: string; pattern: string; expected: number }[] = [
    { name: "is 1 for an identical context", text: PREFIX, pattern: PREFIX, expected: 1 },
    { name: "is 1 for an empty stored context", text: PREFIX, pattern: "", expected: 1 },
    { name: "is 0 when there is no text", text: "", pattern: PREFIX, expected: 0 },
    {
      name: "loses one error's worth for a substituted letter",
      text: "This is contradictory however az",
      pattern: PREFIX,
      expected: 1 - 1 / 32,
    },
    {
      name: "finds a context shifted by an insertion next to the quote",
      text: `is contradictory however as, yes`,
      pattern: PREFIX,
      expected: 1 - 5 / 32,
    },
  ];
  for (const { name, text, pattern, expected } of cases) {
    it(name, () => {
      assert.ok(Math.abs(scoreTextSimilarity(text, pattern) - expected) < 1e-9);
    });
  }

  it("scores unrelated text low", () => {
    assert.ok(scoreTextSimilarity(OTHER_PREFIX, PREFIX) < 0.6);
  });

  it("agrees with the full search for contexts longer than a machine word", () => {
    const pattern = `${PREFIX}${PREFIX}`;
    const text = `${PREFIX.replace("however", "though")}${PREFIX.slice(3)}`;
    const [best] = searchApproximate(text, pattern, pattern.length);
    assert.equal(scoreTextSimilarity(text, pattern), 1 - (best?.errors ?? 0) / pattern.length);
  });
});

describe("computeEditDistance", () => {
  const cases: { name: string; a: string; b: string; max: number; expected: number | null }[] = [
    { name: "is 0 for equal strings", a: QUOTE, b: QUOTE, max: 0, expected: 0 },
    { name: "counts a substitution", a: "Massoud", b: "Masoud", max: 5, expected: 1 },
    { name: "counts an insertion", a: "Salang pass", b: "Salang Pass", max: 5, expected: 1 },
    {
      name: "counts an inserted clause",
      a: QUOTE,
      b: "Massoud was tasked, reportedly, with closing the Salang Pass",
      max: 20,
      expected: 13,
    },
    { name: "counts Pashto letters", a: "کورنۍ جګړه", b: "لومړۍ کورنۍ جګړه", max: 10, expected: 6 },
    { name: "returns null beyond the limit", a: "Massoud", b: "Hekmatyar", max: 3, expected: null },
    { name: "handles an empty string", a: "", b: "Kabul", max: 5, expected: 5 },
  ];
  for (const { name, a, b, max, expected } of cases) {
    it(name, () => {
      assert.equal(computeEditDistance(a, b, max), expected);
    });
  }
});

describe("findContextBoundary", () => {
  const text = `${PREFIX} ${QUOTE}${SUFFIX}`;
  const start = PREFIX.length + 1;

  it("finds where the stored prefix ends", () => {
    assert.equal(findContextBoundary(text, `${PREFIX} `, start + 5, 10, "before"), start);
  });

  it("finds where the stored suffix starts", () => {
    const end = start + QUOTE.length;
    assert.equal(findContextBoundary(text, SUFFIX, end - 5, 10, "after"), end);
  });

  it("returns null when the context is not there", () => {
    assert.equal(findContextBoundary(text, OTHER_PREFIX, start, 10, "before"), null);
  });
});
