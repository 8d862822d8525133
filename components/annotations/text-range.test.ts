import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getSchema } from "@tiptap/core";

import { MAX_EXACT_LENGTH } from "@/lib/anchoring/selectors";
import { projectDocText } from "@/lib/anchoring/text-projection";
import { articleExtensions } from "@/lib/editor/article-extensions";

import {
  describeSelection,
  findSectionAt,
  selectionToTextRange,
  textRangeToDocRange,
} from "./text-range";

const schema = getSchema(articleExtensions);

/**
 * "Lead text." / h2 "Aftermath" / "Contrary to the sources, …  " / empty paragraph / "له افغانستان"
 * Positions: the lead paragraph's text starts at 1; the heading's at 13; and so on.
 */
const doc = schema.nodeFromJSON({
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "Lead text." }] },
    {
      type: "heading",
      attrs: { level: 2, id: "aftermath" },
      content: [{ type: "text", text: "Aftermath" }],
    },
    { type: "paragraph", content: [{ type: "text", text: "Contrary to the sources,  " }] },
    { type: "paragraph" },
    { type: "paragraph", content: [{ type: "text", text: "له افغانستان" }] },
  ],
});
const projection = projectDocText(doc);

/** The document position of the first character of `needle`. */
function posOf(needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found === -1 && node.isText && node.text?.includes(needle)) {
      found = pos + node.text.indexOf(needle);
    }
  });
  assert.notEqual(found, -1, `"${needle}" is in the document`);
  return found;
}

describe("selectionToTextRange", () => {
  const cases: { name: string; from: number; to: number; expected: string | null }[] = [
    {
      name: "a word inside a paragraph",
      from: posOf("text"),
      to: posOf("text") + 4,
      expected: "text",
    },
    {
      name: "a selection across a heading keeps the block separators",
      from: posOf("text"),
      to: posOf("Contrary") + "Contrary".length,
      expected: "text.\nAftermath\nContrary",
    },
    {
      name: "white space at both ends is trimmed",
      from: posOf("sources,"),
      to: posOf("sources,") + "sources,  ".length,
      expected: "sources,",
    },
    {
      name: "ends on structure snap to the nearest text",
      from: posOf("Lead") - 1,
      to: posOf("Aftermath") + "Aftermath".length + 1,
      expected: "Lead text.\nAftermath",
    },
    {
      name: "Pashto text is selected like any other",
      from: posOf("افغانستان"),
      to: posOf("افغانستان") + "افغانستان".length,
      expected: "افغانستان",
    },
    {
      name: "an empty selection is no range",
      from: posOf("Lead"),
      to: posOf("Lead"),
      expected: null,
    },
    {
      name: "a selection of white space only is no range",
      from: posOf("sources,") + "sources,".length,
      to: posOf("sources,") + "sources,  ".length,
      expected: null,
    },
  ];
  for (const { name, from, to, expected } of cases) {
    it(name, () => {
      const range = selectionToTextRange(projection, from, to);
      assert.equal(range === null ? null : projection.text.slice(range.start, range.end), expected);
    });
  }

  it("reads a backwards selection like a forwards one", () => {
    const forwards = selectionToTextRange(projection, posOf("Lead"), posOf("text"));
    const backwards = selectionToTextRange(projection, posOf("text"), posOf("Lead"));
    assert.deepEqual(backwards, forwards);
  });
});

describe("describeSelection", () => {
  it("describes the passage with selectors that match the projected text", () => {
    const from = posOf("Aftermath");
    const result = describeSelection(projection, from, from + "Aftermath".length);
    assert.ok("passage" in result);
    const { target } = result.passage;
    assert.equal(target.quote.exact, "Aftermath");
    assert.equal(target.quote.prefix, "Lead text.\n");
    assert.equal(projection.text.slice(target.position.start, target.position.end), "Aftermath");
    assert.deepEqual(
      { from: result.passage.from, to: result.passage.to },
      {
        from,
        to: from + "Aftermath".length,
      },
    );
  });

  it("refuses an empty selection", () => {
    assert.deepEqual(describeSelection(projection, 1, 1), { problem: "empty" });
  });

  it("refuses a passage longer than the quote limit", () => {
    const long = schema.nodeFromJSON({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "x".repeat(MAX_EXACT_LENGTH + 1) }] },
      ],
    });
    const longProjection = projectDocText(long);
    assert.deepEqual(describeSelection(longProjection, 1, MAX_EXACT_LENGTH + 2), {
      problem: "too-long",
    });
    assert.ok("passage" in describeSelection(longProjection, 1, MAX_EXACT_LENGTH + 1));
  });
});

describe("textRangeToDocRange", () => {
  it("maps an anchor back onto the positions it was taken from", () => {
    const from = posOf("Contrary");
    const range = selectionToTextRange(projection, from, from + "Contrary to".length);
    assert.ok(range);
    assert.deepEqual(textRangeToDocRange(projection, range), {
      from,
      to: from + "Contrary to".length,
    });
  });

  it("is null for a range outside the text", () => {
    assert.equal(
      textRangeToDocRange(projection, { start: 0, end: projection.text.length + 5 }),
      null,
    );
  });
});

describe("findSectionAt", () => {
  it("is null in the lead and the heading's id after it", () => {
    assert.equal(findSectionAt(doc, posOf("Lead")), null);
    assert.equal(findSectionAt(doc, posOf("Aftermath")), "aftermath");
    assert.equal(findSectionAt(doc, posOf("افغانستان")), "aftermath");
  });
});
