/**
 * Unit tests of the W3C Web Annotation mapping: the JSON-LD of every kind of annotation, of the
 * container's collection and pages, checked against the W3C test suite's MUST assertions (JSON
 * Schema, draft-04, from ../shared/standards); and the reading of clients' annotations, with the
 * errors that name the offending field.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { bodyFromPlainText } from "./annotation-body";
import type { AnnotationView } from "./annotation-view";
import {
  assertMeetsW3c as assertMeets,
  hasW3cStandards,
  loadW3cAssertions,
  W3C_SKIP_MESSAGE,
} from "./w3c-annotation-schemas.fixture";
import {
  ANNOTATION_CONTEXT,
  fromWebAnnotation,
  toAnnotationCollection,
  toAnnotationPage,
  toWebAnnotation,
} from "./web-annotation";

const BASE = "https://apparatus.example";

/** An annotation as the use cases return it. */
function buildView(overrides: Partial<AnnotationView> = {}): AnnotationView {
  const body = bodyFromPlainText("Which source says so?");
  return {
    id: "0197a0c4-8a3b-7c2d-9e1f-0123456789ab",
    articleId: "0197a0c4-0000-7000-8000-000000000001",
    articleSlug: "afghan-civil-war-1989-1992",
    kind: "COMMENT",
    flag: null,
    body: body.doc,
    bodyText: body.text,
    tags: [],
    visibility: "PUBLIC",
    groupId: null,
    groupName: null,
    author: { id: "0197a0c4-0000-7000-8000-0000000000aa", name: "Anwar Annotator" },
    version: 1,
    createdAt: new Date("2026-03-01T10:00:00.000Z"),
    updatedAt: new Date("2026-03-02T11:30:00.000Z"),
    isHidden: false,
    hiddenReason: null,
    claim: null,
    revisionId: "0197a0c4-0000-7000-8000-0000000000r1",
    revisionNumber: 1,
    revisionCreatedAt: new Date("2026-02-01T09:00:00.000Z"),
    target: {
      quote: {
        type: "TextQuoteSelector",
        exact: "Jamal Agha",
        prefix: "local officers, ",
        suffix: ", whom he",
      },
      position: { type: "TextPositionSelector", start: 4021, end: 4031 },
    },
    sectionAnchor: "background",
    anchor: {
      revisionId: "0197a0c4-0000-7000-8000-0000000000r1",
      start: 4021,
      end: 4031,
      sectionAnchor: "background",
      strategy: "ORIGINAL",
      isOrphaned: false,
    },
    ...overrides,
  };
}

/** One annotation of every kind, with tags, a group and an orphaned anchor among them. */
const KINDS: [name: string, view: AnnotationView, motivation: string][] = [
  ["a comment", buildView(), "commenting"],
  ["a question", buildView({ kind: "QUESTION" }), "questioning"],
  [
    "a highlight with tags and no text",
    buildView({ kind: "HIGHLIGHT", bodyText: "", tags: ["salang pass", "massoud"] }),
    "highlighting",
  ],
  [
    "a disputed claim in a group, orphaned on the current revision",
    buildView({
      kind: "CLAIM",
      flag: "DISPUTED",
      claim: { id: "0197a0c4-0000-7000-8000-0000000000c1", status: "OPEN" },
      visibility: "GROUP",
      groupId: "0197a0c4-0000-7000-8000-0000000000g1",
      groupName: "Seminar",
      anchor: {
        revisionId: "0197a0c4-0000-7000-8000-0000000000r2",
        start: null,
        end: null,
        sectionAnchor: null,
        strategy: "ORPHANED",
        isOrphaned: true,
      },
    }),
    "assessing",
  ],
];

describe("toWebAnnotation", () => {
  for (const [name, view, motivation] of KINDS) {
    it(`maps ${name} to motivation "${motivation}"`, () => {
      const json = toWebAnnotation(view, BASE);
      assert.equal(json["@context"], ANNOTATION_CONTEXT);
      assert.equal(json.id, `${BASE}/api/annotations/${view.id}`);
      assert.equal(json.type, "Annotation");
      assert.equal(json.motivation, motivation);
      assert.equal(json.target.source, `${BASE}/articles/afghan-civil-war-1989-1992`);
      assert.deepEqual(
        json.target.selector.map((selector) => selector.type),
        ["TextQuoteSelector", "TextPositionSelector"],
      );
      assert.equal(json.created, "2026-03-01T10:00:00.000Z");
      assert.equal(json.modified, "2026-03-02T11:30:00.000Z");
      assert.deepEqual(json.creator, {
        id: `${BASE}/users/${view.author.id}`,
        type: "Person",
        name: "Anwar Annotator",
      });
    });
  }

  it("puts the text, each tag and a claim's flag in TextualBodies with their purposes", () => {
    const json = toWebAnnotation(
      buildView({
        kind: "CLAIM",
        flag: "CITATION_NEEDED",
        tags: ["hezb-e islami", "1989"],
      }),
      BASE,
    );
    assert.deepEqual(json.body, [
      {
        type: "TextualBody",
        value: "Which source says so?",
        format: "text/plain",
        purpose: "assessing",
      },
      { type: "TextualBody", value: "hezb-e islami", purpose: "tagging" },
      { type: "TextualBody", value: "1989", purpose: "tagging" },
      { type: "TextualBody", value: "citation-needed", purpose: "classifying" },
    ]);
  });

  it("leaves out the body of a highlight without text or tags", () => {
    const json = toWebAnnotation(buildView({ kind: "HIGHLIGHT", bodyText: "" }), BASE);
    assert.equal("body" in json, false);
  });

  it("dates the target's revision with a TimeState and numbers it under apparatus:revision", () => {
    const json = toWebAnnotation(buildView({ revisionNumber: 3 }), BASE);
    assert.deepEqual(json.target.state, {
      type: "TimeState",
      sourceDate: "2026-02-01T09:00:00.000Z",
    });
    assert.equal(json["apparatus:revision"], 3);
  });
});

describe(
  "the JSON-LD against the W3C annotation-model MUST assertions",
  { skip: hasW3cStandards ? false : W3C_SKIP_MESSAGE },
  () => {
    const annotationMusts = loadW3cAssertions("annotation");
    const collectionMusts = loadW3cAssertions("collection");
    const pageMusts = loadW3cAssertions("page");

    it("loads all 54 annotation, 10 collection and 15 page assertions", () => {
      assert.equal(annotationMusts.length, 54);
      assert.equal(collectionMusts.length, 10);
      assert.equal(pageMusts.length, 15);
    });

    for (const [name, view] of KINDS) {
      it(`meets every annotation MUST for ${name}`, () => {
        assertMeets(annotationMusts, toWebAnnotation(view, BASE));
      });
    }

    it("catches a broken annotation (the check is not vacuous)", () => {
      const broken = { ...toWebAnnotation(buildView(), BASE), created: "2026-03-01 10:00" };
      assert.throws(() => assertMeets(annotationMusts, broken), /annotationCreatedValidated/);
    });

    const items = KINDS.map(([, view]) => view);
    const paging = { baseUrl: BASE, pageSize: 2, total: 5 };

    it("meets every collection MUST for the container with its first page embedded", () => {
      const collection = toAnnotationCollection(items.slice(0, 2), paging);
      assertMeets(collectionMusts, collection);
      // An embedded page shares the collection's @context.
      assertMeets(pageMusts, { "@context": ANNOTATION_CONTEXT, ...collection.first });
      assert.equal(collection.last, `${BASE}/api/annotations?page=2`);
    });

    it("meets every collection MUST for an empty container, which has no pages", () => {
      const collection = toAnnotationCollection([], { ...paging, total: 0 });
      assertMeets(collectionMusts, collection);
      assert.equal(collection.first, undefined);
    });

    for (const page of [0, 1, 2]) {
      it(`meets every page MUST for page ${page} of 3, and every annotation MUST for its items`, () => {
        const json = toAnnotationPage(items.slice(0, page === 2 ? 1 : 2), { ...paging, page });
        assertMeets(pageMusts, json);
        for (const item of json.items) {
          assertMeets(annotationMusts, { "@context": ANNOTATION_CONTEXT, ...item });
        }
      });
    }
  },
);

describe("toAnnotationPage", () => {
  it("links the previous and next pages, keeps the filter and gives partOf as an object", () => {
    const json = toAnnotationPage([], {
      baseUrl: BASE,
      page: 1,
      pageSize: 20,
      total: 45,
      articleSlug: "afghan-civil-war-1989-1992",
    });
    const container = `${BASE}/api/annotations?article=afghan-civil-war-1989-1992`;
    assert.equal(json.id, `${container}&page=1`);
    assert.deepEqual(json.partOf, { id: container, total: 45 });
    assert.equal(json.startIndex, 20);
    assert.equal(json.prev, `${container}&page=0`);
    assert.equal(json.next, `${container}&page=2`);
  });

  it("has no next on the last page and no prev on the first", () => {
    const only = toAnnotationPage([], { baseUrl: BASE, page: 0, pageSize: 20, total: 3 });
    assert.equal(only.next, undefined);
    assert.equal(only.prev, undefined);
  });
});

/** A client's annotation of the seed article, with overrides. */
function clientAnnotation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "@context": ANNOTATION_CONTEXT,
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value: "A note.", format: "text/plain" },
    target: {
      source: `${BASE}/articles/afghan-civil-war-1989-1992`,
      selector: [
        { type: "TextQuoteSelector", exact: "Jamal Agha", prefix: "officers, ", suffix: ", whom" },
        { type: "TextPositionSelector", start: 10, end: 20 },
      ],
    },
    ...overrides,
  };
}

describe("fromWebAnnotation", () => {
  it("reads a comment: slug, selectors, text", () => {
    const input = fromWebAnnotation(clientAnnotation());
    assert.equal(input.articleSlug, "afghan-civil-war-1989-1992");
    assert.equal(input.kind, "COMMENT");
    assert.equal(input.body.text, "A note.");
    assert.deepEqual(input.target, {
      quote: { exact: "Jamal Agha", prefix: "officers, ", suffix: ", whom" },
      position: { start: 10, end: 20 },
    });
    assert.equal(input.visibility, undefined);
  });

  it("reads a claim from motivation assessing and a classifying body", () => {
    const input = fromWebAnnotation(
      clientAnnotation({
        motivation: "assessing",
        body: [
          { type: "TextualBody", value: "Only one partisan source." },
          { type: "TextualBody", value: "better source needed", purpose: "classifying" },
          { type: "TextualBody", value: "Source Critique", purpose: "tagging" },
        ],
      }),
    );
    assert.equal(input.kind, "CLAIM");
    assert.equal(input.flag, "BETTER_SOURCE_NEEDED");
    assert.deepEqual(input.tags, ["Source Critique"]);
  });

  it("reads tagging alone as a highlight, and bodyValue as the text", () => {
    const input = fromWebAnnotation(
      clientAnnotation({ motivation: ["tagging"], body: undefined, bodyValue: "noted" }),
    );
    assert.equal(input.kind, "HIGHLIGHT");
    assert.equal(input.body.text, "noted");
  });

  it("reads the apparatus visibility and a group given by IRI", () => {
    const input = fromWebAnnotation(
      clientAnnotation({
        "apparatus:visibility": "group",
        "apparatus:group": { id: `${BASE}/groups/0197a0c4-0000-7000-8000-00000000aaaa` },
      }),
    );
    assert.equal(input.visibility, "GROUP");
    assert.equal(input.groupId, "0197a0c4-0000-7000-8000-00000000aaaa");
  });

  it("round-trips what toWebAnnotation makes", () => {
    const view = buildView({ kind: "CLAIM", flag: "DUBIOUS", tags: ["a", "b"] });
    const input = fromWebAnnotation(toWebAnnotation(view, BASE));
    assert.equal(input.kind, "CLAIM");
    assert.equal(input.flag, "DUBIOUS");
    assert.deepEqual(input.tags, ["a", "b"]);
    assert.equal(input.body.text, view.bodyText);
    assert.deepEqual(input.target.quote, {
      exact: view.target.quote.exact,
      prefix: view.target.quote.prefix,
      suffix: view.target.quote.suffix,
    });
    assert.equal(input.revisionNumber, 1);
  });

  const refused: [name: string, json: unknown, message: RegExp][] = [
    [
      "a motivation it does not know",
      clientAnnotation({ motivation: "linking" }),
      /^motivation: "linking" is not supported/,
    ],
    [
      "an unknown motivation in a list",
      clientAnnotation({ motivation: ["commenting", "bookmarking"] }),
      /^motivation: "bookmarking"/,
    ],
    [
      "a missing @context",
      clientAnnotation({ "@context": undefined }),
      /^@context: must be \(or include\)/,
    ],
    ["another @context", clientAnnotation({ "@context": "http://schema.org/" }), /^@context: /],
    ["a wrong type", clientAnnotation({ type: "Note" }), /^type: must be "Annotation"/],
    ["a missing target", clientAnnotation({ target: undefined }), /^target: must be an object/],
    [
      "a target that is just an IRI",
      clientAnnotation({ target: `${BASE}/articles/x` }),
      /^target: /,
    ],
    [
      "two targets",
      clientAnnotation({
        target: [
          { source: `${BASE}/articles/a`, selector: [] },
          { source: `${BASE}/articles/b`, selector: [] },
        ],
      }),
      /^target: /,
    ],
    [
      "a source that is not an article",
      clientAnnotation({
        target: {
          source: `${BASE}/groups/x`,
          selector: { type: "TextPositionSelector", start: 1, end: 2 },
        },
      }),
      /^target\.source: /,
    ],
    [
      "no text selector",
      clientAnnotation({
        target: {
          source: `${BASE}/articles/x`,
          selector: { type: "FragmentSelector", value: "p1" },
        },
      }),
      /^target\.selector: give a TextQuoteSelector/,
    ],
    [
      "a negative position",
      clientAnnotation({
        target: {
          source: `${BASE}/articles/x`,
          selector: { type: "TextPositionSelector", start: -1, end: 2 },
        },
      }),
      /^target\.selector/,
    ],
    [
      "an HTML body",
      clientAnnotation({ body: { type: "TextualBody", value: "<b>x</b>", format: "text/html" } }),
      /^body: HTML bodies are not accepted/,
    ],
    [
      "an external body",
      clientAnnotation({ body: { id: "https://example.org/note", type: "Text" } }),
      /^body/,
    ],
    [
      "two text bodies",
      clientAnnotation({
        body: [
          { type: "TextualBody", value: "a" },
          { type: "TextualBody", value: "b" },
        ],
      }),
      /^body: give at most one text body/,
    ],
    [
      "an assessing annotation without a flag",
      clientAnnotation({ motivation: "assessing" }),
      /^body: an assessing annotation needs the claim flag/,
    ],
    [
      "an unknown flag",
      clientAnnotation({
        motivation: "assessing",
        body: { type: "TextualBody", value: "fake news", purpose: "classifying" },
      }),
      /^body: "fake news" is not a claim flag/,
    ],
    [
      "a flag on a comment",
      clientAnnotation({
        body: { type: "TextualBody", value: "disputed", purpose: "classifying" },
      }),
      /^body: a claim flag .* needs motivation "assessing"/,
    ],
    [
      "both body and bodyValue",
      clientAnnotation({ bodyValue: "x" }),
      /^bodyValue: give either body or bodyValue/,
    ],
    [
      "an unknown visibility",
      clientAnnotation({ "apparatus:visibility": "friends" }),
      /^apparatus:visibility: /,
    ],
    [
      "an array instead of an object",
      [clientAnnotation()],
      /^annotation: the request body must be one JSON-LD annotation/,
    ],
    [
      "a text body over the limit",
      clientAnnotation({ bodyValue: "z".repeat(20_001), body: undefined }),
      /^body: the text is longer than 20,000 characters/,
    ],
  ];
  for (const [name, json, message] of refused) {
    it(`refuses ${name} with INVALID_INPUT naming the field`, () => {
      assert.throws(
        () => fromWebAnnotation(json),
        (error: Error & { code?: string }) => {
          assert.equal(error.name, "AppError");
          assert.equal(error.code, "INVALID_INPUT");
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
