/**
 * Which account an OAuth sign-in may open: GitHub only by an address GitHub verified, ORCID not at
 * all while nothing proves who owns a typed ORCID iD.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { decideOAuthLink, selectVerifiedGitHubEmail } from "./oauth-link";

describe("selectVerifiedGitHubEmail", () => {
  const cases: [name: string, emails: unknown, expected: string | null][] = [
    [
      "takes the verified primary address, lower-cased",
      [
        { email: "Other@Example.test", primary: false, verified: true },
        { email: "Me@Example.test", primary: true, verified: true },
      ],
      "me@example.test",
    ],
    [
      "passes over an unverified primary for a verified one",
      [
        { email: "victim@example.test", primary: true, verified: false },
        { email: "me@example.test", primary: false, verified: true },
      ],
      "me@example.test",
    ],
    [
      "refuses when GitHub verified no address",
      [
        { email: "victim@example.test", primary: true, verified: false },
        { email: "other@example.test", primary: false, verified: false },
      ],
      null,
    ],
    ["refuses an empty list", [], null],
    [
      "refuses an entry without a verified flag",
      [{ email: "a@example.test", primary: true }],
      null,
    ],
    ["refuses an error body", { message: "Bad credentials" }, null],
    ["refuses no body at all", null, null],
    [
      "skips a blank verified address",
      [
        { email: " ", primary: true, verified: true },
        { email: "me@example.test", primary: false, verified: true },
      ],
      "me@example.test",
    ],
  ];
  for (const [name, emails, expected] of cases) {
    it(name, () => {
      assert.equal(selectVerifiedGitHubEmail(emails), expected);
    });
  }
});

describe("decideOAuthLink", () => {
  it("links GitHub by the verified address, normalised", () => {
    assert.deepEqual(decideOAuthLink("github", { email: " Me@Example.test " }), {
      kind: "email",
      email: "me@example.test",
    });
  });

  it("refuses GitHub without a verified address", () => {
    for (const email of [null, undefined, "", "  "]) {
      assert.deepEqual(decideOAuthLink("github", { email }), {
        kind: "refuse",
        reason: "no-verified-email",
      });
    }
  });

  it("refuses ORCID even when the profile carries an e-mail, since a typed iD proves nothing", () => {
    assert.deepEqual(decideOAuthLink("orcid", { email: "me@example.test" }), {
      kind: "refuse",
      reason: "orcid-unverified",
    });
    assert.deepEqual(decideOAuthLink("orcid", { email: null }), {
      kind: "refuse",
      reason: "orcid-unverified",
    });
  });

  it("refuses a provider it does not know", () => {
    assert.deepEqual(decideOAuthLink("gitlab", { email: "me@example.test" }), {
      kind: "refuse",
      reason: "unknown-provider",
    });
  });
});
