import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { getSchema, type JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";

import { projectDocText } from "@/lib/anchoring/text-projection";
import { buildArticleDoc } from "@/lib/articles/build-article-doc";
import { decodeArticleFile } from "@/lib/articles/decode-article-file";
import { parseArticle, type ParsedArticle, type ParsedBlock } from "@/lib/articles/parse-article";
import { articleExtensions } from "@/lib/editor/article-extensions";

const SEED_PATH = new URL("../../seed/articles/afghan-civil-war-1989-1992.txt", import.meta.url);
const schema = getSchema(articleExtensions);

/** A parsed article with only the given parts set. */
function buildParsed(overrides: Partial<ParsedArticle>): ParsedArticle {
  return {
    title: "T",
    slug: "t",
    infobox: [],
    blocks: [],
    bibliography: [],
    warnings: [],
    ...overrides,
  };
}

/** Build the JSON, then prove it is valid for the article schema. */
function buildCheckedDoc(parsed: ParsedArticle): JSONContent {
  const json = buildArticleDoc(parsed);
  schema.nodeFromJSON(json).check();
  return json;
}

describe("buildArticleDoc", () => {
  const blockCases: { name: string; block: ParsedBlock; node: JSONContent }[] = [
    {
      name: "turns a heading into a heading node with its level and anchor as id",
      block: { type: "heading", level: 3, text: "Aftermath", anchor: "aftermath-2", line: 9 },
      node: {
        type: "heading",
        attrs: { level: 3, id: "aftermath-2" },
        content: [{ type: "text", text: "Aftermath" }],
      },
    },
    {
      name: "turns a paragraph into a paragraph node",
      block: { type: "paragraph", text: "Text <hr> stays text.", line: 2 },
      node: { type: "paragraph", content: [{ type: "text", text: "Text <hr> stays text." }] },
    },
    {
      name: "turns an empty paragraph into a paragraph without content",
      block: { type: "paragraph", text: "", line: 2 },
      node: { type: "paragraph" },
    },
    {
      name: "turns a label into a labelLine node",
      block: { type: "label", text: "99th Missile Brigade:", line: 2 },
      node: { type: "labelLine", content: [{ type: "text", text: "99th Missile Brigade:" }] },
    },
    {
      name: "turns a list into a bulletList of single-paragraph items",
      block: {
        type: "list",
        items: [
          { text: "one", line: 2 },
          { text: "", line: 3 },
        ],
        isBibliography: false,
      },
      node: {
        type: "bulletList",
        attrs: { bibliography: false },
        content: [
          {
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }],
          },
          { type: "listItem", content: [{ type: "paragraph" }] },
        ],
      },
    },
    {
      name: "flags a bibliography list",
      block: { type: "list", items: [{ text: 'A. "B"', line: 2 }], isBibliography: true },
      node: {
        type: "bulletList",
        attrs: { bibliography: true },
        content: [
          {
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text: 'A. "B"' }] }],
          },
        ],
      },
    },
  ];
  for (const { name, block, node } of blockCases) {
    it(name, () => {
      assert.deepEqual(buildCheckedDoc(buildParsed({ blocks: [block] })), {
        type: "doc",
        content: [node],
      });
    });
  }

  it("puts the infobox first, with empty keys and values as cells without content", () => {
    const json = buildCheckedDoc(
      buildParsed({
        infobox: [
          { key: "Date", value: "1989 – 1992", line: 3 },
          { key: "", value: "no key", line: 4 },
          { key: "Casualties2", value: "", line: 5 },
        ],
        blocks: [{ type: "paragraph", text: "Lead.", line: 7 }],
      }),
    );
    const text = (value: string): JSONContent[] => [{ type: "text", text: value }];
    assert.deepEqual(json.content?.[0], {
      type: "infobox",
      content: [
        {
          type: "infoboxRow",
          content: [
            { type: "infoboxLabel", content: text("Date") },
            { type: "infoboxValue", content: text("1989 – 1992") },
          ],
        },
        {
          type: "infoboxRow",
          content: [{ type: "infoboxLabel" }, { type: "infoboxValue", content: text("no key") }],
        },
        {
          type: "infoboxRow",
          content: [
            { type: "infoboxLabel", content: text("Casualties2") },
            { type: "infoboxValue" },
          ],
        },
      ],
    });
    assert.equal(json.content?.[1]?.type, "paragraph");
  });

  it("leaves the infobox out when there are no fields", () => {
    const json = buildCheckedDoc(
      buildParsed({ blocks: [{ type: "paragraph", text: "Lead.", line: 2 }] }),
    );
    assert.deepEqual(
      json.content?.map((node) => node.type),
      ["paragraph"],
    );
  });

  it("gives an article with no body one empty paragraph", () => {
    assert.deepEqual(buildCheckedDoc(buildParsed({})), {
      type: "doc",
      content: [{ type: "paragraph" }],
    });
  });

  it("builds a valid document for every construct of the format at once", () => {
    const parsed = parseArticle(
      [
        "= Every construct =",
        "Infobox",
        "- Key: Value",
        "- colon-less",
        "- Empty:",
        "",
        "Lead <script>alert(1)</script>",
        "== Two ==",
        "=== Three ===",
        "==== Four ====",
        "===== Five =====",
        "====== Six ======",
        "== Unclosed",
        "Label:",
        "- item",
        "- ",
        "== Bibliography ==",
        '- A. "B" (2001)',
        "- malformed",
      ].join("\n"),
    );
    const json = buildCheckedDoc(parsed);
    assert.deepEqual(
      json.content?.map((node) => node.type),
      [
        "infobox",
        "paragraph",
        "heading",
        "heading",
        "heading",
        "heading",
        "heading",
        "paragraph",
        "labelLine",
        "bulletList",
        "heading",
        "bulletList",
      ],
    );
  });

  it("builds a valid document for the seed article", () => {
    const parsed = parseArticle(decodeArticleFile(readFileSync(SEED_PATH)));
    const json = buildCheckedDoc(parsed);
    const headingIds = (json.content ?? []).flatMap((node) =>
      node.type === "heading" ? [node.attrs?.id] : [],
    );
    assert.equal(headingIds.length, 26);
    assert.ok(headingIds.includes("aftermath-2"));
  });
});

describe("buildArticleDoc with the static renderer", () => {
  const html = renderToHTMLString({
    extensions: articleExtensions,
    content: buildArticleDoc(
      parseArticle(
        [
          "= T =",
          "Infobox",
          "- Commander2: Shahnawaz Tanai (from 1990), <hr>",
          "",
          "<script>alert(1)</script>",
          "== Aftermath ==",
          "99th Missile Brigade:",
          "=== Aftermath ===",
          "== Bibliography ==",
          '- Saikal, Amin. "Modern Afghanistan"',
        ].join("\n"),
      ),
    ),
  });

  const cases: { name: string; fragment: string }[] = [
    {
      name: "renders the infobox as a table with row headers",
      fragment:
        '<table class="infobox"><tbody><tr><th scope="row">Commander2</th><td>Shahnawaz Tanai (from 1990), &lt;hr&gt;</td></tr></tbody></table>',
    },
    {
      name: "escapes markup-looking text",
      fragment: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    },
    {
      name: "renders headings with their anchors as ids",
      fragment: '<h2 id="aftermath">Aftermath</h2>',
    },
    {
      name: "renders a repeated heading with its suffixed id",
      fragment: '<h3 id="aftermath-2">Aftermath</h3>',
    },
    {
      name: "renders a label line as a bold run-in label",
      fragment: '<p class="label-line"><strong>99th Missile Brigade:</strong></p>',
    },
    {
      name: "renders the bibliography list with its class",
      fragment: '<ul class="bibliography"><li><p>Saikal, Amin. "Modern Afghanistan"</p></li></ul>',
    },
  ];
  for (const { name, fragment } of cases) {
    it(name, () => {
      assert.ok(html.includes(fragment), html);
    });
  }

  it("never lets source markup through as HTML", () => {
    assert.ok(!html.includes("<script>"));
    assert.ok(!html.includes("<hr>"));
  });
});

describe("the seed article survives into the projected text", () => {
  const source = decodeArticleFile(readFileSync(SEED_PATH));
  const doc = schema.nodeFromJSON(buildArticleDoc(parseArticle(source)));
  const projectedLines = projectDocText(doc).text.split("\n");

  /**
   * Each non-blank source line minus its markup, in order: no title line, no `Infobox` marker,
   * heading text without `=` marks, items without `- `, and an infobox line as its key and value
   * (the `: ` between them becomes the boundary of the two table cells).
   */
  function listExpectedLines(): string[] {
    const expected: string[] = [];
    let isInInfobox = false;
    source.split("\n").forEach((line, index) => {
      if (index === 0 || line.trim() === "") {
        isInInfobox = false;
        return;
      }
      if (line === "Infobox") {
        isInInfobox = true;
        return;
      }
      if (isInInfobox && line.startsWith("- ")) {
        const separator = line.indexOf(": ");
        expected.push(line.slice(2, separator), line.slice(separator + 2));
        return;
      }
      isInInfobox = false;
      const heading = /^(={2,6}) (.*) \1$/.exec(line);
      expected.push(heading?.[2] ?? (line.startsWith("- ") ? line.slice(2) : line));
    });
    return expected;
  }

  it("keeps every line verbatim and in order, with nothing dropped or added", () => {
    assert.deepEqual(projectedLines, listExpectedLines());
  });
});
