import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { assignHighlightDepths, type AnnotationHighlight } from "./annotation-highlights";

/** A highlight with only what depth assignment reads. */
function highlight(id: string, from: number, to: number): AnnotationHighlight {
  return { id, from, to, kind: "COMMENT", flag: null, status: null, isActive: false };
}

describe("assignHighlightDepths", () => {
  const cases: {
    name: string;
    highlights: AnnotationHighlight[];
    expected: Record<string, number>;
  }[] = [
    {
      name: "separate passages all sit at depth 0",
      highlights: [highlight("a", 1, 5), highlight("b", 6, 9), highlight("c", 9, 12)],
      expected: { a: 0, b: 0, c: 0 },
    },
    {
      name: "a passage inside another goes one deeper",
      highlights: [highlight("outer", 1, 20), highlight("inner", 5, 8)],
      expected: { outer: 0, inner: 1 },
    },
    {
      name: "the outer passage is 0 whichever order they come in",
      highlights: [highlight("inner", 5, 8), highlight("outer", 1, 20)],
      expected: { outer: 0, inner: 1 },
    },
    {
      name: "a chain of overlaps alternates and reuses freed depths",
      highlights: [highlight("a", 1, 10), highlight("b", 5, 15), highlight("c", 12, 20)],
      expected: { a: 0, b: 1, c: 0 },
    },
    {
      name: "three passages over one word take three depths",
      highlights: [highlight("a", 1, 10), highlight("b", 2, 9), highlight("c", 3, 8)],
      expected: { a: 0, b: 1, c: 2 },
    },
    {
      name: "the same range twice is told apart by id",
      highlights: [highlight("y", 4, 9), highlight("x", 4, 9)],
      expected: { x: 0, y: 1 },
    },
  ];
  for (const { name, highlights, expected } of cases) {
    it(name, () => {
      assert.deepEqual(Object.fromEntries(assignHighlightDepths(highlights)), expected);
    });
  }
});
