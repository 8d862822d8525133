import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { getSchema, type JSONContent } from "@tiptap/core";
import type { DOMOutputSpec, TagParseRule } from "@tiptap/pm/model";

import { articleExtensions } from "@/lib/editor/article-extensions";

const schema = getSchema(articleExtensions);

/** Just enough of an HTML element for parse rules: attributes, classes and child lookup. */
interface FakeElement {
  tagName: string;
  children: FakeElement[];
  getAttribute(name: string): string | null;
  classList: { contains(name: string): boolean };
  querySelector(tag: string): FakeElement | null;
}

/** Turn a renderHTML spec such as `["p", { class: "x" }, ["strong", 0]]` into a fake element. */
function buildFakeElement(spec: DOMOutputSpec): FakeElement {
  assert.ok(Array.isArray(spec), "renderHTML returns an array spec");
  const [tag, ...rest] = spec as readonly [string, ...unknown[]];
  const first = rest[0];
  const hasAttributes = typeof first === "object" && first !== null && !Array.isArray(first);
  const attributes = (hasAttributes ? first : {}) as Record<string, unknown>;
  const children = (hasAttributes ? rest.slice(1) : rest)
    .filter((child): child is DOMOutputSpec => Array.isArray(child))
    .map(buildFakeElement);
  const readAttribute = (name: string): string | null =>
    attributes[name] === undefined || attributes[name] === null ? null : String(attributes[name]);
  const element: FakeElement = {
    tagName: tag.toUpperCase(),
    children,
    getAttribute: readAttribute,
    classList: { contains: (name) => (readAttribute("class") ?? "").split(/\s+/).includes(name) },
    querySelector: (wanted) => {
      for (const child of children) {
        if (child.tagName === wanted.toUpperCase()) {
          return child;
        }
        const found = child.querySelector(wanted);
        if (found !== null) {
          return found;
        }
      }
      return null;
    },
  };
  return element;
}

/** Whether a parse rule's `tag` selector (`p`, `p.label-line`) matches the element. */
function matchesTag(selector: string, element: FakeElement): boolean {
  const [tag, ...classes] = selector.split(".");
  return (
    element.tagName === tag?.toUpperCase() &&
    classes.every((name) => element.classList.contains(name))
  );
}

/**
 * Parse the element back the way ProseMirror's DOMParser picks a rule: highest priority first
 * (default 50), then schema order; the rule's context must allow the parent node.
 */
function parseFakeElement(
  element: FakeElement,
  parentName: string,
): { nodeName: string; attrs: Record<string, unknown> } | null {
  const rules = Object.values(schema.nodes).flatMap((type) =>
    (type.spec.parseDOM ?? []).map((rule) => ({ nodeName: type.name, rule: rule as TagParseRule })),
  );
  const ordered = rules
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => (b.rule.priority ?? 50) - (a.rule.priority ?? 50) || a.index - b.index);
  for (const { nodeName, rule } of ordered) {
    if (rule.tag === undefined || !matchesTag(rule.tag, element)) {
      continue;
    }
    if (rule.context !== undefined && rule.context !== `${parentName}/`) {
      continue;
    }
    const parsedAttributes = rule.getAttrs
      ? rule.getAttrs(element as unknown as HTMLElement)
      : rule.attrs;
    if (parsedAttributes === false) {
      continue;
    }
    const defaults = schema.nodes[nodeName]?.create().attrs ?? {};
    return { nodeName, attrs: { ...defaults, ...(parsedAttributes ?? {}) } };
  }
  return null;
}

describe("articleExtensions", () => {
  it("defines exactly the article nodes and no marks", () => {
    assert.deepEqual(Object.keys(schema.nodes).sort(), [
      "bulletList",
      "doc",
      "heading",
      "infobox",
      "infoboxLabel",
      "infoboxRow",
      "infoboxValue",
      "labelLine",
      "listItem",
      "paragraph",
      "text",
    ]);
    assert.deepEqual(Object.keys(schema.marks), []);
  });

  it("keeps paragraph as the default block", () => {
    assert.equal(schema.topNodeType.contentMatch.defaultType?.name, "paragraph");
  });

  const invalid: { name: string; json: JSONContent }[] = [
    {
      name: "rejects a list item that holds two paragraphs",
      json: {
        type: "bulletList",
        content: [{ type: "listItem", content: [{ type: "paragraph" }, { type: "paragraph" }] }],
      },
    },
    {
      name: "rejects an infobox row without its value cell",
      json: {
        type: "infobox",
        content: [{ type: "infoboxRow", content: [{ type: "infoboxLabel" }] }],
      },
    },
    { name: "rejects an empty infobox", json: { type: "infobox" } },
  ];
  for (const { name, json } of invalid) {
    it(name, () => {
      assert.throws(() => schema.nodeFromJSON({ type: "doc", content: [json] }).check());
    });
  }

  it("renders a heading of an unknown level as h2", () => {
    const node = schema.nodes.heading?.create({ level: 1, id: "x" }, schema.text("T"));
    assert.ok(node !== undefined);
    assert.deepEqual(node.type.spec.toDOM?.(node), ["h2", { id: "x" }, 0]);
  });
});

describe("articleExtensions: parseHTML mirrors renderHTML", () => {
  const cases: { name: string; json: JSONContent; parent: string; contentTag?: string }[] = [
    { name: "round-trips a paragraph", json: { type: "paragraph" }, parent: "doc" },
    ...([2, 3, 4, 5, 6] as const).map((level) => ({
      name: `round-trips a level ${level} heading with its id`,
      json: { type: "heading", attrs: { level, id: `anchor-${level}` } },
      parent: "doc",
    })),
    {
      name: "round-trips a heading without an id",
      json: { type: "heading", attrs: { level: 3 } },
      parent: "doc",
    },
    {
      name: "round-trips a label line, not as a paragraph, reading its text from <strong>",
      json: { type: "labelLine" },
      parent: "doc",
      contentTag: "STRONG",
    },
    {
      name: "round-trips a bibliography list",
      json: {
        type: "bulletList",
        attrs: { bibliography: true },
        content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
      },
      parent: "doc",
    },
    {
      name: "round-trips an ordinary bullet list",
      json: {
        type: "bulletList",
        attrs: { bibliography: false },
        content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
      },
      parent: "doc",
    },
    {
      name: "round-trips a list item",
      json: { type: "listItem", content: [{ type: "paragraph" }] },
      parent: "bulletList",
    },
    {
      name: "round-trips the infobox table, reading rows from <tbody>",
      json: {
        type: "infobox",
        content: [
          { type: "infoboxRow", content: [{ type: "infoboxLabel" }, { type: "infoboxValue" }] },
        ],
      },
      parent: "doc",
      contentTag: "TBODY",
    },
    {
      name: "round-trips an infobox row inside the infobox",
      json: { type: "infoboxRow", content: [{ type: "infoboxLabel" }, { type: "infoboxValue" }] },
      parent: "infobox",
    },
    {
      name: "round-trips an infobox label cell inside a row",
      json: { type: "infoboxLabel" },
      parent: "infoboxRow",
    },
    {
      name: "round-trips an infobox value cell inside a row",
      json: { type: "infoboxValue" },
      parent: "infoboxRow",
    },
  ];
  for (const { name, json, parent, contentTag } of cases) {
    it(name, () => {
      const node = schema.nodeFromJSON(json);
      const spec = node.type.spec.toDOM?.(node);
      assert.ok(spec !== undefined);
      const element = buildFakeElement(spec);
      assert.deepEqual(parseFakeElement(element, parent), {
        nodeName: node.type.name,
        attrs: { ...node.attrs },
      });
      if (contentTag !== undefined) {
        const rule = (node.type.spec.parseDOM ?? [])[0] as TagParseRule | undefined;
        const contentElement = rule?.contentElement;
        assert.equal(typeof contentElement, "function");
        if (typeof contentElement === "function") {
          const content = contentElement(
            element as unknown as HTMLElement,
          ) as unknown as FakeElement;
          assert.equal(content.tagName, contentTag);
        }
      }
    });
  }

  const nearMisses: {
    name: string;
    spec: DOMOutputSpec;
    parent: string;
    expected: string | null;
  }[] = [
    {
      name: "reads a plain <p> as a paragraph, not a label line",
      spec: ["p", 0],
      parent: "doc",
      expected: "paragraph",
    },
    {
      name: "reads a table without the infobox class as nothing",
      spec: ["table", ["tbody", 0]],
      parent: "doc",
      expected: null,
    },
    {
      name: "does not read a <tr> outside an infobox as a row",
      spec: ["tr", 0],
      parent: "doc",
      expected: null,
    },
    {
      name: "does not read a <td> outside an infobox row as a value",
      spec: ["td", 0],
      parent: "doc",
      expected: null,
    },
    { name: "does not read an <h1> as a heading", spec: ["h1", 0], parent: "doc", expected: null },
  ];
  for (const { name, spec, parent, expected } of nearMisses) {
    it(name, () => {
      assert.equal(parseFakeElement(buildFakeElement(spec), parent)?.nodeName ?? null, expected);
    });
  }
});

describe("lib/editor stays free of React, Prisma and browser globals", () => {
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
