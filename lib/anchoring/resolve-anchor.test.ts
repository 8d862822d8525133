import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  createTextIndex,
  findQuoteOccurrences,
  resolveAnchor,
  type AnchorStrategy,
} from "@/lib/anchoring/resolve-anchor";
import { loadSeedArticleText } from "@/lib/anchoring/seed-article.fixture";
import { describeTextRange, type TextAnchor } from "@/lib/anchoring/selectors";

const seedText = loadSeedArticleText();

const JAMAL_AGHA =
  "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha";
const SALANG_PLAN = "The plan was for Masoud's forces to close the Salang pass";
const BBC_RADIO = "Massoud even said it was by BBC radio that he learned about the operation";
const SALANG_FAILURE =
  "it has been stated Massoud was tasked with closing the Salang Pass, which he failed to do";
const PASHTO = "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه";
const INSERTED_SENTENCE = "Contemporary accounts of these events differ considerably. ";

/** Offset of the `occurrence`-th (0-based) `phrase` in `text`; throws if there is none. */
function findNth(text: string, phrase: string, occurrence = 0): number {
  let at = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    at = text.indexOf(phrase, at + 1);
    if (at === -1) {
      throw new Error(`"${phrase}" #${occurrence} is not in the text`);
    }
  }
  return at;
}

/** Count the occurrences of `phrase` in `text`. */
function countOccurrences(text: string, phrase: string): number {
  return text.split(phrase).length - 1;
}

/** Selectors for the `occurrence`-th `phrase` of the seed text, as an annotation would store. */
function annotate(phrase: string, occurrence = 0): TextAnchor {
  const start = findNth(seedText, phrase, occurrence);
  return describeTextRange(seedText, start, start + phrase.length);
}

/** Selectors for `phrase` where it first occurs inside `passage` in the seed text. */
function annotateWithin(passage: string, phrase: string): TextAnchor {
  const start = findNth(seedText, passage) + passage.indexOf(phrase);
  return describeTextRange(seedText, start, start + phrase.length);
}

/** `text` with its `occurrence`-th `find` replaced. */
function replaceNth(text: string, find: string, replacement: string, occurrence = 0): string {
  const at = findNth(text, find, occurrence);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

/** `text` with `insertion` put right before the first `before`. */
function insertBefore(text: string, before: string, insertion: string): string {
  return replaceNth(text, before, insertion + before);
}

/** An edit earlier in the article than all the passages tested: shifts every one of them. */
function insertEarly(text: string): string {
  return insertBefore(text, "Mujahideen groups, some of them", INSERTED_SENTENCE);
}

describe("resolveAnchor", () => {
  const cases: {
    name: string;
    anchor: TextAnchor;
    edit: (text: string) => string;
    /** The passage expected in the new text, found as `passage` right after `after`; null: orphan. */
    expected: { passage: string; after?: string; strategy: AnchorStrategy } | null;
  }[] = [
    // Edits before the quote.
    {
      name: "keeps the stored position when nothing changed",
      anchor: annotate(JAMAL_AGHA),
      edit: (text) => text,
      expected: { passage: JAMAL_AGHA, strategy: "position" },
    },
    {
      name: "follows a passage shifted by a sentence inserted earlier",
      anchor: annotate(JAMAL_AGHA),
      edit: insertEarly,
      expected: { passage: JAMAL_AGHA, strategy: "quote" },
    },
    {
      name: "follows a passage shifted by a whole paragraph deleted earlier",
      anchor: annotate(BBC_RADIO),
      edit: (text) => {
        const start = findNth(text, "In spite of a UN General Assembly resolution");
        return text.slice(0, start) + text.slice(text.indexOf("\n", start) + 1);
      },
      expected: { passage: BBC_RADIO, strategy: "quote" },
    },
    {
      name: "follows a passage when a sentence was inserted right before it",
      anchor: annotate(JAMAL_AGHA),
      edit: (text) => insertBefore(text, JAMAL_AGHA, INSERTED_SENTENCE),
      expected: { passage: JAMAL_AGHA, after: INSERTED_SENTENCE, strategy: "quote" },
    },
    // Edits after the quote.
    {
      name: "keeps the stored position when the edit comes after the passage",
      anchor: annotate(SALANG_PLAN),
      edit: (text) => replaceNth(text, "Boris Yeltsin", "Boris Jeltsin"),
      expected: { passage: SALANG_PLAN, strategy: "position" },
    },
    {
      name: "keeps the stored position when a sentence was inserted right after it",
      anchor: annotate(BBC_RADIO),
      edit: (text) => insertBefore(text, " This is contradictory however", ` ${INSERTED_SENTENCE}`),
      expected: { passage: BBC_RADIO, strategy: "position" },
    },
    // Edits inside the quote.
    {
      name: "follows a typo fix inside the passage",
      anchor: annotate(SALANG_PLAN),
      edit: (text) => replaceNth(insertEarly(text), "Masoud's forces", "Massoud's forces"),
      expected: {
        passage: "The plan was for Massoud's forces to close the Salang pass",
        strategy: "fuzzy",
      },
    },
    {
      name: "follows a word substituted inside the passage",
      anchor: annotate(BBC_RADIO),
      edit: (text) =>
        replaceNth(text, "he learned about the operation", "he heard about the operation"),
      expected: {
        passage: "Massoud even said it was by BBC radio that he heard about the operation",
        strategy: "fuzzy",
      },
    },
    {
      name: "takes in a clause inserted inside the passage",
      anchor: annotate(SALANG_FAILURE),
      edit: (text) => replaceNth(text, "Massoud was tasked", "Massoud was, reportedly, tasked"),
      expected: {
        passage:
          "it has been stated Massoud was, reportedly, tasked with closing the Salang Pass, which he failed to do",
        strategy: "fuzzy",
      },
    },
    {
      name: "follows a word deleted inside the passage",
      anchor: annotate(JAMAL_AGHA),
      edit: (text) =>
        replaceNth(insertEarly(text), "Hekmatyar's local officers", "Hekmatyar's officers"),
      expected: {
        passage: "In 1989, Massoud arrested and executed one of Hekmatyar's officers, Jamal Agha",
        strategy: "fuzzy",
      },
    },
    {
      name: "takes in the whole new first word when the first word was replaced",
      anchor: annotate(JAMAL_AGHA),
      edit: (text) =>
        replaceNth(insertEarly(text), JAMAL_AGHA, JAMAL_AGHA.replace("In 1989", "During 1989")),
      expected: { passage: JAMAL_AGHA.replace("In 1989", "During 1989"), strategy: "fuzzy" },
    },
    {
      name: "takes in the whole new last word when the last word was replaced",
      anchor: annotate(BBC_RADIO),
      edit: (text) => replaceNth(insertEarly(text), "about the operation", "about the offensive"),
      expected: {
        passage: "Massoud even said it was by BBC radio that he learned about the offensive",
        strategy: "fuzzy",
      },
    },
    {
      name: "follows edits inside, before and after the passage at once",
      anchor: annotate(SALANG_FAILURE),
      edit: (text) =>
        replaceNth(
          replaceNth(insertEarly(text), "closing the Salang Pass", "closing the Salang pass"),
          "thus leading to the failure",
          "so leading to the failure",
        ),
      expected: {
        passage:
          "it has been stated Massoud was tasked with closing the Salang pass, which he failed to do",
        strategy: "fuzzy",
      },
    },
    // Pashto.
    {
      name: "follows the Pashto name shifted by an insertion",
      anchor: annotate(PASHTO),
      edit: (text) => insertBefore(text, "The Afghan Civil War of 1989–1992", INSERTED_SENTENCE),
      expected: { passage: PASHTO, strategy: "quote" },
    },
    {
      name: "takes in a Pashto word inserted inside the Pashto name",
      anchor: annotate(PASHTO),
      edit: (text) => replaceNth(insertEarly(text), "کورنۍ جګړه", "لومړۍ کورنۍ جګړه"),
      expected: { passage: PASHTO.replace("کورنۍ", "لومړۍ کورنۍ"), strategy: "fuzzy" },
    },
    {
      name: "follows two Pashto words after an edit before them",
      anchor: annotate("کورنۍ جګړه"),
      edit: (text) => replaceNth(text, "(Pashto: ", "(in Pashto: "),
      expected: { passage: "کورنۍ جګړه", strategy: "quote" },
    },
    // Orphans.
    {
      name: "orphans a passage whose sentence was deleted",
      anchor: annotate(BBC_RADIO),
      edit: (text) => replaceNth(insertEarly(text), `${BBC_RADIO}. `, ""),
      expected: null,
    },
    {
      name: "orphans a passage rewritten beyond the error limit",
      anchor: annotate(SALANG_FAILURE),
      edit: (text) =>
        replaceNth(
          insertEarly(text),
          SALANG_FAILURE,
          "sources claim Massoud had been asked to shut the tunnel at Salang but never managed it",
        ),
      expected: null,
    },
    {
      name: "orphans a passage of which more than half was deleted",
      anchor: annotate(JAMAL_AGHA),
      edit: (text) =>
        replaceNth(
          insertEarly(text),
          "executed one of Hekmatyar's local officers, Jamal Agha, ",
          "",
        ),
      expected: null,
    },
    {
      name: "orphans a repeated word whose sentence was deleted instead of moving it to a namesake",
      anchor: annotateWithin("attack on Jalalabad.", "Jalalabad"),
      edit: (text) =>
        replaceNth(
          insertEarly(text),
          "Neither Massoud nor Haq claimed to have participated in the attack on Jalalabad. ",
          "",
        ),
      expected: null,
    },
    // Invalid stored positions.
    {
      name: "ignores a stored position past the end of the text and finds the quote",
      anchor: {
        ...annotate(BBC_RADIO),
        position: { type: "TextPositionSelector", start: 90_000, end: 90_073 },
      },
      edit: (text) => text,
      expected: { passage: BBC_RADIO, strategy: "quote" },
    },
    {
      name: "ignores an inverted stored position and finds the quote",
      anchor: {
        ...annotate(BBC_RADIO),
        position: { type: "TextPositionSelector", start: 500, end: 400 },
      },
      edit: (text) => text,
      expected: { passage: BBC_RADIO, strategy: "quote" },
    },
    {
      name: "ignores a stored position whose length differs from the quote's",
      anchor: (() => {
        const anchor = annotate(BBC_RADIO);
        return { ...anchor, position: { ...anchor.position, end: anchor.position.end + 1 } };
      })(),
      edit: (text) => text,
      expected: { passage: BBC_RADIO, strategy: "quote" },
    },
  ];

  for (const { name, anchor, edit, expected } of cases) {
    it(name, () => {
      const newText = edit(seedText);
      const resolved = resolveAnchor(newText, anchor);
      if (expected === null) {
        assert.equal(resolved, null);
        return;
      }
      const start =
        findNth(newText, (expected.after ?? "") + expected.passage) + (expected.after ?? "").length;
      assert.deepEqual(resolved, {
        start,
        end: start + expected.passage.length,
        strategy: expected.strategy,
      });
    });
  }

  it("orphans an annotation with an empty quote", () => {
    const anchor = annotate(BBC_RADIO);
    assert.equal(
      resolveAnchor(seedText, { ...anchor, quote: { ...anchor.quote, exact: "" } }),
      null,
    );
  });
});

describe("resolveAnchor on repeated phrases", () => {
  for (const phrase of ["Ahmad Shah Massoud", "Jalalabad", "Hekmatyar's Hezb-e Islami"]) {
    it(`sends each "${phrase}" back to its own place after an early insertion`, () => {
      const newText = insertEarly(seedText);
      const count = countOccurrences(seedText, phrase);
      assert.ok(count >= 3, `the seed has "${phrase}" ${count} times`);
      for (let occurrence = 0; occurrence < count; occurrence += 1) {
        const anchor = annotate(phrase, occurrence);
        const shift =
          anchor.position.start > findNth(seedText, "Mujahideen groups")
            ? INSERTED_SENTENCE.length
            : 0;
        const resolved = resolveAnchor(newText, anchor);
        assert.equal(resolved?.start, anchor.position.start + shift, `occurrence ${occurrence}`);
      }
    });
  }

  it("prefers the occurrence whose context agrees over a stale position on another one", () => {
    const fourth = annotate("Jalalabad", 3);
    const tenth = annotate("Jalalabad", 9);
    const resolved = resolveAnchor(seedText, { quote: tenth.quote, position: fourth.position });
    assert.deepEqual(resolved, {
      start: tenth.position.start,
      end: tenth.position.end,
      strategy: "quote",
    });
  });

  it("follows an edited occurrence of a repeated word rather than an intact namesake", () => {
    const anchor = annotate("Jalalabad", 9);
    const newText = replaceNth(insertEarly(seedText), "Jalalabad", "Jallalabad", 9);
    const resolved = resolveAnchor(newText, anchor);
    const expected = findNth(newText, "Jallalabad");
    assert.deepEqual(resolved, {
      start: expected,
      end: expected + "Jallalabad".length,
      strategy: "fuzzy",
    });
  });
});

describe("resolveAnchor on overlapping and nested annotations", () => {
  const sentence =
    "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha, whom he accused of having murdered a number of Jamiat-e-Islami commandants";
  const overlapping = "Hekmatyar loyalists in Badakhshan Province. In 1989, Massoud arrested";
  const anchors = {
    sentence: annotate(sentence),
    execution: annotate(JAMAL_AGHA),
    name: annotate("Jamal Agha"),
    overlapping: annotate(overlapping),
  };
  const newText = replaceNth(
    replaceNth(insertEarly(seedText), "local officers", "regional officers"),
    "Hekmatyar loyalists",
    "Hekmatyar's loyalists",
  );
  const expected: Record<keyof typeof anchors, { passage: string; strategy: AnchorStrategy }> = {
    sentence: { passage: sentence.replace("local", "regional"), strategy: "fuzzy" },
    execution: { passage: JAMAL_AGHA.replace("local", "regional"), strategy: "fuzzy" },
    name: { passage: "Jamal Agha", strategy: "quote" },
    overlapping: { passage: overlapping.replace("Hekmatyar", "Hekmatyar's"), strategy: "fuzzy" },
  };

  for (const key of Object.keys(anchors) as (keyof typeof anchors)[]) {
    it(`resolves the ${key} annotation on its own`, () => {
      const start = findNth(newText, expected[key].passage);
      assert.deepEqual(resolveAnchor(newText, anchors[key]), {
        start,
        end: start + expected[key].passage.length,
        strategy: expected[key].strategy,
      });
    });
  }
});

describe("findQuoteOccurrences", () => {
  const index = createTextIndex(seedText);
  const patterns = [
    "Jalalabad",
    "Ahmad Shah Massoud",
    "1989",
    "a",
    "the",
    "\n",
    "کورنۍ",
    PASHTO,
    SALANG_FAILURE,
    "not in the article at all",
  ];
  for (const pattern of patterns) {
    it(`finds every "${pattern.slice(0, 20)}" with the index, as a scan does`, () => {
      const scanned = findQuoteOccurrences(seedText, pattern);
      assert.deepEqual(findQuoteOccurrences(seedText, pattern, index), scanned);
      assert.equal(scanned.length, countOccurrences(seedText, pattern));
    });
  }

  it("finds overlapping occurrences", () => {
    const text = "abababab";
    assert.deepEqual(findQuoteOccurrences(text, "abab", createTextIndex(text)), [0, 2, 4]);
  });

  it("refuses an index built for another text", () => {
    assert.throws(() => findQuoteOccurrences("other text", "text", index), /another text/);
  });
});
