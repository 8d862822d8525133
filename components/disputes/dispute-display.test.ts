import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { AnnotationItem } from "@/components/annotations/annotation-display";
import { LEAD_SECTION } from "@/components/annotations/annotation-filters";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { formatReliability, summarizeReliability } from "@/lib/sources/reliability-summary";

import {
  bodyText,
  formatAuthorYear,
  formatLocator,
  groupEvidenceByRelation,
  needsRationale,
  nextClaimStatuses,
  transitionLabel,
} from "./dispute-display";
import { countOpenDisputesBySection } from "./open-disputes";
import { resolvePassage } from "./resolve-passage";

describe("formatLocator", () => {
  const cases: [label: string | null, locator: string | null, expected: string | null][] = [
    ["page", "213", "p. 213"],
    ["page", " 213 ", "p. 213"],
    ["page", "213–215", "pp. 213–215"],
    ["page", "213-215", "pp. 213-215"],
    [null, "12", "p. 12"],
    ["chapter", "4", "ch. 4"],
    ["folio", "12r", "fol. 12r"],
    ["verse", "3", "verse 3"],
    ["page", "", null],
    ["page", "   ", null],
    ["page", null, null],
  ];
  for (const [label, locator, expected] of cases) {
    it(`writes ${String(label)} ${JSON.stringify(locator)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(formatLocator(label, locator), expected);
    });
  }
});

describe("formatReliability", () => {
  it("gives the mean, its label and the number of assessments", () => {
    assert.equal(
      formatReliability(summarizeReliability([4, 4, 3])),
      "3.7 · Reliable (3 assessments)",
    );
  });

  it("says one assessment in the singular", () => {
    assert.equal(formatReliability(summarizeReliability([2])), "2.0 · Doubtful (1 assessment)");
  });

  it("says 'Not assessed' without assessments", () => {
    assert.equal(formatReliability(summarizeReliability([])), "Not assessed");
  });
});

describe("formatAuthorYear", () => {
  it("writes authors and year, 'n.d.' without a year and 'Anonymous' without authors", () => {
    assert.equal(formatAuthorYear({ authorsText: "Yousaf", year: 1992 }), "Yousaf (1992)");
    assert.equal(formatAuthorYear({ authorsText: "Halim", year: null }), "Halim (n.d.)");
    assert.equal(formatAuthorYear({ authorsText: " ", year: 2001 }), "Anonymous (2001)");
  });
});

describe("the status lifecycle", () => {
  it("offers review or a resolution for an open claim, and only reopening for a resolved one", () => {
    assert.deepEqual(nextClaimStatuses("OPEN"), [
      "UNDER_REVIEW",
      "ACCEPTED",
      "REJECTED",
      "CONTESTED",
    ]);
    assert.deepEqual(nextClaimStatuses("UNDER_REVIEW"), [
      "OPEN",
      "ACCEPTED",
      "REJECTED",
      "CONTESTED",
    ]);
    for (const status of ["ACCEPTED", "REJECTED", "CONTESTED"] as ClaimStatus[]) {
      assert.deepEqual(nextClaimStatuses(status), ["OPEN"]);
    }
  });

  it("asks a rationale for resolving and reopening, not for taking under review", () => {
    assert.equal(needsRationale("OPEN", "UNDER_REVIEW"), false);
    assert.equal(needsRationale("UNDER_REVIEW", "OPEN"), false);
    assert.equal(needsRationale("OPEN", "CONTESTED"), true);
    assert.equal(needsRationale("UNDER_REVIEW", "ACCEPTED"), true);
    assert.equal(needsRationale("REJECTED", "OPEN"), true);
  });

  it("calls leaving a resolution 'Reopen'", () => {
    assert.equal(transitionLabel("CONTESTED", "OPEN"), "Reopen");
    assert.equal(transitionLabel("UNDER_REVIEW", "OPEN"), "Open");
    assert.equal(transitionLabel("OPEN", "CONTESTED"), "Contested");
  });
});

describe("groupEvidenceByRelation", () => {
  it("groups in the relation order and leaves out empty groups", () => {
    const item = (id: string, relation: "SUPPORTS" | "CONTRADICTS" | "MENTIONS") =>
      ({ id, relation }) as Parameters<typeof groupEvidenceByRelation>[0][number];
    const groups = groupEvidenceByRelation([
      item("a", "MENTIONS"),
      item("b", "SUPPORTS"),
      item("c", "MENTIONS"),
      item("d", "CONTRADICTS"),
    ]);
    assert.deepEqual(
      groups.map((group) => [group.relation, group.items.map((entry) => entry.id)]),
      [
        ["SUPPORTS", ["b"]],
        ["CONTRADICTS", ["d"]],
        ["MENTIONS", ["a", "c"]],
      ],
    );
  });
});

describe("bodyText", () => {
  it("joins the text of blocks and reads mentions as @Name", () => {
    const body = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Ask" },
            { type: "mention", attrs: { id: "u1", label: "Mona" } },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "about p. 213." }] },
      ],
    };
    assert.equal(bodyText(body), "Ask @Mona about p. 213.");
  });

  it("is empty for an empty document", () => {
    assert.equal(bodyText({ type: "doc", content: [{ type: "paragraph" }] }), "");
  });
});

describe("resolvePassage", () => {
  const text =
    "In 1989, Massoud arrested Jamal Agha.\nHekmatyar's supporters accused Massoud of the killings. Massoud denied it.";

  it("finds a quote that occurs once, with its offsets and context", () => {
    const result = resolvePassage(text, "Hekmatyar's supporters accused Massoud");
    assert.equal(result.ok, true);
    if (result.ok) {
      const { passage } = result;
      assert.equal(text.slice(passage.start, passage.end), passage.exact);
      assert.equal(passage.exact, "Hekmatyar's supporters accused Massoud");
      assert.ok(text.slice(0, passage.start).endsWith(passage.prefix));
      assert.ok(text.slice(passage.end).startsWith(passage.suffix));
      assert.ok(passage.prefix.length > 0 && passage.suffix.length > 0);
    }
  });

  it("tidies the spaces of a pasted quote", () => {
    const result = resolvePassage(text, "  arrested   Jamal\tAgha ");
    assert.deepEqual(result.ok && result.passage.exact, "arrested Jamal Agha");
  });

  const refusals: [quote: string, reason: RegExp][] = [
    ["", /Quote the words/],
    ["   ", /Quote the words/],
    ["Massoud", /more than once/],
    ["Massoud arrested Jamal Agha in 1990", /not in the article/],
    ["massoud arrested jamal agha", /not in the article/],
  ];
  for (const [quote, reason] of refusals) {
    it(`refuses ${JSON.stringify(quote)}`, () => {
      const result = resolvePassage(text, quote);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.match(result.reason, reason);
      }
    });
  }
});

describe("countOpenDisputesBySection", () => {
  /** An annotation with the fields the count reads. */
  function item(
    id: string,
    claim: AnnotationItem["claim"],
    anchor: { section: string | null; isOrphaned?: boolean } | null,
  ): AnnotationItem {
    return {
      id,
      claim,
      kind: claim ? "CLAIM" : "COMMENT",
      anchor: anchor
        ? {
            revisionId: "r",
            start: anchor.isOrphaned ? null : 1,
            end: anchor.isOrphaned ? null : 2,
            sectionAnchor: anchor.section,
            strategy: anchor.isOrphaned ? "ORPHANED" : "ORIGINAL",
            isOrphaned: anchor.isOrphaned ?? false,
          }
        : null,
    } as AnnotationItem;
  }

  it("counts open and under-review claims per section, and nothing else", () => {
    const counts = countOpenDisputesBySection([
      item("a", { id: "c1", status: "OPEN" }, { section: "attacks" }),
      item("b", { id: "c2", status: "UNDER_REVIEW" }, { section: "attacks" }),
      item("c", { id: "c3", status: "CONTESTED" }, { section: "attacks" }),
      item("d", { id: "c4", status: "ACCEPTED" }, { section: "aftermath" }),
      item("e", { id: "c5", status: "REJECTED" }, { section: "aftermath" }),
      item("f", null, { section: "aftermath" }),
      item("g", { id: "c6", status: "OPEN" }, { section: "domestic-criticism" }),
    ]);
    assert.deepEqual(counts, { attacks: 2, "domestic-criticism": 1 });
  });

  it("leaves orphaned claims out and counts claims in the lead under the lead's key", () => {
    const counts = countOpenDisputesBySection([
      item("a", { id: "c1", status: "OPEN" }, { section: "attacks", isOrphaned: true }),
      item("b", { id: "c2", status: "OPEN" }, null),
      item("c", { id: "c3", status: "OPEN" }, { section: null }),
    ]);
    assert.deepEqual(Object.keys(counts), [LEAD_SECTION]);
    assert.equal(counts[LEAD_SECTION], 1);
  });
});
