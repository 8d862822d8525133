/**
 * Unit tests of BibTeX, RIS and CSL-JSON conversion through citation-js: per-entry errors with
 * their key and line, and round trips that keep every field both formats carry.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { formatCitations, parseCitations } from "./convert-citations";
import type { CslItem } from "./schemas";

/** A BibTeX file using every field that BibTeX and CSL-JSON both carry. */
const FULL_BIBTEX = `@book{coll2004ghost,
  author = {Coll, Steve and Hekmaty{\\={a}}r, Gulbuddin},
  editor = {Smith, Anne},
  title = {Ghost Wars: The Secret History of the CIA},
  publisher = {Penguin Press},
  address = {New York},
  year = {2004},
  isbn = {978-1-59420-007-6},
  doi = {10.1000/ghost},
  url = {https://example.org/ghost},
  note = {Pulitzer Prize 2005},
  edition = {2},
  series = {History},
}

@article{roe1999thing,
  author = {Roe, Richard},
  title = {The Jalalabad Offensive},
  journal = {Journal of Afghan Studies},
  volume = {3},
  number = {2},
  pages = {10--20},
  year = {1999},
  month = {mar},
}

@incollection{doe2001chapter,
  author = {Doe, Jane},
  editor = {Roe, Richard},
  title = {Kabul in 1992},
  booktitle = {Afghanistan at War},
  publisher = {Oxford University Press},
  address = {Oxford},
  pages = {45--67},
  year = {2001},
}
`;

/** The fields compared on round trips, for each item. */
function shared(item: CslItem): Record<string, unknown> {
  const { id: _id, "citation-key": _key, ...rest } = item;
  return rest;
}

describe("parseCitations", () => {
  it("reads BibTeX entries into CSL items with authors, editors, dates and containers", () => {
    const { items, errors } = parseCitations(FULL_BIBTEX, "bibtex");
    assert.deepEqual(errors, []);
    assert.equal(items.length, 3);
    const [book, article, chapter] = items;
    assert.equal(book?.type, "book");
    assert.deepEqual(book?.author?.[1], { family: "Hekmatyār", given: "Gulbuddin" });
    assert.deepEqual(book?.editor, [{ family: "Smith", given: "Anne" }]);
    assert.equal(book?.["publisher-place"], "New York");
    assert.equal(article?.type, "article-journal");
    assert.equal(article?.["container-title"], "Journal of Afghan Studies");
    assert.deepEqual(article?.issued, { "date-parts": [[1999, 3]] });
    assert.equal(article?.page, "10-20");
    assert.equal(chapter?.type, "chapter");
    assert.equal(chapter?.["container-title"], "Afghanistan at War");
  });

  it("reports a malformed BibTeX entry with its key and line and still reads the others", () => {
    const text = [
      "@book{good1, title = {Good One}, year = {2001}}",
      "",
      "@book{broken,",
      "  title = {Never closed,",
      "  year = {2000}",
      "}",
      "@mystery{odd, title = {Odd}}",
      "@book{good2, title = {Good Two}}",
    ].join("\n");
    const { items, errors } = parseCitations(text, "bibtex");
    assert.deepEqual(
      items.map((item) => item.title),
      ["Good One", "Good Two"],
    );
    assert.equal(errors.length, 2);
    assert.equal(errors[0]?.entry, "broken");
    assert.ok(errors[0] && errors[0].line >= 3 && errors[0].line <= 6, `line ${errors[0]?.line}`);
    assert.deepEqual({ entry: errors[1]?.entry, line: errors[1]?.line }, { entry: "odd", line: 7 });
    assert.match(errors[1]?.message ?? "", /unknown entry type "@mystery"/);
  });

  it("reports an entry without a title as an error of that entry", () => {
    const { items, errors } = parseCitations("@book{notitle, year = {2001}}", "bibtex");
    assert.equal(items.length, 0);
    assert.deepEqual(errors, [{ entry: "notitle", line: 1, message: "title: enter a title." }]);
  });

  it("reports malformed RIS entries with their line: stray text, unknown type, missing end", () => {
    const text = [
      "TY  - BOOK",
      "TI  - Good Book",
      "ER  - ",
      "",
      "TY  - BOOK",
      "this line is not RIS",
      "ER  - ",
      "TY  - ZZZZ",
      "TI  - Odd",
      "ER  - ",
      "TY  - JOUR",
      "TI  - Never ended",
    ].join("\n");
    const { items, errors } = parseCitations(text, "ris");
    assert.deepEqual(
      items.map((item) => item.title),
      ["Good Book"],
    );
    assert.deepEqual(
      errors.map(({ entry, line }) => ({ entry, line })),
      [
        { entry: "#2", line: 6 },
        { entry: "#3", line: 8 },
        { entry: "#4", line: 12 },
      ],
    );
    assert.match(errors[1]?.message ?? "", /unknown RIS type "ZZZZ"/);
  });

  it("refuses unknown CSL types in CSL-JSON, naming the allowed ones, and reads the rest", () => {
    const text =
      '[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b", "type": "scroll", "title": "B"}\n]';
    const { items, errors } = parseCitations(text, "csl-json");
    assert.deepEqual(
      items.map((item) => item.id),
      ["a"],
    );
    assert.equal(errors[0]?.entry, "b");
    assert.equal(errors[0]?.line, 3);
    assert.match(
      errors[0]?.message ?? "",
      /^type: "scroll" is not a CSL type; use one of article,/,
    );
  });

  it("reports invalid JSON with its line", () => {
    const { items, errors } = parseCitations('[\n  {"type": "book",\n  "title": }\n]', "csl-json");
    assert.equal(items.length, 0);
    assert.equal(errors[0]?.line, 3);
  });
});

describe("round trips", () => {
  it("keeps every shared field from BibTeX through CSL-JSON back to BibTeX", () => {
    const first = parseCitations(FULL_BIBTEX, "bibtex");
    const json = formatCitations(first.items, "csl-json");
    const fromJson = parseCitations(json, "csl-json");
    assert.deepEqual(fromJson.errors, []);
    const bibtex = formatCitations(fromJson.items, "bibtex");
    const again = parseCitations(bibtex, "bibtex");
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.items.map(shared), first.items.map(shared));
    assert.deepEqual(
      again.items.map((item) => item.id),
      ["coll2004ghost", "roe1999thing", "doe2001chapter"],
    );
    for (const field of [
      "author",
      "editor",
      "title",
      "issued",
      "publisher",
      "publisher-place",
      "container-title",
      "volume",
      "issue",
      "page",
      "DOI",
      "ISBN",
      "URL",
      "note",
    ]) {
      assert.ok(
        again.items.some((item) => item[field] !== undefined),
        `${field} survives the round trip`,
      );
    }
  });

  it("keeps every shared field from RIS through CSL back to RIS", () => {
    const ris = formatCitations(parseCitations(FULL_BIBTEX, "bibtex").items, "ris");
    const first = parseCitations(ris, "ris");
    assert.deepEqual(first.errors, []);
    const again = parseCitations(formatCitations(first.items, "ris"), "ris");
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.items, first.items);
    const book = first.items[0];
    assert.equal(book?.title, "Ghost Wars: The Secret History of the CIA");
    assert.equal(book?.publisher, "Penguin Press");
    assert.equal(book?.DOI, "10.1000/ghost");
    assert.equal(book?.ISBN, "978-1-59420-007-6");
    assert.deepEqual(book?.author?.[0], { family: "Coll", given: "Steve" });
  });

  it("writes the same text twice for the same items", () => {
    const { items } = parseCitations(FULL_BIBTEX, "bibtex");
    for (const format of ["bibtex", "ris", "csl-json"] as const) {
      assert.equal(formatCitations(items, format), formatCitations(items, format));
    }
  });
});
