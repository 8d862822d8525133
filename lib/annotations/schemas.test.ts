/**
 * Unit tests of the annotation schemas: tag normalisation with its limits and near-misses, the
 * cross-field rules, and the field-naming errors of `parseAnnotationInput`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { normaliseTag, parseAnnotationInput, tagsSchema, updateAnnotationSchema } from "./schemas";

describe("normaliseTag", () => {
  const cases: [input: string, expected: string][] = [
    ["Source Critique", "source critique"],
    ["  padded  ", "padded"],
    ["many \t\n  spaces", "many spaces"],
    ["HEZB-E ISLAMI", "hezb-e islami"],
    ["جلال آباد", "جلال آباد"],
    ["Cafe\u0301", "café"],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => {
      assert.equal(normaliseTag(input), expected);
    });
  }
});

describe("tagsSchema", () => {
  it("accepts a tag of exactly 50 characters and refuses one of 51", () => {
    assert.deepEqual(tagsSchema.parse(["x".repeat(50)]), ["x".repeat(50)]);
    assert.equal(tagsSchema.safeParse(["x".repeat(51)]).success, false);
  });

  it("accepts 20 tags and refuses 21", () => {
    const tags = (count: number) => Array.from({ length: count }, (_, index) => `tag ${index}`);
    assert.equal(tagsSchema.parse(tags(20)).length, 20);
    assert.equal(tagsSchema.safeParse(tags(21)).success, false);
  });

  it("counts tags after merging duplicates", () => {
    const tags = Array.from({ length: 20 }, (_, index) => `tag ${index}`);
    const withDuplicates = [...tags, "TAG 1", " tag  2 ", "Tag 3"];
    assert.equal(tagsSchema.parse(withDuplicates).length, 20);
  });
});

describe("parseAnnotationInput", () => {
  const valid = {
    id: "0197a0c4-8a3b-7c2d-9e1f-0123456789ab",
    expectedVersion: 2,
    kind: "HIGHLIGHT",
  };

  it("returns the parsed input, with defaults and an empty body", () => {
    const parsed = parseAnnotationInput(updateAnnotationSchema, valid);
    assert.equal(parsed.visibility, "PUBLIC");
    assert.deepEqual(parsed.tags, []);
    assert.equal(parsed.body.text, "");
  });

  const refused: [name: string, input: Record<string, unknown>, message: RegExp][] = [
    ["a version of 0", { expectedVersion: 0 }, /^expectedVersion: versions start at 1/],
    ["a version that is not a number", { expectedVersion: "2" }, /^expectedVersion: /],
    ["a malformed id", { id: "42" }, /^id: not a valid annotation id/],
    ["a claim without a flag", { kind: "CLAIM" }, /^flag: choose a flag/],
    [
      "a private annotation with a group",
      { visibility: "PRIVATE", groupId: valid.id },
      /^groupId: only annotations visible to a group/,
    ],
    ["an empty question", { kind: "QUESTION" }, /^body: write something/],
  ];
  for (const [name, override, message] of refused) {
    it(`refuses ${name} with INVALID_INPUT naming the field`, () => {
      assert.throws(
        () => parseAnnotationInput(updateAnnotationSchema, { ...valid, ...override }),
        (error: Error & { code?: string; details?: { fields: unknown[] } }) => {
          assert.equal(error.code, "INVALID_INPUT");
          assert.match(error.message, message);
          assert.ok(Array.isArray(error.details?.fields));
          return true;
        },
      );
    });
  }
});
