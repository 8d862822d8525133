/**
 * Unit tests of the accounts domain's pure rules: ORCID iDs, e-mail normalisation, profile fields
 * and the registration mode.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";

import { getRegistrationMode } from "./registration-mode";
import { emailSchema, isValidOrcid, updateProfileSchema } from "./schemas";

describe("isValidOrcid", () => {
  const cases: [orcid: string, expected: boolean][] = [
    ["0000-0002-1825-0097", true],
    ["0000-0001-5109-3700", true],
    ["0000-0002-1694-233X", true],
    ["0000-0002-1825-0098", false], // wrong check digit
    ["0000-0002-1694-2330", false], // X expected, 0 given
    ["0000-0002-1694-233x", false], // lower-case x (the schema upper-cases first)
    ["0000000218250097", false], // no hyphens
    ["0000-0002-1825-009", false], // one digit short
    ["0000-0002-1825-00977", false], // one digit too many
    ["https://orcid.org/0000-0002-1825-0097", false], // the URL (the schema strips it first)
    ["", false],
  ];
  for (const [orcid, expected] of cases) {
    it(`${expected ? "accepts" : "refuses"} "${orcid}"`, () => {
      assert.equal(isValidOrcid(orcid), expected);
    });
  }
});

describe("updateProfileSchema", () => {
  const cases: [name: string, input: Record<string, unknown>, expected: Record<string, unknown>][] =
    [
      [
        "keeps a valid ORCID iD",
        { orcid: "0000-0002-1825-0097" },
        { orcid: "0000-0002-1825-0097" },
      ],
      [
        "strips the ORCID URL and upper-cases x",
        { orcid: " https://orcid.org/0000-0002-1694-233x " },
        { orcid: "0000-0002-1694-233X" },
      ],
      ["clears the ORCID iD on an empty string", { orcid: "" }, { orcid: null }],
      ["clears the ORCID iD on null", { orcid: null }, { orcid: null }],
      ["clears the affiliation on blanks", { affiliation: "  " }, { affiliation: null }],
      ["trims the name", { name: "  Ada  " }, { name: "Ada" }],
      ["leaves out fields that were left out", {}, {}],
    ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.deepEqual(updateProfileSchema.parse(input), expected);
    });
  }

  it("refuses an ORCID iD with a wrong checksum, naming the field", () => {
    const result = updateProfileSchema.safeParse({ orcid: "0000-0002-1825-0098" });
    assert.match(result.error?.issues[0]?.message ?? "", /^orcid: /);
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases an address", () => {
    assert.equal(emailSchema.parse("  Ada.Lovelace@Example.ORG "), "ada.lovelace@example.org");
  });
});

describe("getRegistrationMode", () => {
  afterEach(() => {
    delete process.env.REGISTRATION_MODE;
  });

  const cases: [value: string | undefined, expected: string][] = [
    [undefined, "open"],
    ["", "open"],
    ["open", "open"],
    ["invite", "invite"],
    [" Closed ", "closed"],
  ];
  for (const [value, expected] of cases) {
    it(`reads ${JSON.stringify(value)} as ${expected}`, () => {
      if (value === undefined) {
        delete process.env.REGISTRATION_MODE;
      } else {
        process.env.REGISTRATION_MODE = value;
      }
      assert.equal(getRegistrationMode(), expected);
    });
  }

  it("throws a clear message for anything else", () => {
    process.env.REGISTRATION_MODE = "invitation";
    assert.throws(
      () => getRegistrationMode(),
      /REGISTRATION_MODE must be "open", "invite" or "closed" \(got "invitation"\)/,
    );
  });
});
