import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { getSchema, type JSONContent } from "@tiptap/core";
import { Schema, type Node as ProseMirrorNode } from "@tiptap/pm/model";

import {
  BLOCK_SEPARATOR,
  docPosToTextOffset,
  projectDocText,
  textOffsetToDocPos,
  type TextProjection,
} from "@/lib/anchoring/text-projection";
import { buildArticleDoc } from "@/lib/articles/build-article-doc";
import { decodeArticleFile } from "@/lib/articles/decode-article-file";
import { parseArticle } from "@/lib/articles/parse-article";
import { articleExtensions } from "@/lib/editor/article-extensions";

const SEED_PATH = new URL("../../seed/articles/afghan-civil-war-1989-1992.txt", import.meta.url);
const schema = getSchema(articleExtensions);

/**
 * A schema with a mark and a non-text inline leaf, which articles do not have yet, to pin down
 * how the projection treats them.
 */
const richSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { group: "block", content: "inline*" },
    text: { group: "inline" },
    image: { group: "inline", inline: true },
  },
  marks: { em: {} },
});

const paragraph = (text: string): JSONContent =>
  text === "" ? { type: "paragraph" } : { type: "paragraph", content: [{ type: "text", text }] };

/** An article doc made of these blocks. */
function buildDoc(...content: JSONContent[]): ProseMirrorNode {
  const doc = schema.nodeFromJSON({ type: "doc", content });
  doc.check();
  return doc;
}

/** The seed article as a document. */
function buildSeedDoc(): ProseMirrorNode {
  return schema.nodeFromJSON(
    buildArticleDoc(parseArticle(decodeArticleFile(readFileSync(SEED_PATH)))),
  );
}

/** Every offset where a range may start, with the text the document holds there. */
function assertRoundTrips(doc: ProseMirrorNode, projection: TextProjection): void {
  for (const segment of projection.segments) {
    const length = segment.end - segment.start;
    assert.equal(
      doc.textBetween(segment.docPos, segment.docPos + length),
      projection.text.slice(segment.start, segment.end),
    );
    for (let offset = segment.start; offset <= segment.end; offset += 1) {
      if (offset < segment.end) {
        const pos = textOffsetToDocPos(projection, offset, "start");
        assert.equal(pos, segment.docPos + (offset - segment.start));
        assert.equal(docPosToTextOffset(projection, pos ?? -1), offset);
      }
      if (offset > segment.start) {
        const pos = textOffsetToDocPos(projection, offset, "end");
        assert.equal(pos, segment.docPos + (offset - segment.start));
        assert.equal(docPosToTextOffset(projection, pos ?? -1), offset);
      }
    }
  }
}

describe("projectDocText", () => {
  const cases: { name: string; doc: () => ProseMirrorNode; text: string }[] = [
    {
      name: "projects one paragraph as its text",
      doc: () => buildDoc(paragraph("abc")),
      text: "abc",
    },
    {
      name: "puts one separator between two blocks and none at the ends",
      doc: () => buildDoc(paragraph("ab"), paragraph("cd")),
      text: "ab\ncd",
    },
    {
      name: "keeps the separator of an empty block in the middle",
      doc: () => buildDoc(paragraph("ab"), paragraph(""), paragraph("cd")),
      text: "ab\n\ncd",
    },
    {
      name: "keeps the separator of a leading empty block",
      doc: () => buildDoc(paragraph(""), paragraph("a")),
      text: "\na",
    },
    {
      name: "keeps the separator of a trailing empty block",
      doc: () => buildDoc(paragraph("a"), paragraph("")),
      text: "a\n",
    },
    {
      name: "projects a lone empty block as empty text",
      doc: () => buildDoc(paragraph("")),
      text: "",
    },
    {
      name: "treats headings and label lines as blocks",
      doc: () =>
        buildDoc(
          {
            type: "heading",
            attrs: { level: 2, id: "h" },
            content: [{ type: "text", text: "Head" }],
          },
          { type: "labelLine", content: [{ type: "text", text: "Label:" }] },
          paragraph("Body"),
        ),
      text: "Head\nLabel:\nBody",
    },
    {
      name: "treats each list item's paragraph as a block",
      doc: () =>
        buildDoc(paragraph("Intro"), {
          type: "bulletList",
          content: [
            { type: "listItem", content: [paragraph("one")] },
            { type: "listItem", content: [paragraph("two")] },
          ],
        }),
      text: "Intro\none\ntwo",
    },
    {
      name: "treats infobox keys and values as separate blocks, empty ones included",
      doc: () =>
        buildDoc(
          {
            type: "infobox",
            content: [
              {
                type: "infoboxRow",
                content: [
                  { type: "infoboxLabel", content: [{ type: "text", text: "Date" }] },
                  { type: "infoboxValue", content: [{ type: "text", text: "1989" }] },
                ],
              },
              {
                type: "infoboxRow",
                content: [
                  { type: "infoboxLabel" },
                  { type: "infoboxValue", content: [{ type: "text", text: "x" }] },
                ],
              },
            ],
          },
          paragraph("Lead"),
        ),
      text: "Date\n1989\n\nx\nLead",
    },
    {
      name: "keeps markup-looking text as text",
      doc: () => buildDoc(paragraph("<hr> <script>alert(1)</script>")),
      text: "<hr> <script>alert(1)</script>",
    },
  ];
  for (const { name, doc, text } of cases) {
    it(name, () => {
      const node = doc();
      const projection = projectDocText(node);
      assert.equal(projection.text, text);
      assertRoundTrips(node, projection);
    });
  }

  it("maps each run to the document position of its first character", () => {
    // doc: <p>ab</p><p></p><p>cd</p>; positions: "ab" at 1, empty content at 5, "cd" at 7.
    const projection = projectDocText(buildDoc(paragraph("ab"), paragraph(""), paragraph("cd")));
    assert.deepEqual(projection.segments, [
      { start: 0, end: 2, docPos: 1 },
      { start: 3, end: 3, docPos: 5 },
      { start: 4, end: 6, docPos: 7 },
    ]);
  });

  it("merges text nodes split by marks into one run", () => {
    const doc = richSchema.node("paragraph", null, [
      richSchema.text("ab"),
      richSchema.text("cd", [richSchema.mark("em")]),
      richSchema.text("ef"),
    ]);
    const projection = projectDocText(richSchema.node("doc", null, [doc]));
    assert.equal(projection.text, "abcdef");
    assert.deepEqual(projection.segments, [{ start: 0, end: 6, docPos: 1 }]);
  });

  it("lets non-text inline leaves contribute nothing, leaving a gap in positions", () => {
    const doc = richSchema.node("doc", null, [
      richSchema.node("paragraph", null, [
        richSchema.text("ab"),
        richSchema.node("image"),
        richSchema.text("cd"),
      ]),
    ]);
    const projection = projectDocText(doc);
    assert.equal(projection.text, "abcd");
    assert.deepEqual(projection.segments, [
      { start: 0, end: 2, docPos: 1 },
      { start: 2, end: 4, docPos: 4 },
    ]);
    assert.equal(textOffsetToDocPos(projection, 2, "start"), 4);
    assert.equal(textOffsetToDocPos(projection, 2, "end"), 3);
    assertRoundTrips(doc, projection);
  });

  it("counts Pashto and astral characters in UTF-16 units on both sides", () => {
    const pashto = "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه";
    const doc = buildDoc(paragraph("Intro"), paragraph(`${pashto} 𐌰😀 مُحَمَّد`), paragraph("End"));
    const projection = projectDocText(doc);
    assertRoundTrips(doc, projection);
    const start = projection.text.indexOf(pashto);
    const from = textOffsetToDocPos(projection, start, "start");
    const to = textOffsetToDocPos(projection, start + pashto.length, "end");
    assert.ok(from !== null && to !== null);
    assert.equal(doc.textBetween(from, to), pashto);
    const emoji = projection.text.indexOf("😀");
    const emojiFrom = textOffsetToDocPos(projection, emoji, "start") ?? -1;
    assert.equal(doc.textBetween(emojiFrom, emojiFrom + "😀".length), "😀");
  });

  it("uses a newline as the block separator", () => {
    assert.equal(BLOCK_SEPARATOR, "\n");
  });
});

describe("textOffsetToDocPos", () => {
  // "ab\n\ncd\nef": "ab" at 1, empty paragraph content at 5, "cd" at 7, "ef" at 11.
  const projection = projectDocText(
    buildDoc(paragraph("ab"), paragraph(""), paragraph("cd"), paragraph("ef")),
  );
  const cases: { name: string; offset: number; bias: "start" | "end"; expected: number | null }[] =
    [
      { name: "maps the first character", offset: 0, bias: "start", expected: 1 },
      { name: "maps an offset inside a run, start bias", offset: 1, bias: "start", expected: 2 },
      { name: "maps an offset inside a run, end bias", offset: 1, bias: "end", expected: 2 },
      { name: "maps the end of a run with end bias", offset: 2, bias: "end", expected: 3 },
      {
        name: "snaps a start on a separator forward to the next text, past an empty block",
        offset: 2,
        bias: "start",
        expected: 7,
      },
      {
        name: "snaps a start between two separators forward to the next text",
        offset: 3,
        bias: "start",
        expected: 7,
      },
      {
        name: "snaps an end between two separators back to the previous text",
        offset: 3,
        bias: "end",
        expected: 3,
      },
      {
        name: "snaps an end at the start of a block back to the previous block's end",
        offset: 4,
        bias: "end",
        expected: 3,
      },
      {
        name: "maps a start at the start of a block into that block",
        offset: 4,
        bias: "start",
        expected: 7,
      },
      { name: "maps the end of the text with end bias", offset: 9, bias: "end", expected: 13 },
      {
        name: "maps the end of the text with start bias, as an empty range",
        offset: 9,
        bias: "start",
        expected: 13,
      },
      {
        name: "maps offset 0 with end bias, as an empty range",
        offset: 0,
        bias: "end",
        expected: 1,
      },
      { name: "returns null for a negative offset", offset: -1, bias: "start", expected: null },
      { name: "returns null past the end of the text", offset: 10, bias: "end", expected: null },
      { name: "returns null for a fractional offset", offset: 1.5, bias: "start", expected: null },
    ];
  for (const { name, offset, bias, expected } of cases) {
    it(name, () => {
      assert.equal(textOffsetToDocPos(projection, offset, bias), expected);
    });
  }

  it("defaults to start bias", () => {
    assert.equal(textOffsetToDocPos(projection, 2), 7);
  });

  const edgeCases: {
    name: string;
    doc: () => ProseMirrorNode;
    offset: number;
    bias: "start" | "end";
    expected: number | null;
  }[] = [
    {
      name: "returns null when the document has no text",
      doc: () => buildDoc(paragraph(""), paragraph("")),
      offset: 0,
      bias: "start",
      expected: null,
    },
    {
      name: "returns null for an end before the first text",
      doc: () => buildDoc(paragraph(""), paragraph("a")),
      offset: 0,
      bias: "end",
      expected: null,
    },
    {
      name: "returns null for a start after the last text",
      doc: () => buildDoc(paragraph("a"), paragraph("")),
      offset: 2,
      bias: "start",
      expected: null,
    },
  ];
  for (const { name, doc, offset, bias, expected } of edgeCases) {
    it(name, () => {
      assert.equal(textOffsetToDocPos(projectDocText(doc()), offset, bias), expected);
    });
  }
});

describe("docPosToTextOffset", () => {
  // "ab\n\ncd": "ab" at 1..3, empty paragraph content at 5, "cd" at 7..9.
  const projection = projectDocText(buildDoc(paragraph("ab"), paragraph(""), paragraph("cd")));
  const cases: { name: string; pos: number; expected: number | null }[] = [
    { name: "maps the start of a text run", pos: 1, expected: 0 },
    { name: "maps the end of a text run", pos: 3, expected: 2 },
    { name: "maps a position inside an empty block to where that block sits", pos: 5, expected: 3 },
    { name: "maps the start of a later block past its separators", pos: 7, expected: 4 },
    { name: "maps the end of the document's text", pos: 9, expected: 6 },
    { name: "returns null before the first block's content", pos: 0, expected: null },
    { name: "returns null between two blocks", pos: 4, expected: null },
    { name: "returns null after the last block", pos: 10, expected: null },
  ];
  for (const { name, pos, expected } of cases) {
    it(name, () => {
      assert.equal(docPosToTextOffset(projection, pos), expected);
    });
  }
});

describe("projectDocText on the seed article", () => {
  const doc = buildSeedDoc();
  const projection = projectDocText(doc);

  it("round-trips every offset of the seed article", () => {
    assertRoundTrips(doc, projection);
  });

  it("keeps segments ordered and non-overlapping", () => {
    projection.segments.forEach((segment, index) => {
      const previous = projection.segments[index - 1];
      if (previous !== undefined) {
        assert.ok(previous.end <= segment.start && previous.docPos < segment.docPos);
      }
    });
  });

  it("contains the Pashto phrase exactly once", () => {
    const phrase = "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه";
    assert.equal(projection.text.split(phrase).length, 2);
  });

  it("projects the 35 KB article in well under 5 ms", () => {
    for (let run = 0; run < 5; run += 1) {
      projectDocText(doc);
    }
    const runs = 20;
    const started = performance.now();
    for (let run = 0; run < runs; run += 1) {
      projectDocText(doc);
    }
    const perRun = (performance.now() - started) / runs;
    assert.ok(perRun < 5, `took ${perRun.toFixed(2)} ms per projection`);
  });
});

describe("lib/anchoring stays free of React, Prisma and browser globals", () => {
  const folder = new URL("./", import.meta.url);
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
  for (const file of files) {
    it(`keeps ${file} importable anywhere`, () => {
      const source = readFileSync(new URL(file, folder), "utf8");
      const imports = [...source.matchAll(/(?:from|import)\s+"([^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(
        imports.filter((name) =>
          /^(react|react-dom|@tiptap\/react|@prisma\/|server-only|@\/lib\/db)/.test(name ?? ""),
        ),
        [],
      );
      assert.doesNotMatch(source, /\bwindow\b/);
    });
  }
});
