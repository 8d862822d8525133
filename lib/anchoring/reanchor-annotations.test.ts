import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  reanchorAnnotations,
  type AnnotationAnchor,
  type ReanchorResult,
} from "@/lib/anchoring/reanchor-annotations";
import { loadSeedArticleText } from "@/lib/anchoring/seed-article.fixture";
import { describeTextRange } from "@/lib/anchoring/selectors";

const seedText = loadSeedArticleText();

const BBC_RADIO = "Massoud even said it was by BBC radio that he learned about the operation";
const SALANG_FAILURE =
  "it has been stated Massoud was tasked with closing the Salang Pass, which he failed to do";
const INSERTED_SENTENCE = "Contemporary accounts of these events differ considerably. ";

/** Offset of the first `phrase` in `text` at or after `from`; throws if there is none. */
function find(text: string, phrase: string, from = 0): number {
  const at = text.indexOf(phrase, from);
  if (at === -1) {
    throw new Error(`"${phrase}" is not in the text`);
  }
  return at;
}

/** An annotation on the first `phrase` of the seed text at or after `from`. */
function annotate(id: string, phrase: string, from = 0): AnnotationAnchor {
  const start = find(seedText, phrase, from);
  return { id, ...describeTextRange(seedText, start, start + phrase.length) };
}

/** `text` with the first `find` replaced. */
function replace(text: string, search: string, replacement: string): string {
  const at = find(text, search);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

/** Where `passage` is in `text` (first occurrence at or after `from`), as an anchored result. */
function anchoredAt(
  text: string,
  passage: string,
  strategy: "position" | "quote" | "fuzzy",
  from = 0,
): ReanchorResult {
  const start = find(text, passage, from);
  return { status: "anchored", start, end: start + passage.length, strategy };
}

/** One annotation per sentence of the paragraph holding `phrase`: neighbours for the batch. */
function annotateSentencesAround(phrase: string, idPrefix: string): AnnotationAnchor[] {
  const at = find(seedText, phrase);
  const start = seedText.lastIndexOf("\n", at) + 1;
  const end = find(seedText, "\n", at);
  const annotations: AnnotationAnchor[] = [];
  let sentenceStart = start;
  for (const match of seedText.slice(start, end).matchAll(/[.!?]["”)]?(?: |$)/gu)) {
    const sentenceEnd = start + (match.index ?? 0) + match[0].trimEnd().length;
    annotations.push({
      id: `${idPrefix}-${annotations.length}`,
      ...describeTextRange(seedText, sentenceStart, sentenceEnd),
    });
    sentenceStart = start + (match.index ?? 0) + match[0].length;
  }
  return annotations;
}

describe("reanchorAnnotations", () => {
  it("places every annotation by its position when the text is unchanged", () => {
    const annotations = [
      annotate("bbc", BBC_RADIO),
      annotate("failure", SALANG_FAILURE),
      annotate("first-jalalabad", "Jalalabad"),
      annotate("pashto", "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه"),
    ];
    const results = reanchorAnnotations(seedText, annotations);
    for (const annotation of annotations) {
      assert.deepEqual(results.get(annotation.id), {
        status: "anchored",
        start: annotation.position.start,
        end: annotation.position.end,
        strategy: "position",
      });
    }
  });

  it("returns a result for every annotation, orphans included", () => {
    const jalalabad = annotate("empty", "Jalalabad");
    const annotations = [
      annotate("bbc", BBC_RADIO),
      annotate("failure", SALANG_FAILURE),
      { ...jalalabad, quote: { ...jalalabad.quote, exact: "" } },
    ];
    const newText = replace(seedText, `${BBC_RADIO}. `, "");
    const results = reanchorAnnotations(newText, annotations);
    assert.deepEqual([...results.keys()].sort(), ["bbc", "empty", "failure"]);
    assert.deepEqual(results.get("bbc"), { status: "orphaned" });
    assert.deepEqual(results.get("empty"), { status: "orphaned" });
    assert.deepEqual(results.get("failure"), anchoredAt(newText, SALANG_FAILURE, "quote"));
  });

  it("resolves overlapping and nested annotations independently", () => {
    const sentence = find(seedText, "In 1989, Massoud arrested");
    const annotations = [
      annotate(
        "sentence",
        "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha, whom he accused",
      ),
      annotate("nested", "executed one of Hekmatyar's local officers", sentence),
      annotate("innermost", "local", sentence),
      annotate("overlapping", "Badakhshan Province. In 1989, Massoud"),
    ];
    const newText = replace(
      replace(seedText, "Mujahideen groups, some", `${INSERTED_SENTENCE}Mujahideen groups, some`),
      "Hekmatyar's local officers",
      "Hekmatyar's regional officers",
    );
    const results = reanchorAnnotations(newText, annotations);
    assert.deepEqual(
      results.get("sentence"),
      anchoredAt(
        newText,
        "In 1989, Massoud arrested and executed one of Hekmatyar's regional officers, Jamal Agha, whom he accused",
        "fuzzy",
      ),
    );
    assert.deepEqual(
      results.get("nested"),
      anchoredAt(newText, "executed one of Hekmatyar's regional officers", "fuzzy"),
    );
    assert.deepEqual(results.get("innermost"), { status: "orphaned" });
    assert.deepEqual(
      results.get("overlapping"),
      anchoredAt(newText, "Badakhshan Province. In 1989, Massoud", "quote"),
    );
  });

  it("follows a moved paragraph, edited passages and repeated words included", () => {
    const paragraphStart = find(seedText, "The Jalalabad operation was seen");
    const paragraphEnd = find(seedText, "\n", paragraphStart) + 1;
    const paragraph = seedText.slice(paragraphStart, paragraphEnd);
    const annotations = [
      annotate("bbc", BBC_RADIO),
      annotate("failure", SALANG_FAILURE),
      annotate("jalalabad-in-moved", "Jalalabad.", find(seedText, "attack on Jalalabad")),
      ...annotateSentencesAround("Badakhshan Province", "neighbour"),
    ];
    const bibliography = find(seedText, "Bibliography");
    const moved =
      seedText.slice(0, paragraphStart) +
      seedText.slice(paragraphEnd, bibliography) +
      paragraph.replace("closing the Salang Pass", "closing the Salang pass") +
      seedText.slice(bibliography);
    const results = reanchorAnnotations(moved, annotations);
    const newStart = find(moved, "The Jalalabad operation was seen");
    assert.deepEqual(results.get("bbc"), anchoredAt(moved, BBC_RADIO, "quote"));
    assert.deepEqual(
      results.get("failure"),
      anchoredAt(moved, SALANG_FAILURE.replace("Salang Pass", "Salang pass"), "fuzzy"),
    );
    assert.deepEqual(
      results.get("jalalabad-in-moved"),
      anchoredAt(moved, "Jalalabad.", "quote", find(moved, "attack on Jalalabad")),
    );
    const jalalabad = results.get("jalalabad-in-moved");
    assert.ok(jalalabad?.status === "anchored" && jalalabad.start > newStart);
  });

  it("uses placed neighbours to vouch for a short quote whose context changed on both sides", () => {
    const target = annotate("jamal-agha", "Jamal Agha");
    const newText = replace(
      seedText,
      "local officers, Jamal Agha, whom he accused",
      "local officers, the commander Jamal Agha (Jamal Khan), whom he accused",
    );
    // Alone, the name has nothing to go on: both sides of its context changed and it moved.
    assert.deepEqual(reanchorAnnotations(newText, [target]).get("jamal-agha"), {
      status: "orphaned",
    });
    // With its unchanged neighbours placed, it must lie between them.
    const results = reanchorAnnotations(newText, [
      target,
      annotate("before", "Hekmatyar's local officers"),
      annotate("after", "whom he accused of having murdered"),
    ]);
    assert.deepEqual(results.get("jamal-agha"), anchoredAt(newText, "Jamal Agha", "quote"));
  });
});
