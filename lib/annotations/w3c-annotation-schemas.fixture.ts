/**
 * The W3C Web Annotation Data Model test assertions (JSON Schema, draft-04) for tests: the MUST
 * lists for annotations, collections and pages, compiled with Ajv. The schemas live beside the
 * project in ../shared/standards (as in CI); where that folder is absent (a user's own clone) the
 * tests that use them skip with {@link W3C_SKIP_MESSAGE}.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import Ajv, { type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";

import { projectRoot } from "@/seed/test-database";

/** Where the W3C annotation-model assertions are. */
export const W3C_STANDARDS_DIR = path.join(
  projectRoot,
  "..",
  "shared",
  "standards",
  "w3c-annotation-model",
);

/** True when the assertions are there to check against. */
export const hasW3cStandards = existsSync(W3C_STANDARDS_DIR);

/** Why the W3C checks are skipped when they are. */
export const W3C_SKIP_MESSAGE = `skipped: the W3C annotation-model schemas are not at ${W3C_STANDARDS_DIR} (they live in ../shared/standards beside the project, as in CI)`;

/** One MUST assertion, compiled. */
export interface W3cAssertion {
  file: string;
  validate: ValidateFunction;
  expectedResult: string;
  errorMessage: string;
}

/** The MUST lists, by what they check. */
export const W3C_MUST_LISTS = {
  annotation: "annotations/annotationMusts.test",
  collection: "collections/collectionMusts.test",
  page: "collections/pages/pageMusts.test",
} as const;

/** Compiles the assertions that one W3C `.test` list names; [] when the schemas are absent. */
export function loadW3cAssertions(list: keyof typeof W3C_MUST_LISTS): W3cAssertion[] {
  if (!hasW3cStandards) {
    return [];
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(path.join(W3C_STANDARDS_DIR, "definitions"))) {
    ajv.addSchema(
      JSON.parse(readFileSync(path.join(W3C_STANDARDS_DIR, "definitions", file), "utf8")),
    );
  }
  const { assertions } = JSON.parse(
    readFileSync(path.join(W3C_STANDARDS_DIR, W3C_MUST_LISTS[list]), "utf8"),
  ) as { assertions: string[] };
  return assertions.map((file) => {
    const schema = JSON.parse(readFileSync(path.join(W3C_STANDARDS_DIR, file), "utf8")) as {
      expectedResult: string;
      errorMessage: string;
    };
    return {
      file,
      validate: ajv.compile(schema),
      expectedResult: schema.expectedResult,
      errorMessage: schema.errorMessage,
    };
  });
}

/** Asserts that `json` meets every assertion (and fails those expected to fail), naming misses. */
export function assertMeetsW3c(assertions: readonly W3cAssertion[], json: unknown): void {
  const failures: string[] = [];
  for (const assertion of assertions) {
    if (assertion.validate(json) !== (assertion.expectedResult === "valid")) {
      failures.push(`${assertion.file}: ${assertion.errorMessage}`);
    }
  }
  assert.deepEqual(failures, [], JSON.stringify(json, null, 2));
}
