import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { AnnotationItem } from "./annotation-display";
import {
  compareInDocumentOrder,
  countBySection,
  DEFAULT_VIEW_STATE,
  filterAnnotations,
  LEAD_SECTION,
  parseViewState,
  viewStateToQuery,
  type AnnotationViewState,
} from "./annotation-filters";

const GROUP_ID = "00000000-0000-7000-8000-0000000000aa";

/** An annotation with the fields the filters read; `start` null makes an orphan. */
function annotation(
  id: string,
  overrides: Partial<AnnotationItem> & { start?: number | null; section?: string | null } = {},
): AnnotationItem {
  const { start = 10, section = "aftermath", ...rest } = overrides;
  return {
    id,
    articleId: "article",
    articleSlug: "slug",
    kind: "COMMENT",
    flag: null,
    body: { type: "doc", content: [{ type: "paragraph" }] },
    bodyText: "",
    tags: [],
    visibility: "PUBLIC",
    groupId: null,
    groupName: null,
    author: { id: "author-1", name: "Anwar" },
    version: 1,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    isHidden: false,
    hiddenReason: null,
    claim: null,
    revisionId: "revision",
    revisionNumber: 1,
    revisionCreatedAt: new Date("2026-01-01T00:00:00Z"),
    target: {
      quote: { type: "TextQuoteSelector", exact: "x", prefix: "", suffix: "" },
      position: { type: "TextPositionSelector", start: 0, end: 1 },
    },
    sectionAnchor: section,
    anchor:
      start === null
        ? {
            revisionId: "revision",
            start: null,
            end: null,
            sectionAnchor: null,
            strategy: "ORPHANED",
            isOrphaned: true,
          }
        : {
            revisionId: "revision",
            start,
            end: start + 5,
            sectionAnchor: section,
            strategy: "ORIGINAL",
            isOrphaned: false,
          },
    ...rest,
  };
}

const annotations = [
  annotation("claim", { kind: "CLAIM", flag: "DISPUTED", tags: ["chronology"], start: 30 }),
  annotation("private", { visibility: "PRIVATE", start: 5, section: null }),
  annotation("group", { visibility: "GROUP", groupId: GROUP_ID, groupName: "Seminar", start: 20 }),
  annotation("orphan", { start: null, author: { id: "author-2", name: "Mona" } }),
];

/** Ids of the annotations a view shows. */
function shownIds(view: Partial<AnnotationViewState>): string[] {
  return filterAnnotations(annotations, { ...DEFAULT_VIEW_STATE, ...view }).map((item) => item.id);
}

describe("filterAnnotations", () => {
  const cases: { name: string; view: Partial<AnnotationViewState>; expected: string[] }[] = [
    {
      name: "the default view shows everything",
      view: {},
      expected: ["claim", "private", "group", "orphan"],
    },
    {
      name: "the public layer",
      view: { layer: { type: "public" } },
      expected: ["claim", "orphan"],
    },
    {
      name: "a group's layer",
      view: { layer: { type: "group", groupId: GROUP_ID } },
      expected: ["group"],
    },
    {
      name: "another group's layer is empty",
      view: { layer: { type: "group", groupId: "other" } },
      expected: [],
    },
    { name: "the private layer", view: { layer: { type: "private" } }, expected: ["private"] },
    { name: "by kind", view: { kind: "CLAIM" }, expected: ["claim"] },
    { name: "by flag", view: { flag: "DUBIOUS" }, expected: [] },
    { name: "by tag", view: { tag: "chronology" }, expected: ["claim"] },
    { name: "by author", view: { authorId: "author-2" }, expected: ["orphan"] },
    {
      name: "by section (orphans have none)",
      view: { section: "aftermath" },
      expected: ["claim", "group"],
    },
    { name: "the lead", view: { section: LEAD_SECTION }, expected: ["private"] },
    { name: "orphans only", view: { orphans: "orphaned" }, expected: ["orphan"] },
    { name: "placed only", view: { orphans: "placed" }, expected: ["claim", "private", "group"] },
    {
      name: "filters combine",
      view: { layer: { type: "public" }, kind: "COMMENT" },
      expected: ["orphan"],
    },
  ];
  for (const { name, view, expected } of cases) {
    it(name, () => {
      assert.deepEqual(shownIds(view), expected);
    });
  }
});

describe("the view in the query string", () => {
  it("round-trips every field and leaves defaults out", () => {
    const view: AnnotationViewState = {
      layer: { type: "group", groupId: GROUP_ID },
      kind: "CLAIM",
      flag: "CITATION_NEEDED",
      tag: "source critique",
      authorId: "author-1",
      section: "aftermath-2",
      orphans: "placed",
      colorMode: "tag",
    };
    const query = viewStateToQuery(view);
    const params = Object.fromEntries(new URLSearchParams(query.slice(1)));
    assert.deepEqual(parseViewState(params), view);
    assert.equal(viewStateToQuery(DEFAULT_VIEW_STATE), "");
  });

  it("ignores values that cannot occur", () => {
    assert.deepEqual(
      parseViewState({
        kind: "POEM",
        flag: ["DISPUTED", "DUBIOUS"],
        orphans: "some",
        layer: "group:",
      }),
      { ...DEFAULT_VIEW_STATE, flag: "DISPUTED" },
    );
  });
});

describe("counting and ordering", () => {
  it("counts placed annotations per section, the lead under its own key", () => {
    assert.deepEqual(countBySection(annotations), { aftermath: 2, [LEAD_SECTION]: 1 });
  });

  it("orders by start, longer first, orphans last", () => {
    const sorted = [
      ...annotations,
      annotation("wide", { start: 20, target: annotations[0]!.target }),
    ]
      .map((item) =>
        item.id === "wide" && item.anchor ? { ...item, anchor: { ...item.anchor, end: 40 } } : item,
      )
      .sort(compareInDocumentOrder)
      .map((item) => item.id);
    assert.deepEqual(sorted, ["private", "wide", "group", "claim", "orphan"]);
  });
});
