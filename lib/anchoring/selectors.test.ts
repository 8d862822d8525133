import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { loadSeedArticleText } from "@/lib/anchoring/seed-article.fixture";
import {
  CONTEXT_LENGTH,
  describeTextRange,
  textAnchorSchema,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
} from "@/lib/anchoring/selectors";

const seedText = loadSeedArticleText();
const PASHTO = "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه";

describe("describeTextRange", () => {
  const cases: {
    name: string;
    text: string;
    start: number;
    end: number;
    contextLength?: number;
    expected: { exact: string; prefix: string; suffix: string };
  }[] = [
    {
      name: "takes 32 characters of context on each side",
      text: "a".repeat(40) + "QUOTE" + "b".repeat(40),
      start: 40,
      end: 45,
      expected: { exact: "QUOTE", prefix: "a".repeat(32), suffix: "b".repeat(32) },
    },
    {
      name: "cuts the prefix at the start of the text",
      text: "Kabul fell in April.",
      start: 0,
      end: 5,
      expected: { exact: "Kabul", prefix: "", suffix: " fell in April." },
    },
    {
      name: "cuts the suffix at the end of the text",
      text: "Kabul fell in April.",
      start: 14,
      end: 20,
      expected: { exact: "April.", prefix: "Kabul fell in ", suffix: "" },
    },
    {
      name: "describes the whole text with no context",
      text: "Jalalabad",
      start: 0,
      end: 9,
      expected: { exact: "Jalalabad", prefix: "", suffix: "" },
    },
    {
      name: "honours a shorter context length",
      text: "the Salang Pass was closed",
      start: 4,
      end: 15,
      contextLength: 2,
      expected: { exact: "Salang Pass", prefix: "e ", suffix: " w" },
    },
    {
      name: "keeps Pashto text as it is",
      text: `(Pashto: ${PASHTO}), also`,
      start: 9,
      end: 9 + PASHTO.length,
      expected: { exact: PASHTO, prefix: "(Pashto: ", suffix: "), also" },
    },
    {
      name: "leaves out a surrogate pair the prefix would cut in half",
      text: `🙂${"x".repeat(31)}Massoud`,
      start: 33,
      end: 40,
      expected: { exact: "Massoud", prefix: "x".repeat(31), suffix: "" },
    },
    {
      name: "leaves out a surrogate pair the suffix would cut in half",
      text: `Massoud${"y".repeat(31)}🙂`,
      start: 0,
      end: 7,
      expected: { exact: "Massoud", prefix: "", suffix: "y".repeat(31) },
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const { quote, position } = describeTextRange(
        testCase.text,
        testCase.start,
        testCase.end,
        testCase.contextLength === undefined ? {} : { contextLength: testCase.contextLength },
      );
      assert.deepEqual(quote, { type: "TextQuoteSelector", ...testCase.expected });
      assert.deepEqual(position, {
        type: "TextPositionSelector",
        start: testCase.start,
        end: testCase.end,
      });
    });
  }

  it("describes a range of the seed article with context from its neighbouring blocks", () => {
    const start = seedText.indexOf("Battle of Jalalabad\n");
    const { quote } = describeTextRange(seedText, start, start + "Battle of Jalalabad".length);
    assert.equal(quote.prefix.length, CONTEXT_LENGTH);
    assert.ok(quote.prefix.endsWith("\n"), "the prefix ends with the block separator");
    assert.ok(quote.suffix.startsWith("\nIn the spring of 1989"));
  });

  const invalid: { name: string; start: number; end: number }[] = [
    { name: "rejects an empty range", start: 3, end: 3 },
    { name: "rejects an inverted range", start: 5, end: 2 },
    { name: "rejects a negative start", start: -1, end: 4 },
    { name: "rejects an end past the text", start: 0, end: 21 },
    { name: "rejects a start past the text", start: 25, end: 30 },
    { name: "rejects offsets that are not integers", start: 1.5, end: 4 },
    { name: "rejects NaN", start: Number.NaN, end: 4 },
  ];
  for (const testCase of invalid) {
    it(testCase.name, () => {
      assert.throws(
        () => describeTextRange("Kabul fell in April.", testCase.start, testCase.end),
        RangeError,
      );
    });
  }

  it("rejects a negative context length", () => {
    assert.throws(() => describeTextRange("Kabul", 0, 5, { contextLength: -1 }), RangeError);
  });
});

describe("selector schemas", () => {
  const quote = {
    type: "TextQuoteSelector",
    exact: "Jamal Agha",
    prefix: "officers, ",
    suffix: ", whom",
  };
  const position = { type: "TextPositionSelector", start: 8208, end: 8218 };

  it("accepts the selectors describeTextRange makes", () => {
    const start = seedText.indexOf("Jamal Agha");
    const anchor = describeTextRange(seedText, start, start + "Jamal Agha".length);
    assert.deepEqual(textAnchorSchema.parse(anchor), anchor);
  });

  const rejectedQuotes: { name: string; value: unknown }[] = [
    { name: "an empty quote", value: { ...quote, exact: "" } },
    { name: "a quote over 5,000 characters", value: { ...quote, exact: "a".repeat(5001) } },
    { name: "a prefix over 64 characters", value: { ...quote, prefix: "p".repeat(65) } },
    { name: "a suffix over 64 characters", value: { ...quote, suffix: "s".repeat(65) } },
    { name: "another selector type", value: { ...quote, type: "TextPositionSelector" } },
    { name: "a missing suffix", value: { type: quote.type, exact: quote.exact, prefix: "" } },
  ];
  for (const testCase of rejectedQuotes) {
    it(`rejects ${testCase.name}`, () => {
      assert.equal(textQuoteSelectorSchema.safeParse(testCase.value).success, false);
    });
  }

  it("accepts a 5,000-character quote with 64 characters of context", () => {
    const value = { ...quote, exact: "a".repeat(5000), prefix: "p".repeat(64), suffix: "" };
    assert.equal(textQuoteSelectorSchema.safeParse(value).success, true);
  });

  const rejectedPositions: { name: string; value: unknown }[] = [
    { name: "a negative start", value: { ...position, start: -1 } },
    { name: "an end equal to the start", value: { ...position, end: position.start } },
    { name: "an end before the start", value: { ...position, end: position.start - 1 } },
    { name: "a fractional offset", value: { ...position, start: 10.5 } },
    { name: "an offset given as text", value: { ...position, start: "10" } },
  ];
  for (const testCase of rejectedPositions) {
    it(`rejects ${testCase.name}`, () => {
      assert.equal(textPositionSelectorSchema.safeParse(testCase.value).success, false);
    });
  }

  it("rejects a position that does not span the quote", () => {
    const result = textAnchorSchema.safeParse({ quote, position: { ...position, end: 8219 } });
    assert.equal(result.success, false);
  });
});
