/**
 * Baselines: annotations saved on the seed article (lib/anchoring/baselines/*.json), re-anchored
 * against the article's current text on every run, as the Hypothesis client does with its HTML
 * baselines (`src/annotator/anchoring/test/html-baselines/index.js`).
 *
 * Every saved annotation must still anchor by its stored position, on the same quote. A failure
 * means the article, its parser or the text projection drifted, and every annotation stored in a
 * database would drift with it. If the change is intended, re-describe the saved ranges with
 * `describeTextRange` on the new text and review the diff of the JSON file.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { z } from "zod";

import { reanchorAnnotations } from "@/lib/anchoring/reanchor-annotations";
import { resolveAnchor } from "@/lib/anchoring/resolve-anchor";
import { loadSeedArticleText, SEED_ARTICLE_PATH } from "@/lib/anchoring/seed-article.fixture";
import {
  textAnchorSchema,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
} from "@/lib/anchoring/selectors";

/** The saved file: which article, and its annotations. */
const baselineFileSchema = z.object({
  /** Repository-relative path of the article the annotations were made on. */
  article: z.string(),
  /** What the file is for. */
  description: z.string(),
  annotations: z.array(
    z.object({
      /** Stable, descriptive id. */
      id: z.string().min(1),
      /** What the annotation covers and why it is in the set. */
      note: z.string(),
      quote: textQuoteSelectorSchema,
      position: textPositionSelectorSchema,
    }),
  ),
});

const baseline = baselineFileSchema.parse(
  JSON.parse(
    readFileSync(new URL("./baselines/afghan-civil-war.json", import.meta.url), "utf8"),
  ) as unknown,
);
const text = loadSeedArticleText();

/** Passages the set must keep, whatever else changes in it. */
const REQUIRED_PASSAGES = [
  "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha",
  "The plan was for Masoud's forces to close the Salang pass",
  "Massoud even said it was by BBC radio that he learned about the operation",
  "it has been stated Massoud was tasked with closing the Salang Pass, which he failed to do",
];

describe("anchoring baselines for the seed article", () => {
  it("are saved for the seed article", () => {
    assert.equal(baseline.article, SEED_ARTICLE_PATH);
    assert.ok(baseline.annotations.length >= 40, `${baseline.annotations.length} annotations`);
    assert.equal(
      new Set(baseline.annotations.map(({ id }) => id)).size,
      baseline.annotations.length,
    );
  });

  it("include the Jamal Agha execution and the Salang Pass passages", () => {
    const quotes = baseline.annotations.map(({ quote }) => quote.exact);
    for (const passage of REQUIRED_PASSAGES) {
      assert.ok(quotes.includes(passage), `missing: ${passage}`);
    }
  });

  for (const annotation of baseline.annotations) {
    it(`re-anchors "${annotation.id}" by position on the same quote`, () => {
      assert.equal(textAnchorSchema.safeParse(annotation).success, true, "valid selectors");
      const resolved = resolveAnchor(text, annotation);
      assert.deepEqual(resolved, {
        start: annotation.position.start,
        end: annotation.position.end,
        strategy: "position",
      });
      assert.equal(
        text.slice(annotation.position.start, annotation.position.end),
        annotation.quote.exact,
      );
    });
  }

  it("re-anchors all of them by position in one batch", () => {
    const results = reanchorAnnotations(text, baseline.annotations);
    for (const { id, position } of baseline.annotations) {
      assert.deepEqual(
        results.get(id),
        { status: "anchored", start: position.start, end: position.end, strategy: "position" },
        id,
      );
    }
  });
});
