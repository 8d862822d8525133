/**
 * Unit tests of the derived columns and citation keys: folding, DOI and ISBN normalisation, and
 * key generation with collisions, table-driven with near misses.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  baseCitationKey,
  deriveSourceColumns,
  deriveYear,
  foldText,
  generateCitationKey,
  normaliseDoi,
  normaliseIsbn,
} from "./derive-source-columns";
import type { CslItem } from "./schemas";

describe("foldText", () => {
  const cases: [string, string][] = [
    ["Ghost Wars: The Secret History", "ghost wars the secret history"],
    ["  Ghost   Wars!! ", "ghost wars"],
    ["Hekmatyār", "hekmatyar"],
    ["Ḥizb-i Islāmī", "hizb i islami"],
    ["ﬁnal", "final"],
    ["Afghanistan's endless war", "afghanistan s endless war"],
  ];
  for (const [input, expected] of cases) {
    it(`folds "${input}" to "${expected}"`, () => {
      assert.equal(foldText(input), expected);
    });
  }

  it("keeps near misses apart: one different letter is a different key", () => {
    assert.notEqual(foldText("Ghost Wars"), foldText("Ghost War"));
  });
});

describe("normaliseDoi", () => {
  const cases: [string | null, string | null][] = [
    ["10.1000/XYZ", "10.1000/xyz"],
    ["https://doi.org/10.1000/xyz", "10.1000/xyz"],
    ["http://dx.doi.org/10.1000/xyz", "10.1000/xyz"],
    ["doi:10.1000/xyz", "10.1000/xyz"],
    [" 10.1000/xyz ", "10.1000/xyz"],
    ["11.1000/xyz", null],
    ["", null],
    [null, null],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${JSON.stringify(input)} to ${JSON.stringify(expected)}`, () => {
      assert.equal(normaliseDoi(input), expected);
    });
  }
});

describe("normaliseIsbn", () => {
  const cases: [string, string | null][] = [
    ["978-1-59420-007-6", "9781594200076"],
    ["9781594200076", "9781594200076"],
    ["1-59420-007-6", "9781594200076"],
    ["ISBN 0-691-14568-7", "9780691145686"],
    ["0-8050-7340-X", "9780805073409"],
    ["978-1-59420-007-6 (hbk); 0-14-303466-9", "9781594200076"],
    ["978-1-59420-007-5", null],
    ["1-59420-007-5", null],
    ["12345", null],
  ];
  for (const [input, expected] of cases) {
    it(`normalises "${input}" to ${JSON.stringify(expected)}`, () => {
      assert.equal(normaliseIsbn(input), expected);
    });
  }
});

const coll: CslItem = {
  type: "book",
  title: "Ghost Wars: The Secret History of the CIA",
  author: [{ family: "Coll", given: "Steve" }],
  issued: { "date-parts": [[2004]] },
};

describe("deriveSourceColumns", () => {
  it("derives authors, year, folded keys, DOI and ISBN from a CSL item", () => {
    const columns = deriveSourceColumns({
      ...coll,
      author: [{ family: "Coll", given: "Steve" }, { literal: "The Washington Post" }],
      DOI: "https://doi.org/10.1000/ABC",
      ISBN: "1-59420-007-6",
    });
    assert.deepEqual(columns, {
      type: "book",
      title: "Ghost Wars: The Secret History of the CIA",
      authorsText: "Coll, Steve; The Washington Post",
      year: 2004,
      doi: "10.1000/abc",
      isbn: "9781594200076",
      titleKey: "ghost wars the secret history of the cia",
      authorKey: "coll",
    });
  });

  it("reads the year from raw or literal dates and gives null without one", () => {
    assert.equal(deriveYear({ type: "book", title: "x", issued: { raw: "1992-04-28" } }), 1992);
    assert.equal(
      deriveYear({ type: "book", title: "x", issued: { literal: "Spring 1990" } }),
      1990,
    );
    assert.equal(deriveYear({ type: "book", title: "x", issued: { literal: "n.d." } }), null);
    assert.equal(deriveYear({ type: "book", title: "x" }), null);
  });
});

describe("generateCitationKey", () => {
  const cases: [string, CslItem, string][] = [
    ["author, year and first significant title word", coll, "coll2004ghost"],
    [
      "skips leading articles",
      {
        ...coll,
        title: "The Wars of Afghanistan",
        author: [{ family: "Tomsen" }],
        issued: { "date-parts": [[2011]] },
      },
      "tomsen2011wars",
    ],
    [
      "folds diacritics and particles out of the family name",
      { type: "book", title: "Ölkrieg", author: [{ family: "Ḥalīm", given: "M." }] },
      "halimolkrieg",
    ],
    [
      "uses two title words without an author",
      { type: "dataset", title: "UCDP Georeferenced Event Dataset" },
      "ucdpgeoreferenced",
    ],
  ];
  for (const [name, item, expected] of cases) {
    it(`builds the key from ${name}`, () => {
      assert.equal(baseCitationKey(item), expected);
    });
  }

  it("appends a, b, … when the key is taken", () => {
    assert.equal(generateCitationKey(coll, new Set()), "coll2004ghost");
    assert.equal(generateCitationKey(coll, new Set(["coll2004ghost"])), "coll2004ghosta");
    assert.equal(
      generateCitationKey(coll, new Set(["coll2004ghost", "coll2004ghosta"])),
      "coll2004ghostb",
    );
  });

  it("does not treat a near miss as a collision", () => {
    assert.equal(
      generateCitationKey(coll, new Set(["coll2004ghosts", "coll2005ghost"])),
      "coll2004ghost",
    );
  });
});
