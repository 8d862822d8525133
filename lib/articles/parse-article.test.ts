import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { decodeArticleFile } from "@/lib/articles/decode-article-file";
import {
  parseArticle,
  type ParsedArticle,
  type ParsedBibliographyEntry,
  type ParsedBlock,
  type ParsedInfoboxField,
} from "@/lib/articles/parse-article";
import { isAppError } from "@/lib/errors";

const SEED_PATH = new URL("../../seed/articles/afghan-civil-war-1989-1992.txt", import.meta.url);

/** Parse a body under the title line `= T =` (so body lines start at line 2). */
function parseBody(...lines: string[]): ParsedArticle {
  return parseArticle(["= T =", ...lines].join("\n"));
}

describe("parseArticle: title", () => {
  const cases: { name: string; source: string; title: string; slug: string }[] = [
    {
      name: "reads the title from the first line",
      source: "= Afghan Civil War (1989–1992) =\nBody",
      title: "Afghan Civil War (1989–1992)",
      slug: "afghan-civil-war-1989-1992",
    },
    {
      name: "skips blank lines before the title",
      source: "\n  \n= My Title =\nBody",
      title: "My Title",
      slug: "my-title",
    },
    {
      name: "accepts marks without inner spaces",
      source: "=Tight=",
      title: "Tight",
      slug: "tight",
    },
    {
      name: "tolerates whitespace after the closing mark",
      source: "= Spaced =  \t\nBody",
      title: "Spaced",
      slug: "spaced",
    },
    {
      name: "falls back to 'article' for a title without letters or digits",
      source: "= *** =",
      title: "***",
      slug: "article",
    },
    {
      name: "keeps a Pashto title and slugs it in its own script",
      source: "= د افغانستان کورنۍ جګړه =",
      title: "د افغانستان کورنۍ جګړه",
      slug: "د-افغانستان-کورنۍ-جګړه",
    },
  ];
  for (const { name, source, title, slug } of cases) {
    it(name, () => {
      const parsed = parseArticle(source);
      assert.equal(parsed.title, title);
      assert.equal(parsed.slug, slug);
    });
  }

  const rejected: { name: string; source: string; line: number }[] = [
    { name: "rejects an empty source", source: "", line: 1 },
    { name: "rejects a source of blank lines", source: "\n \n", line: 1 },
    { name: "rejects a first line that is body text", source: "Some text\n= Title =", line: 1 },
    {
      name: "rejects a first line that is a section heading",
      source: "== Heading ==\nText",
      line: 1,
    },
    { name: "rejects an unclosed title", source: "= Title\nText", line: 1 },
    { name: "rejects a title closed with two marks", source: "= Title ==\nText", line: 1 },
    { name: "rejects title marks with no text", source: "= =\nText", line: 1 },
    {
      name: "reports the line of the first non-blank line",
      source: "\n\nBody\n= Title =",
      line: 3,
    },
  ];
  for (const { name, source, line } of rejected) {
    it(name, () => {
      assert.throws(
        () => parseArticle(source),
        (error: unknown) =>
          isAppError(error) &&
          error.code === "INVALID_INPUT" &&
          error.message === "no title line (= Title =) found" &&
          error.details?.line === line,
      );
    });
  }
});

describe("parseArticle: headings", () => {
  const cases: {
    name: string;
    line: string;
    level: 2 | 3 | 4 | 5 | 6;
    text: string;
    anchor: string;
  }[] = [
    {
      name: "reads == X == as level 2",
      line: "== Level two ==",
      level: 2,
      text: "Level two",
      anchor: "level-two",
    },
    {
      name: "reads === X === as level 3",
      line: "=== Level three ===",
      level: 3,
      text: "Level three",
      anchor: "level-three",
    },
    {
      name: "reads ==== X ==== as level 4",
      line: "==== Level four ====",
      level: 4,
      text: "Level four",
      anchor: "level-four",
    },
    {
      name: "reads ===== X ===== as level 5",
      line: "===== Level five =====",
      level: 5,
      text: "Level five",
      anchor: "level-five",
    },
    {
      name: "reads ====== X ====== as level 6",
      line: "====== Level six ======",
      level: 6,
      text: "Level six",
      anchor: "level-six",
    },
    {
      name: "accepts marks without inner spaces",
      line: "===Tight===",
      level: 3,
      text: "Tight",
      anchor: "tight",
    },
    {
      name: "tolerates whitespace after the closing marks",
      line: "== Spaced ==  ",
      level: 2,
      text: "Spaced",
      anchor: "spaced",
    },
    {
      name: "keeps '=' inside the heading text",
      line: "== a = b ==",
      level: 2,
      text: "a = b",
      anchor: "a-b",
    },
    {
      name: "keeps a heading of punctuation and anchors it as 'section'",
      line: "== *** ==",
      level: 2,
      text: "***",
      anchor: "section",
    },
  ];
  for (const { name, line, level, text, anchor } of cases) {
    it(name, () => {
      const parsed = parseBody(line);
      assert.deepEqual(parsed.blocks, [{ type: "heading", level, text, anchor, line: 2 }]);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  const keptAsParagraphs: { name: string; line: string; warning: RegExp }[] = [
    {
      name: "keeps an unclosed heading as a paragraph",
      line: "== Unclosed",
      warning: /^line 2: .*not closed; kept as a paragraph$/,
    },
    {
      name: "keeps a heading with mismatched marks as a paragraph",
      line: "== Mismatched ===",
      warning: /^line 2: .*opens with 2 "=" but closes with 3; kept as a paragraph$/,
    },
    {
      name: "keeps a heading with seven marks as a paragraph",
      line: "======= Seven =======",
      warning: /^line 2: .*7 "="; the deepest level is 6; kept as a paragraph$/,
    },
    {
      name: "keeps a line of marks only as a paragraph",
      line: "====",
      warning: /^line 2: .*no text; kept as a paragraph$/,
    },
    {
      name: "keeps a second title line as a paragraph",
      line: "= Second title =",
      warning: /^line 2: a second title line "= Second title ="; kept as a paragraph$/,
    },
  ];
  for (const { name, line, warning } of keptAsParagraphs) {
    it(name, () => {
      const parsed = parseBody(line);
      assert.deepEqual(parsed.blocks, [{ type: "paragraph", text: line, line: 2 }]);
      assert.equal(parsed.warnings.length, 1);
      assert.match(parsed.warnings[0] ?? "", warning);
    });
  }

  it("reads a line starting with a single '=' and no closing mark as plain text, without a warning", () => {
    const parsed = parseBody("=SUM(A1) is a formula");
    assert.deepEqual(parsed.blocks, [
      { type: "paragraph", text: "=SUM(A1) is a formula", line: 2 },
    ]);
    assert.deepEqual(parsed.warnings, []);
  });

  it("shortens a long offending line in the warning", () => {
    const parsed = parseBody(`== ${"x".repeat(200)}`);
    assert.ok((parsed.warnings[0] ?? "").length < 150);
    assert.match(parsed.warnings[0] ?? "", /…"/);
  });

  const anchorCases: { name: string; headings: string[]; anchors: string[] }[] = [
    {
      name: "gives repeated headings -2, -3 suffixes",
      headings: ["== Aftermath ==", "=== Aftermath ===", "== Aftermath =="],
      anchors: ["aftermath", "aftermath-2", "aftermath-3"],
    },
    {
      name: "never collides with a later heading literally named 'Aftermath 2'",
      headings: ["== Aftermath ==", "== Aftermath ==", "== Aftermath 2 =="],
      anchors: ["aftermath", "aftermath-3", "aftermath-2"],
    },
    {
      name: "numbers headings without letters or digits as 'section'",
      headings: ["== * ==", "== — =="],
      anchors: ["section", "section-2"],
    },
  ];
  for (const { name, headings, anchors } of anchorCases) {
    it(name, () => {
      const parsed = parseBody(...headings);
      assert.deepEqual(
        parsed.blocks.map((block) => (block.type === "heading" ? block.anchor : null)),
        anchors,
      );
    });
  }
});

describe("parseArticle: infobox", () => {
  const cases: {
    name: string;
    body: string[];
    infobox: ParsedInfoboxField[];
    blocks?: ParsedBlock[];
    warnings?: RegExp[];
  }[] = [
    {
      name: "reads fields up to the first ': ' and keeps the rest of the value",
      body: [
        "Infobox",
        "- Conflict: First Afghan Civil War",
        "- Strength1: Presidential Guard: 10,000 (1989)",
      ],
      infobox: [
        { key: "Conflict", value: "First Afghan Civil War", line: 3 },
        { key: "Strength1", value: "Presidential Guard: 10,000 (1989)", line: 4 },
      ],
      blocks: [],
    },
    {
      name: "reads a trailing ':' as an empty value",
      body: ["Infobox", "- Casualties2:"],
      infobox: [{ key: "Casualties2", value: "", line: 3 }],
    },
    {
      name: "reads ': ' with nothing after it as an empty value",
      body: ["Infobox", "- Casualties2: "],
      infobox: [{ key: "Casualties2", value: "", line: 3 }],
    },
    {
      name: "keeps a value exactly as written, wiki leftovers and double spaces included",
      body: ["Infobox", "- Combatant2: * Ittehad-e Islami,  * 20px <hr> BarakzaiKIA "],
      infobox: [
        { key: "Combatant2", value: "* Ittehad-e Islami,  * 20px <hr> BarakzaiKIA ", line: 3 },
      ],
    },
    {
      name: "keeps a colon-less line as a field with an empty key and a warning",
      body: ["Infobox", "- Afghanistan (with some spillover)"],
      infobox: [{ key: "", value: "Afghanistan (with some spillover)", line: 3 }],
      warnings: [/^line 3: infobox line .* has no "Key: " separator; kept with an empty key$/],
    },
    {
      name: "reads a colon without a following space as colon-less",
      body: ["Infobox", "- https://example.org"],
      infobox: [{ key: "", value: "https://example.org", line: 3 }],
      warnings: [/^line 3: /],
    },
    {
      name: "keeps an empty '- ' line as an empty field with a warning",
      body: ["Infobox", "- "],
      infobox: [{ key: "", value: "", line: 3 }],
      warnings: [/^line 3: /],
    },
    {
      name: "ends at a blank line: later '- ' lines are a list",
      body: ["Infobox", "- A: 1", "", "- b"],
      infobox: [{ key: "A", value: "1", line: 3 }],
      blocks: [{ type: "list", items: [{ text: "b", line: 5 }], isBibliography: false }],
    },
    {
      name: "ends at a line without the '- ' prefix",
      body: ["Infobox", "- A: 1", "Lead paragraph.", "- b"],
      infobox: [{ key: "A", value: "1", line: 3 }],
      blocks: [
        { type: "paragraph", text: "Lead paragraph.", line: 4 },
        { type: "list", items: [{ text: "b", line: 5 }], isBibliography: false },
      ],
    },
    {
      name: "may follow a lead paragraph",
      body: ["Lead.", "Infobox", "- A: 1"],
      infobox: [{ key: "A", value: "1", line: 4 }],
      blocks: [{ type: "paragraph", text: "Lead.", line: 2 }],
    },
    {
      name: "keeps an Infobox line after the first heading as a paragraph, its items as a list",
      body: ["== H ==", "Infobox", "- A: 1"],
      infobox: [],
      blocks: [
        { type: "heading", level: 2, text: "H", anchor: "h", line: 2 },
        { type: "paragraph", text: "Infobox", line: 3 },
        { type: "list", items: [{ text: "A: 1", line: 4 }], isBibliography: false },
      ],
      warnings: [/^line 3: an Infobox line after the first heading; kept as a paragraph$/],
    },
    {
      name: "keeps a second Infobox line as a paragraph",
      body: ["Infobox", "- A: 1", "Infobox", "- B: 2"],
      infobox: [{ key: "A", value: "1", line: 3 }],
      blocks: [
        { type: "paragraph", text: "Infobox", line: 4 },
        { type: "list", items: [{ text: "B: 2", line: 5 }], isBibliography: false },
      ],
      warnings: [/^line 4: a second Infobox line; kept as a paragraph$/],
    },
    {
      name: "keeps an Infobox line with no fields as a paragraph",
      body: ["Infobox", "", "Text"],
      infobox: [],
      blocks: [
        { type: "paragraph", text: "Infobox", line: 2 },
        { type: "paragraph", text: "Text", line: 4 },
      ],
      warnings: [/^line 2: an Infobox line with no "- Key: Value" lines; kept as a paragraph$/],
    },
  ];
  for (const { name, body, infobox, blocks, warnings = [] } of cases) {
    it(name, () => {
      const parsed = parseBody(...body);
      assert.deepEqual(parsed.infobox, infobox);
      if (blocks !== undefined) {
        assert.deepEqual(parsed.blocks, blocks);
      }
      assert.equal(parsed.warnings.length, warnings.length, parsed.warnings.join("\n"));
      warnings.forEach((pattern, index) => assert.match(parsed.warnings[index] ?? "", pattern));
    });
  }
});

describe("parseArticle: paragraphs and lists", () => {
  const cases: { name: string; body: string[]; blocks: ParsedBlock[] }[] = [
    {
      name: "makes every line its own paragraph, even without blank lines between them",
      body: ["First line.", "Second line.", "", "Third line."],
      blocks: [
        { type: "paragraph", text: "First line.", line: 2 },
        { type: "paragraph", text: "Second line.", line: 3 },
        { type: "paragraph", text: "Third line.", line: 5 },
      ],
    },
    {
      name: "keeps leading and trailing spaces and double spaces inside a line",
      body: ["  indented  and  spaced  "],
      blocks: [{ type: "paragraph", text: "  indented  and  spaced  ", line: 2 }],
    },
    {
      name: "keeps HTML-looking text as plain text",
      body: ["<hr>", "<script>alert(1)</script>", "a <b>bold</b> &amp; claim"],
      blocks: [
        { type: "paragraph", text: "<hr>", line: 2 },
        { type: "paragraph", text: "<script>alert(1)</script>", line: 3 },
        { type: "paragraph", text: "a <b>bold</b> &amp; claim", line: 4 },
      ],
    },
    {
      name: "keeps '* ' lines as paragraphs, not list items",
      body: ["* Tajikistan"],
      blocks: [{ type: "paragraph", text: "* Tajikistan", line: 2 }],
    },
    {
      name: "joins consecutive '- ' lines into one list",
      body: ["- one", "- two", "- three"],
      blocks: [
        {
          type: "list",
          items: [
            { text: "one", line: 2 },
            { text: "two", line: 3 },
            { text: "three", line: 4 },
          ],
          isBibliography: false,
        },
      ],
    },
    {
      name: "splits lists at a blank line",
      body: ["- one", "", "- two"],
      blocks: [
        { type: "list", items: [{ text: "one", line: 2 }], isBibliography: false },
        { type: "list", items: [{ text: "two", line: 4 }], isBibliography: false },
      ],
    },
    {
      name: "splits lists at a paragraph line",
      body: ["- one", "Between.", "- two"],
      blocks: [
        { type: "list", items: [{ text: "one", line: 2 }], isBibliography: false },
        { type: "paragraph", text: "Between.", line: 3 },
        { type: "list", items: [{ text: "two", line: 4 }], isBibliography: false },
      ],
    },
    {
      name: "starts a list right after a paragraph line",
      body: ["Intro.", "- one"],
      blocks: [
        { type: "paragraph", text: "Intro.", line: 2 },
        { type: "list", items: [{ text: "one", line: 3 }], isBibliography: false },
      ],
    },
    {
      name: "reads '-' without a space, and an indented '- ', as paragraphs",
      body: ["-1 degrees", " - indented"],
      blocks: [
        { type: "paragraph", text: "-1 degrees", line: 2 },
        { type: "paragraph", text: " - indented", line: 3 },
      ],
    },
    {
      name: "keeps an empty '- ' item",
      body: ["- "],
      blocks: [{ type: "list", items: [{ text: "", line: 2 }], isBibliography: false }],
    },
  ];
  for (const { name, body, blocks } of cases) {
    it(name, () => {
      const parsed = parseBody(...body);
      assert.deepEqual(parsed.blocks, blocks);
      assert.deepEqual(parsed.warnings, []);
    });
  }
});

describe("parseArticle: label lines", () => {
  const cases: { name: string; line: string; isLabel: boolean }[] = [
    {
      name: "reads a short line ending in ':' as a label",
      line: "99th Missile Brigade:",
      isLabel: true,
    },
    { name: "reads a label with a colon inside it", line: "Note: casualties:", isLabel: true },
    { name: "reads a Pashto label", line: "د افغانستان جګړه:", isLabel: true },
    { name: "reads a label followed by trailing spaces", line: "Casualties:  ", isLabel: true },
    { name: "reads an 80-character line as a label", line: `${"a".repeat(79)}:`, isLabel: true },
    {
      name: "keeps an 81-character line as a paragraph",
      line: `${"a".repeat(80)}:`,
      isLabel: false,
    },
    {
      name: "keeps a sentence with a full stop as a paragraph",
      line: "The U.S. declared:",
      isLabel: false,
    },
    { name: "keeps a question as a paragraph", line: "Who won?:", isLabel: false },
    { name: "keeps an exclamation as a paragraph", line: "Listen!:", isLabel: false },
    { name: "keeps an Arabic question as a paragraph", line: "چا وګټله؟:", isLabel: false },
    {
      name: "keeps a colon that is not at the end as a paragraph",
      line: "Result: victory",
      isLabel: false,
    },
    { name: "keeps a bare colon as a paragraph", line: ":", isLabel: false },
    {
      name: "keeps a long sentence ending in ':' as a paragraph",
      line: "Ahmad Shah Massoud for the sake of Afghan unity declared the following to his men:",
      isLabel: false,
    },
  ];
  for (const { name, line, isLabel } of cases) {
    it(name, () => {
      const parsed = parseBody(line);
      assert.deepEqual(parsed.blocks, [
        { type: isLabel ? "label" : "paragraph", text: line, line: 2 },
      ]);
    });
  }
});

describe("parseArticle: bibliography", () => {
  const entries: {
    name: string;
    item: string;
    expected: Omit<ParsedBibliographyEntry, "raw" | "line">;
    isWarned?: boolean;
  }[] = [
    {
      name: "strips only the separator dot after an initial",
      item: 'Goodson, Larry P.. "Afghanistan\'s endless war: state failure"',
      expected: {
        author: "Goodson, Larry P.",
        title: "Afghanistan's endless war: state failure",
        year: null,
      },
    },
    {
      name: "reads an author without an initial",
      item: 'Gutman, Roy. "How we missed the story"',
      expected: { author: "Gutman, Roy", title: "How we missed the story", year: null },
    },
    {
      name: "reads a year in parentheses",
      item: 'Saikal, Amin. "Modern Afghanistan" (2004)',
      expected: { author: "Saikal, Amin", title: "Modern Afghanistan", year: 2004 },
    },
    {
      name: "reads a year after a dot",
      item: 'Saikal, Amin. "Modern Afghanistan". 2004.',
      expected: { author: "Saikal, Amin", title: "Modern Afghanistan", year: 2004 },
    },
    {
      name: "reads a year after a comma",
      item: 'Saikal, Amin. "Modern Afghanistan", 2004',
      expected: { author: "Saikal, Amin", title: "Modern Afghanistan", year: 2004 },
    },
    {
      name: "accepts a dot after the closing quote without a year",
      item: 'Saikal, Amin. "Modern Afghanistan".',
      expected: { author: "Saikal, Amin", title: "Modern Afghanistan", year: null },
    },
    {
      name: "accepts curly quotes",
      item: "Kaplan, Robert D.. “Soldiers of God”",
      expected: { author: "Kaplan, Robert D.", title: "Soldiers of God", year: null },
    },
    {
      name: "keeps quotes inside the title",
      item: 'Roy, Olivier. "The "Great" Game"',
      expected: { author: "Roy, Olivier", title: 'The "Great" Game', year: null },
    },
    {
      name: "keeps text without 'Author. \"Title\"' as raw with a warning",
      item: "Some pamphlet without a title",
      expected: { author: null, title: null, year: null },
      isWarned: true,
    },
    {
      name: "keeps an entry without the separator dot as raw",
      item: 'Saikal, Amin "Modern Afghanistan"',
      expected: { author: null, title: null, year: null },
      isWarned: true,
    },
    {
      name: "keeps an entry with a publisher after the title as raw",
      item: 'Saikal, Amin. "Modern Afghanistan". I.B. Tauris, 2004.',
      expected: { author: null, title: null, year: null },
      isWarned: true,
    },
    {
      name: "keeps an entry with a three-digit year as raw",
      item: 'Saikal, Amin. "Modern Afghanistan" (204)',
      expected: { author: null, title: null, year: null },
      isWarned: true,
    },
  ];
  for (const { name, item, expected, isWarned = false } of entries) {
    it(name, () => {
      const parsed = parseBody("== Bibliography ==", `- ${item}`);
      assert.deepEqual(parsed.bibliography, [{ raw: item, ...expected, line: 3 }]);
      assert.deepEqual(parsed.blocks[1], {
        type: "list",
        items: [{ text: item, line: 3 }],
        isBibliography: true,
      });
      assert.equal(parsed.warnings.length, isWarned ? 1 : 0);
      if (isWarned) {
        assert.match(parsed.warnings[0] ?? "", /^line 3: bibliography entry .*; kept as written$/);
      }
    });
  }

  const sections: {
    name: string;
    body: string[];
    bibliographyLists: boolean[];
    entryCount: number;
  }[] = [
    {
      name: "flags only lists inside the Bibliography section",
      body: ["- before", "== Bibliography ==", '- A. "B"', "== Notes ==", "- after"],
      bibliographyLists: [false, true, false],
      entryCount: 1,
    },
    {
      name: "matches the heading case-insensitively at any level",
      body: ["== Sources ==", "=== BIBLIOGRAPHY ===", '- A. "B"'],
      bibliographyLists: [true],
      entryCount: 1,
    },
    {
      name: "includes subsections of the Bibliography section",
      body: ["== Bibliography ==", "=== Books ===", '- A. "B"', "=== Articles ===", '- C. "D"'],
      bibliographyLists: [true, true],
      entryCount: 2,
    },
    {
      name: "ends at a heading of a higher level",
      body: ["== Sources ==", "=== Bibliography ===", '- A. "B"', "== Later ==", "- x"],
      bibliographyLists: [true, false],
      entryCount: 1,
    },
    {
      name: "does not read paragraphs in the section as entries",
      body: ["== Bibliography ==", "Further reading follows.", '- A. "B"'],
      bibliographyLists: [true],
      entryCount: 1,
    },
    {
      name: "does not flag a heading that only contains the word",
      body: ["== Bibliography and notes ==", '- A. "B"'],
      bibliographyLists: [false],
      entryCount: 0,
    },
  ];
  for (const { name, body, bibliographyLists, entryCount } of sections) {
    it(name, () => {
      const parsed = parseBody(...body);
      assert.deepEqual(
        parsed.blocks.flatMap((block) => (block.type === "list" ? [block.isBibliography] : [])),
        bibliographyLists,
      );
      assert.equal(parsed.bibliography.length, entryCount);
    });
  }
});

describe("parseArticle: line endings and encoding", () => {
  const lfSource = "= Title =\n\nInfobox\n- Key: Value\n\n== Section ==\nله ۱۹۸۹ څخه\n- item\n";
  const variants: { name: string; source: string }[] = [
    { name: "reads CRLF line endings like LF", source: lfSource.replaceAll("\n", "\r\n") },
    { name: "reads lone CR line endings like LF", source: lfSource.replaceAll("\n", "\r") },
    { name: "ignores a leading byte-order mark", source: `\uFEFF${lfSource}` },
    { name: "reads BOM plus CRLF like LF", source: `\uFEFF${lfSource.replaceAll("\n", "\r\n")}` },
  ];
  for (const { name, source } of variants) {
    it(name, () => {
      assert.deepEqual(parseArticle(source), parseArticle(lfSource));
    });
  }

  it("keeps Pashto text byte-exact", () => {
    const line = "The war (Pashto: له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه) began.";
    const parsed = parseBody(line);
    const block = parsed.blocks[0];
    assert.equal(block?.type === "paragraph" ? block.text : null, line);
    assert.deepEqual(
      new TextEncoder().encode(block?.type === "paragraph" ? block.text : ""),
      new TextEncoder().encode(line),
    );
  });
});

describe("parseArticle: the seed article", () => {
  const parsed = parseArticle(decodeArticleFile(readFileSync(SEED_PATH)));
  const headings = parsed.blocks.flatMap((block) => (block.type === "heading" ? [block] : []));

  it("reads the title and slug", () => {
    assert.equal(parsed.title, "Afghan Civil War (1989–1992)");
    assert.equal(parsed.slug, "afghan-civil-war-1989-1992");
  });

  it("reads 13 infobox fields", () => {
    assert.equal(parsed.infobox.length, 13);
    assert.deepEqual(parsed.infobox[0], {
      key: "Conflict",
      value: "First Afghan Civil War",
      line: 4,
    });
    assert.deepEqual(parsed.infobox[12], {
      key: "Casualties1",
      value: "14,864 killed (per UCDP)",
      line: 16,
    });
  });

  it("reads 26 headings below the title, with unique anchors", () => {
    assert.equal(headings.length, 26);
    assert.equal(new Set(headings.map((heading) => heading.anchor)).size, 26);
    assert.deepEqual(
      headings
        .filter((heading) => heading.text === "Aftermath")
        .map(({ level, anchor }) => ({ level, anchor })),
      [
        { level: 3, anchor: "aftermath" },
        { level: 2, anchor: "aftermath-2" },
      ],
    );
    assert.deepEqual([...new Set(headings.map((heading) => heading.level))].sort(), [2, 3, 4]);
  });

  it("reads 5 bibliography entries, all with author and title", () => {
    assert.equal(parsed.bibliography.length, 5);
    assert.ok(parsed.bibliography.every((entry) => entry.author !== null && entry.title !== null));
    assert.deepEqual(parsed.bibliography[0], {
      raw: 'Goodson, Larry P.. "Afghanistan\'s endless war: state failure, regional politics, and the rise of the Taliban"',
      author: "Goodson, Larry P.",
      title:
        "Afghanistan's endless war: state failure, regional politics, and the rise of the Taliban",
      year: null,
      line: 158,
    });
  });

  it("keeps the Pashto phrase in the lead paragraph", () => {
    const lead = parsed.blocks[0];
    assert.equal(lead?.type, "paragraph");
    assert.ok(
      lead?.type === "paragraph" &&
        lead.text.includes("له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه"),
    );
  });

  it("reads the one label line", () => {
    assert.deepEqual(
      parsed.blocks.filter((block) => block.type === "label"),
      [{ type: "label", text: "99th Missile Brigade:", line: 52 }],
    );
  });

  it("keeps consecutive lines as separate paragraphs", () => {
    const texts = parsed.blocks.flatMap((block) =>
      block.type === "paragraph" ? [block.text] : [],
    );
    assert.ok(
      texts.some((text) => text.startsWith("In spite of a UN General Assembly resolution")),
    );
    assert.ok(texts.some((text) => text.startsWith("The new Soviet leader Mikhail Gorbachev")));
  });

  it("parses without warnings", () => {
    assert.deepEqual(parsed.warnings, []);
  });
});

describe("the article parsing modules stay free of React, Prisma and browser globals", () => {
  const files = [
    "build-article-doc.ts",
    "decode-article-file.ts",
    "derive-sections.ts",
    "parse-article.ts",
    "slugify.ts",
  ];
  for (const file of files) {
    it(`keeps ${file} importable anywhere`, () => {
      const source = readFileSync(new URL(file, import.meta.url), "utf8");
      const imports = [...source.matchAll(/(?:from|import)\s+"([^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(
        imports.filter((name) =>
          /^(react|react-dom|@tiptap\/react|@prisma\/|server-only|@\/lib\/db)/.test(name ?? ""),
        ),
        [],
      );
      assert.doesNotMatch(source, /\bwindow\b/);
    });
  }
});
