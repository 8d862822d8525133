import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createUniqueAnchors, MAX_SLUG_LENGTH, slugify } from "@/lib/articles/slugify";

describe("slugify", () => {
  const cases: { name: string; text: string; expected: string }[] = [
    {
      name: "lowercases and joins words with single hyphens",
      text: "Afghan Civil War (1989–1992)",
      expected: "afghan-civil-war-1989-1992",
    },
    { name: "strips accents through NFKD", text: "Café Déjà Vu", expected: "cafe-deja-vu" },
    {
      name: "keeps Pashto letters and Eastern Arabic digits",
      text: "کورنۍ جګړه ۱۹۸۹",
      expected: "کورنۍ-جګړه-۱۹۸۹",
    },
    {
      name: "keeps Cyrillic letters whole",
      text: "Гражданская война",
      expected: "гражданская-война",
    },
    { name: "keeps vowel signs on Arabic letters", text: "كَتَبَ الكتاب", expected: "كَتَبَ-الكتاب" },
    { name: "strips accents only from Latin letters", text: "Ёж café", expected: "ёж-cafe" },
    { name: "keeps Han characters", text: "中文 标题", expected: "中文-标题" },
    { name: "folds ligatures and full-width digits", text: "ﬁle ２０２４", expected: "file-2024" },
    { name: "folds mathematical letters outside the BMP", text: "𝐀𝐁", expected: "ab" },
    {
      name: "collapses punctuation runs and trims hyphens at both ends",
      text: "--Hello,  World!--",
      expected: "hello-world",
    },
    { name: "drops emoji like punctuation", text: "War 🔥 Peace", expected: "war-peace" },
    {
      name: "turns slashes into hyphens",
      text: "PDPA/DRA government",
      expected: "pdpa-dra-government",
    },
    { name: "returns the fallback when only punctuation is left", text: "!!! ???", expected: "fb" },
    { name: "returns the fallback for empty text", text: "", expected: "fb" },
    {
      name: "cuts to 80 characters and drops the hyphen left at the cut",
      text: `${"a".repeat(79)} b c`,
      expected: "a".repeat(79),
    },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => {
      assert.equal(slugify(text, "fb"), expected);
    });
  }

  it("cuts by code points, never splitting a character outside the BMP", () => {
    const slug = slugify("𐌰".repeat(100), "fb");
    assert.equal(Array.from(slug).length, MAX_SLUG_LENGTH);
    assert.equal(slug, "𐌰".repeat(MAX_SLUG_LENGTH));
  });
});

describe("createUniqueAnchors", () => {
  const cases: { name: string; texts: string[]; expected: string[] }[] = [
    { name: "keeps distinct slugs as they are", texts: ["One", "Two"], expected: ["one", "two"] },
    {
      name: "numbers repeats from 2",
      texts: ["Aftermath", "Aftermath", "Aftermath"],
      expected: ["aftermath", "aftermath-2", "aftermath-3"],
    },
    {
      name: "never takes the natural slug of a later heading",
      texts: ["Aftermath", "Aftermath", "Aftermath 2"],
      expected: ["aftermath", "aftermath-3", "aftermath-2"],
    },
    {
      name: "never takes the natural slug of an earlier heading",
      texts: ["Aftermath 2", "Aftermath", "Aftermath"],
      expected: ["aftermath-2", "aftermath", "aftermath-3"],
    },
    {
      name: "treats headings that differ only in punctuation as repeats",
      texts: ["Result", "Result!", "result"],
      expected: ["result", "result-2", "result-3"],
    },
    {
      name: "uses the fallback for headings without letters or digits, numbered too",
      texts: ["***", "—"],
      expected: ["section", "section-2"],
    },
    { name: "returns nothing for no headings", texts: [], expected: [] },
  ];
  for (const { name, texts, expected } of cases) {
    it(name, () => {
      const anchors = createUniqueAnchors(texts, "section");
      assert.deepEqual(anchors, expected);
      assert.equal(new Set(anchors).size, anchors.length);
    });
  }
});
