import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { getSchema, type JSONContent } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

import { projectDocText } from "@/lib/anchoring/text-projection";
import { buildArticleDoc } from "@/lib/articles/build-article-doc";
import { decodeArticleFile } from "@/lib/articles/decode-article-file";
import { deriveSections, type DerivedSection } from "@/lib/articles/derive-sections";
import { parseArticle } from "@/lib/articles/parse-article";
import { articleExtensions } from "@/lib/editor/article-extensions";

const SEED_PATH = new URL("../../seed/articles/afghan-civil-war-1989-1992.txt", import.meta.url);
const schema = getSchema(articleExtensions);

/** The document of an article body written in the text format. */
function buildDocFromBody(...lines: string[]): ProseMirrorNode {
  return schema.nodeFromJSON(buildArticleDoc(parseArticle(["= T =", ...lines].join("\n"))));
}

/** Sections of a body, reduced to the fields a case cares about. */
function deriveSummaries(
  ...lines: string[]
): Pick<DerivedSection, "anchor" | "parentAnchor" | "startOffset" | "endOffset">[] {
  const doc = buildDocFromBody(...lines);
  return deriveSections(doc, projectDocText(doc)).map(
    ({ anchor, parentAnchor, startOffset, endOffset }) => ({
      anchor,
      parentAnchor,
      startOffset,
      endOffset,
    }),
  );
}

describe("deriveSections", () => {
  const cases: {
    name: string;
    body: string[];
    sections: Pick<DerivedSection, "anchor" | "parentAnchor" | "startOffset" | "endOffset">[];
  }[] = [
    {
      // Text: "Lead\nA\nx\nB\ny" — A at 5, B at 9.
      name: "ends a section just before the separator of the next same-level heading",
      body: ["Lead", "== A ==", "x", "== B ==", "y"],
      sections: [
        { anchor: "a", parentAnchor: null, startOffset: 5, endOffset: 8 },
        { anchor: "b", parentAnchor: null, startOffset: 9, endOffset: 12 },
      ],
    },
    {
      // Text: "A\nA1\nx\nA2\nB" — A at 0, A1 at 2, A2 at 7, B at 10.
      name: "nests subsections and ends them at the next heading of the same or higher level",
      body: ["== A ==", "=== A1 ===", "x", "=== A2 ===", "== B =="],
      sections: [
        { anchor: "a", parentAnchor: null, startOffset: 0, endOffset: 9 },
        { anchor: "a1", parentAnchor: "a", startOffset: 2, endOffset: 6 },
        { anchor: "a2", parentAnchor: "a", startOffset: 7, endOffset: 9 },
        { anchor: "b", parentAnchor: null, startOffset: 10, endOffset: 11 },
      ],
    },
    {
      // Text: "A\nDeep\nB\nC" — a level 5 under a level 2 still has A as parent.
      name: "takes the nearest shallower heading as parent, even across skipped levels",
      body: ["== A ==", "===== Deep =====", "=== B ===", "== C =="],
      sections: [
        { anchor: "a", parentAnchor: null, startOffset: 0, endOffset: 8 },
        { anchor: "deep", parentAnchor: "a", startOffset: 2, endOffset: 6 },
        { anchor: "b", parentAnchor: "a", startOffset: 7, endOffset: 8 },
        { anchor: "c", parentAnchor: null, startOffset: 9, endOffset: 10 },
      ],
    },
    {
      // Text: "Deep\nTop\nx" — a deeper heading before a shallower one ends at it.
      name: "ends a deeper first heading at a later shallower one",
      body: ["==== Deep ====", "== Top ==", "x"],
      sections: [
        { anchor: "deep", parentAnchor: null, startOffset: 0, endOffset: 4 },
        { anchor: "top", parentAnchor: null, startOffset: 5, endOffset: 10 },
      ],
    },
    {
      // Text: "Aftermath\nAftermath\nx"
      name: "keeps the suffixed anchors of repeated headings",
      body: ["== Aftermath ==", "=== Aftermath ===", "x"],
      sections: [
        { anchor: "aftermath", parentAnchor: null, startOffset: 0, endOffset: 21 },
        { anchor: "aftermath-2", parentAnchor: "aftermath", startOffset: 10, endOffset: 21 },
      ],
    },
    {
      name: "returns no sections for a document without headings",
      body: ["Just", "text"],
      sections: [],
    },
  ];
  for (const { name, body, sections } of cases) {
    it(name, () => {
      assert.deepEqual(deriveSummaries(...body), sections);
    });
  }

  it("returns exactly the fields of the Section table", () => {
    const doc = buildDocFromBody("== A ==");
    assert.deepEqual(deriveSections(doc, projectDocText(doc)), [
      {
        anchor: "a",
        level: 2,
        title: "A",
        position: 0,
        parentAnchor: null,
        startOffset: 0,
        endOffset: 1,
      },
    ]);
  });

  it("anchors headings without an id by their slug, made unique", () => {
    const heading = (text: string, id?: string): JSONContent => ({
      type: "heading",
      attrs: { level: 2, ...(id === undefined ? {} : { id }) },
      content: [{ type: "text", text }],
    });
    const doc = schema.nodeFromJSON({
      type: "doc",
      content: [heading("Notes"), heading("Notes"), heading("X", "notes-2")],
    });
    assert.deepEqual(
      deriveSections(doc, projectDocText(doc)).map((section) => section.anchor),
      ["notes", "notes-2", "notes-2-2"],
    );
  });

  it("gives an empty heading a start offset and the fallback anchor", () => {
    const doc = schema.nodeFromJSON({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Lead" }] },
        { type: "heading", attrs: { level: 2 } },
      ],
    });
    assert.deepEqual(deriveSections(doc, projectDocText(doc)), [
      {
        anchor: "section",
        level: 2,
        title: "",
        position: 0,
        parentAnchor: null,
        startOffset: 5,
        endOffset: 5,
      },
    ]);
  });

  it("throws when the projection was not made from the document", () => {
    const doc = buildDocFromBody("Lead", "== A ==");
    assert.throws(() => deriveSections(doc, { text: "", segments: [] }), /no text offset/);
  });
});

describe("deriveSections on the seed article", () => {
  const doc = schema.nodeFromJSON(
    buildArticleDoc(parseArticle(decodeArticleFile(readFileSync(SEED_PATH)))),
  );
  const projection = projectDocText(doc);
  const sections = deriveSections(doc, projection);
  const byAnchor = new Map(sections.map((section) => [section.anchor, section]));

  it("lists 26 sections in order with unique anchors", () => {
    assert.equal(sections.length, 26);
    assert.deepEqual(
      sections.map((section) => section.position),
      Array.from({ length: 26 }, (_, index) => index),
    );
    assert.equal(byAnchor.size, 26);
  });

  it("starts every section at its heading text", () => {
    for (const section of sections) {
      assert.equal(
        projection.text.slice(section.startOffset, section.startOffset + section.title.length),
        section.title,
      );
      assert.ok(section.endOffset >= section.startOffset + section.title.length);
    }
  });

  it("nests the two Aftermath sections under different parents", () => {
    assert.deepEqual(
      [byAnchor.get("aftermath"), byAnchor.get("aftermath-2")].map((section) => [
        section?.level,
        section?.parentAnchor,
      ]),
      [
        [3, "battle-of-jalalabad"],
        [2, null],
      ],
    );
  });

  it("nests level 4 sections under level 3 ones", () => {
    assert.equal(byAnchor.get("pdpa-dra-government")?.parentAnchor, "republic-of-afghanistan");
    assert.equal(byAnchor.get("republic-of-afghanistan")?.parentAnchor, "main-participants");
  });

  it("ends the last section at the end of the text, bibliography included", () => {
    const bibliography = byAnchor.get("bibliography");
    assert.equal(bibliography?.endOffset, projection.text.length);
    assert.ok(
      projection.text
        .slice(bibliography?.startOffset, bibliography?.endOffset)
        .endsWith('Survival"'),
    );
  });

  it("ends a top-level section right before the next top-level heading", () => {
    const battle = byAnchor.get("battle-of-jalalabad");
    const next = byAnchor.get("enmity-jamiat-e-islami-vs-hezb-e-islami-gulbuddin");
    assert.equal(battle?.endOffset, (next?.startOffset ?? 0) - 1);
    assert.ok(
      projection.text.slice(battle?.startOffset, battle?.endOffset).includes("Domestic criticism"),
    );
  });
});
