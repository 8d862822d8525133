/**
 * Unit tests of annotation bodies: what the annotation-body schema accepts, what it refuses (and
 * how the refusal names the field), the canonical form of what it keeps, and plain-text bodies.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { JSONContent } from "@tiptap/core";

import {
  bodyFromPlainText,
  checkAnnotationBody,
  MAX_BODY_TEXT_LENGTH,
  parseAnnotationBody,
} from "./annotation-body";

/** A document of one paragraph holding `content`. */
function paragraph(...content: JSONContent[]): JSONContent {
  return { type: "doc", content: [{ type: "paragraph", content }] };
}

function text(value: string, marks?: JSONContent["marks"]): JSONContent {
  return marks ? { type: "text", text: value, marks } : { type: "text", text: value };
}

function link(href: string, extra: Record<string, unknown> = {}): JSONContent["marks"] {
  return [{ type: "link", attrs: { href, ...extra } }];
}

/** A user id that a mention names (the schema checks its shape only). */
const MENTIONED_ID = "0190f5d2-7b7e-7cc0-8a1e-3f1e2d3c4b5a";

describe("parseAnnotationBody", () => {
  const accepted: [name: string, body: JSONContent, expectedText: string][] = [
    ["a plain paragraph", paragraph(text("A note.")), "A note."],
    [
      "bold, italic and an https link",
      paragraph(
        text("See ", [{ type: "bold" }]),
        text("Coll", [{ type: "italic" }]),
        text(" here", link("https://example.org/ghost-wars")),
      ),
      "See Coll here",
    ],
    ["a mailto link", paragraph(text("write", link("mailto:editor@example.org"))), "write"],
    [
      "a quotation, lists and a line break",
      {
        type: "doc",
        content: [
          { type: "blockquote", content: [{ type: "paragraph", content: [text("Quoted")] }] },
          {
            type: "bulletList",
            content: [
              { type: "listItem", content: [{ type: "paragraph", content: [text("one")] }] },
            ],
          },
          {
            type: "orderedList",
            attrs: { start: 3, type: "i" },
            content: [
              { type: "listItem", content: [{ type: "paragraph", content: [text("two")] }] },
            ],
          },
          { type: "paragraph", content: [text("a"), { type: "hardBreak" }, text("b")] },
        ],
      },
      "Quoted\n\none\n\ntwo\n\na\nb",
    ],
    [
      "Pashto and Dari text",
      paragraph(text("د جلال آباد جګړه — جنگ جلال‌آباد")),
      "د جلال آباد جګړه — جنگ جلال‌آباد",
    ],
    [
      "markup-looking text, which stays text",
      paragraph(text("<script>alert(1)</script> <img src=x onerror=alert(1)>")),
      "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    ],
    ["an empty body", { type: "doc", content: [{ type: "paragraph" }] }, ""],
    [
      "a mention of a scholar, which reads as @name",
      paragraph(
        text("As "),
        { type: "mention", attrs: { id: MENTIONED_ID, label: "Maria Moderator" } },
        text(" says"),
      ),
      "As @Maria Moderator says",
    ],
  ];
  for (const [name, body, expectedText] of accepted) {
    it(`accepts ${name} and returns its plain text`, () => {
      const parsed = parseAnnotationBody(body);
      assert.equal(parsed.text, expectedText);
      assert.equal(parsed.doc.type, "doc");
    });
  }

  const refused: [name: string, body: unknown, message: RegExp][] = [
    ["an HTML string", "<p onclick='x()'>Hi</p>", /^body: must be a document .*HTML/],
    [
      "a node that is not in the schema",
      { type: "doc", content: [{ type: "heading", content: [text("H")] }] },
      /^body: "heading" is not allowed/,
    ],
    [
      "an image node",
      { type: "doc", content: [{ type: "image", attrs: { src: "x" } }] },
      /^body: "image" is not allowed/,
    ],
    [
      "an html node",
      { type: "doc", content: [{ type: "html", content: [] }] },
      /^body: "html" is not allowed/,
    ],
    [
      "a raw html key on a node",
      { type: "doc", content: [{ type: "paragraph", html: "<b>x</b>" }] },
      /^body: a node has an unknown key "html"/,
    ],
    [
      "a mark that is not in the schema",
      paragraph(text("x", [{ type: "code" }])),
      /^body: formatting "code" is not allowed/,
    ],
    [
      "an attribute on a paragraph",
      {
        type: "doc",
        content: [{ type: "paragraph", attrs: { onclick: "x()" }, content: [text("x")] }],
      },
      /^body: paragraph takes no attributes/,
    ],
    [
      "a javascript: link",
      paragraph(text("x", link("javascript:alert(1)"))),
      /^body: the link "javascript:alert\(1\)" is not an http, https or mailto address/,
    ],
    [
      "a javascript: link hidden by a tab",
      paragraph(text("x", link("java\tscript:alert(1)"))),
      /^body: the link/,
    ],
    [
      "a data: link",
      paragraph(text("x", link("data:text/html,<script>alert(1)</script>"))),
      /^body: the link/,
    ],
    ["a relative link", paragraph(text("x", link("/admin"))), /^body: the link/],
    ["a link without href", paragraph(text("x", [{ type: "link", attrs: {} }])), /^body: the link/],
    [
      "an unknown link attribute",
      paragraph(text("x", link("https://example.org", { onmouseover: "x()" }))),
      /^body: a link has an unknown attribute "onmouseover"/,
    ],
    [
      "text straight in the document",
      { type: "doc", content: [text("loose")] },
      /^body: does not fit the body schema/,
    ],
    ["an empty document", { type: "doc", content: [] }, /^body: does not fit the body schema/],
    ["an empty text node", paragraph(text("")), /^body: does not fit the body schema/],
    [
      "a node that is not a doc",
      { type: "paragraph" },
      /^body: must be a document whose type is "doc"/,
    ],
    ["null", null, /^body: must be a document/],
    [
      "an ordered list with a bad type",
      {
        type: "doc",
        content: [
          {
            type: "orderedList",
            attrs: { type: "disc" },
            content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
          },
        ],
      },
      /^body: a numbered list type/,
    ],
    [
      "a mention whose id is not a user id",
      paragraph({ type: "mention", attrs: { id: "javascript:alert(1)", label: "x" } }),
      /^body: a mention must name a scholar by their user id/,
    ],
    [
      "a mention without a label",
      paragraph({ type: "mention", attrs: { id: MENTIONED_ID } }),
      /^body: a mention needs the scholar's name as its label/,
    ],
    [
      "a mention with an unknown attribute",
      paragraph({ type: "mention", attrs: { id: MENTIONED_ID, label: "M", href: "x" } }),
      /^body: a mention has an unknown attribute "href"/,
    ],
    [
      "text over the limit",
      paragraph(text("x".repeat(MAX_BODY_TEXT_LENGTH + 1))),
      /^body: the text is longer than 20,000 characters \(20,001\)/,
    ],
  ];
  for (const [name, body, message] of refused) {
    it(`refuses ${name} with INVALID_INPUT naming the body`, () => {
      assert.throws(
        () => parseAnnotationBody(body),
        (error: Error & { code?: string }) => {
          assert.equal(error.name, "AppError");
          assert.equal(error.code, "INVALID_INPUT");
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  it("keeps a mention's id and label and nothing else", () => {
    const { doc } = parseAnnotationBody(
      paragraph({
        type: "mention",
        attrs: { id: MENTIONED_ID.toUpperCase(), label: "Maria Moderator" },
      }),
    );
    const mention = doc.content?.[0]?.content?.[0];
    assert.equal(mention?.type, "mention");
    assert.equal(mention?.attrs?.id, MENTIONED_ID);
    assert.equal(mention?.attrs?.label, "Maria Moderator");
  });

  it("accepts exactly 20,000 characters of text", () => {
    assert.equal(
      parseAnnotationBody(paragraph(text("x".repeat(MAX_BODY_TEXT_LENGTH)))).text.length,
      MAX_BODY_TEXT_LENGTH,
    );
  });

  it("replaces a link's target, rel and class with the extension's own", () => {
    const { doc } = parseAnnotationBody(
      paragraph(
        text("x", link("https://example.org", { target: "_self", rel: "opener", class: "evil" })),
      ),
    );
    const mark = doc.content?.[0]?.content?.[0]?.marks?.[0];
    assert.deepEqual(
      { ...mark?.attrs },
      {
        href: "https://example.org",
        target: "_blank",
        rel: "noopener noreferrer nofollow ugc",
        class: null,
        title: null,
      },
    );
  });

  it("refuses a body nested deeper than the limit without a stack overflow", () => {
    let node: JSONContent = { type: "paragraph", content: [text("deep")] };
    for (let depth = 0; depth < 5000; depth += 1) {
      node = { type: "blockquote", content: [node] };
    }
    const result = checkAnnotationBody({ type: "doc", content: [node] });
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.reason, /nested more than/);
  });
});

describe("bodyFromPlainText", () => {
  it("makes paragraphs of blank-line-separated text and line breaks of single newlines", () => {
    const { doc, text: plain } = bodyFromPlainText("First line\r\nsecond line\n\n\nNew paragraph");
    assert.equal(doc.content?.length, 2);
    assert.deepEqual(
      doc.content?.[0]?.content?.map((node) => node.type),
      ["text", "hardBreak", "text"],
    );
    assert.equal(plain, "First line\nsecond line\n\nNew paragraph");
  });

  it("keeps HTML in plain text as text", () => {
    const { doc } = bodyFromPlainText("<b>not bold</b>");
    assert.equal(doc.content?.[0]?.content?.[0]?.text, "<b>not bold</b>");
  });

  it("makes an empty body of empty text", () => {
    assert.equal(bodyFromPlainText("  \n ").text, "");
  });

  it("refuses text over the limit", () => {
    assert.throws(
      () => bodyFromPlainText("y".repeat(MAX_BODY_TEXT_LENGTH + 1)),
      /^AppError: body: the text is longer/,
    );
  });
});
