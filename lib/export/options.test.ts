/**
 * Unit tests of the pure parts of the export: option parsing (object, query string, round trip),
 * locators, passage segmentation (overlaps, block boundaries, orphans) and each format's escaping.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { EditionAnnotation } from "./edition-model";
import { formatLocator } from "./format-locator";
import { escapeHtml } from "./formats/html";
import { escapeMarkdown } from "./formats/markdown";
import { createPassageCursor } from "./formats/passages";
import { escapeXml } from "./formats/tei";
import { buildExportQuery, parseExportOptions, parseExportQuery } from "./options";

describe("parseExportOptions", () => {
  it("fills in defaults and normalises lists", () => {
    const options = parseExportOptions({
      format: "tei",
      tags: [" Jamal  Agha ", "jamal agha"],
      authors: ["Farida@Export.Test"],
    });
    assert.deepEqual(options, {
      format: "tei",
      only: "all",
      tags: ["jamal agha"],
      authors: ["farida@export.test"],
      sections: [],
      threads: true,
      anonymise: false,
    });
  });

  for (const [label, input, message] of [
    ["an unknown option", { format: "md", colour: "red" }, /Unknown export option: colour/],
    ["two unknown options", { format: "md", a: 1, b: 2 }, /Unknown export options: a, b/],
    ["an unknown format", { format: "docx" }, /^format: choose one of/],
    ["a missing format", {}, /^format: choose one of/],
    ["an unknown selection", { format: "md", only: "mine" }, /^only: choose one of all, claims/],
    ["a revision 0", { format: "md", revision: 0 }, /^revision: revision numbers start at 1/],
    ["a fractional revision", { format: "md", revision: 1.5 }, /^revision: must be a whole number/],
    [
      "a revision beyond any stored",
      { format: "md", revision: 3e9 },
      /^revision: no such revision/,
    ],
    ["an empty tag", { format: "md", tags: [" "] }, /^tags: each value must be/],
    ["a bad date", { format: "md", exportedAt: "yesterday" }, /^exportedAt: must be an ISO 8601/],
    ["a non-boolean", { format: "md", threads: "yes" }, /^threads: must be true or false/],
    [
      "an author that is neither an id nor an e-mail",
      { format: "md", authors: ["Farida Rahimi"] },
      /^authors: “farida rahimi” is neither an annotator's id nor an e-mail address/,
    ],
  ] as const) {
    it(`refuses ${label} with INVALID_INPUT naming it`, () => {
      assert.throws(
        () => parseExportOptions(input),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, "INVALID_INPUT");
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

describe("parseExportQuery", () => {
  it("reads repeated filters, booleans and the revision", () => {
    const options = parseExportQuery(
      new URLSearchParams(
        "format=html&revision=2&only=open&tag=a&tag=b&author=x@y.test&section=aftermath&threads=false&anonymise=1",
      ),
    );
    assert.equal(options.revision, 2);
    assert.equal(options.only, "open");
    assert.deepEqual(options.tags, ["a", "b"]);
    assert.deepEqual(options.authors, ["x@y.test"]);
    assert.deepEqual(options.sections, ["aftermath"]);
    assert.equal(options.threads, false);
    assert.equal(options.anonymise, true);
  });

  it("refuses unknown parameters and malformed values by name", () => {
    assert.throws(
      () => parseExportQuery(new URLSearchParams("format=md&colour=red")),
      /Unknown export parameter: colour/,
    );
    assert.throws(
      () => parseExportQuery(new URLSearchParams("format=md&threads=maybe")),
      /threads: must be true or false/,
    );
    assert.throws(
      () => parseExportQuery(new URLSearchParams("format=md&revision=two")),
      /revision: must be a revision number/,
    );
  });

  it("round-trips through buildExportQuery", () => {
    const input = {
      format: "md" as const,
      revision: 3,
      only: "resolved" as const,
      tags: ["x"],
      authors: ["a@b.test"],
      sections: ["s"],
      threads: false,
      anonymise: true,
      exportedAt: "2026-02-01T12:00:00.000Z",
    };
    assert.deepEqual(parseExportQuery(buildExportQuery(input)), parseExportOptions(input));
  });
});

describe("formatLocator", () => {
  for (const [label, locator, expected] of [
    ["page", "213", "p. 213"],
    ["page", "213–215", "pp. 213–215"],
    ["page", "3, 7", "pp. 3, 7"],
    ["chapter", "4", "ch. 4"],
    ["folio", "12r", "fol. 12r"],
    ["sub verbo", "Massoud", "sub verbo Massoud"],
    [null, "ch. 4", "ch. 4"],
    ["page", "  ", null],
    ["page", null, null],
  ] as const) {
    it(`prints ${String(label)} ${JSON.stringify(locator)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(formatLocator(label, locator), expected);
    });
  }
});

/** A placed (or orphaned) annotation with just what the cursor reads. */
function passage(number: number, start: number | null, end: number | null): EditionAnnotation {
  return {
    number,
    anchor: { start, end, isOrphaned: start === null },
  } as EditionAnnotation;
}

describe("createPassageCursor", () => {
  it("cuts overlapping passages into runs that know what covers them", () => {
    const cursor = createPassageCursor([passage(1, 0, 10), passage(2, 4, 6)]);
    const segments = cursor.segments({ text: "abcdefghijkl", start: 0, end: 12 });
    assert.deepEqual(
      segments.map((segment) =>
        segment.type === "text"
          ? `${segment.text}[${segment.covering.join(",")}]`
          : `${segment.type}${segment.annotation.number}`,
      ),
      ["start1", "abcd[1]", "start2", "ef[1,2]", "end2", "ghij[1]", "end1", "kl[]"],
    );
  });

  it("closes a passage at a block's end and opens the next one in the next block", () => {
    // "abc\ndef": the second block starts at 4.
    const cursor = createPassageCursor([passage(1, 1, 3), passage(2, 3, 6)]);
    const first = cursor.segments({ text: "abc", start: 0, end: 3 });
    const second = cursor.segments({ text: "def", start: 4, end: 7 });
    assert.deepEqual(
      first.map((segment) => segment.type),
      ["text", "start", "text", "end"],
    );
    assert.deepEqual(
      second.map((segment) => (segment.type === "text" ? segment.text : segment.type)),
      ["start", "de", "end", "f"],
    );
  });

  it("leaves orphans out of the text", () => {
    const cursor = createPassageCursor([passage(1, null, null)]);
    assert.deepEqual(cursor.segments({ text: "abc", start: 0, end: 3 }), [
      { type: "text", text: "abc", covering: [] },
    ]);
  });
});

describe("escaping", () => {
  it("turns markup into text in HTML and XML", () => {
    assert.equal(
      escapeHtml(`<script>alert("1")</script> & 'x'`),
      "&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#39;x&#39;",
    );
    assert.equal(escapeXml(`<hr> & "q" 'a'`), "&lt;hr&gt; &amp; &quot;q&quot; &apos;a&apos;");
  });

  it("replaces characters XML forbids", () => {
    assert.equal(escapeXml("a\u0001b\uFFFEc\uD800d"), "a\uFFFDb\uFFFDc\uFFFDd");
    assert.equal(escapeXml("😀\tok\n"), "😀\tok\n");
  });

  for (const [input, expected] of [
    ["<script>", "\\<script\\>"],
    ["*a* _b_ `c` [^1] #x", "\\*a\\* \\_b\\_ \\`c\\` \\[^1\\] \\#x"],
    ["- item", "\\- item"],
    ["1. first", "1\\. first"],
    ["> quote", "\\> quote"],
    ["1.5 stays", "1.5 stays"],
    ["a & b", "a \\& b"],
  ] as const) {
    it(`escapes ${JSON.stringify(input)} for Markdown`, () => {
      assert.equal(escapeMarkdown(input), expected);
    });
  }
});
