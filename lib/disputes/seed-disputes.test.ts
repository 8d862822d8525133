/**
 * Integration test of the worked demo disputes (seed/demo-disputes.ts) on a fresh database of its
 * own: seeded through the disputes use cases with a real timeline, and seeded once however often
 * seeding runs.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { projectRoot, setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let seedDatabase: typeof import("@/seed/seed-database").seedDatabase;
let seedDemoDisputes: typeof import("@/seed/demo-disputes").seedDemoDisputes;
let findClaimPage: typeof import("./find-claim-page").findClaimPage;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ seedDatabase } = await import("@/seed/seed-database"));
  ({ seedDemoDisputes } = await import("@/seed/demo-disputes"));
  ({ findClaimPage } = await import("./find-claim-page"));
});

after(tearDownTestDatabase);

/** Row counts of everything the disputes seed writes. */
async function countRows(): Promise<Record<string, number>> {
  return {
    sources: await prisma.source.count(),
    accounts: await prisma.claimAccount.count(),
    evidence: await prisma.evidence.count(),
    replies: await prisma.reply.count(),
    events: await prisma.auditEvent.count({ where: { subjectType: "Claim" } }),
  };
}

/** The claim page of a demo annotation's claim, as an anonymous reader sees it. */
async function demoClaimPage(key: string) {
  const annotation = await prisma.annotation.findFirstOrThrow({
    where: { sourceIri: `urn:apparatus:demo:${key}` },
    select: { claim: { select: { id: true } }, article: { select: { slug: true } } },
  });
  assert.ok(annotation.claim);
  return findClaimPage(null, { slug: annotation.article.slug, claimId: annotation.claim.id });
}

describe("seedDemoDisputes", () => {
  it("seeds both disputes once, however often seeding runs", async () => {
    const first = await seedDatabase({ projectRoot, withDemoAccounts: true });
    assert.deepEqual(first.seededDisputes, ["jamal-agha-disputed", "bbc-radio-contradicted"]);
    const counts = await countRows();
    const second = await seedDatabase({ projectRoot, withDemoAccounts: true });
    assert.deepEqual(second.seededDisputes, []);
    assert.deepEqual(await seedDemoDisputes(), []);
    assert.deepEqual(await countRows(), counts);
    for (const key of ["coll2004ghost", "tomsen2011wars", "yousaf1992bear", "halim2013"]) {
      assert.ok(await prisma.source.findUnique({ where: { key } }), `source ${key} exists`);
    }
  });

  it("works the Jamal Agha dispute: two accounts with evidence, four replies, under review", async () => {
    const page = await demoClaimPage("jamal-agha-disputed");
    assert.equal(page.claim.title, "Why Massoud had Jamal Agha executed");
    assert.equal(page.claim.status, "UNDER_REVIEW");
    assert.deepEqual(
      page.accounts.map((account) => [
        account.title,
        account.evidence.map((item) => [item.relation, item.source?.key ?? item.passage?.exact]),
      ]),
      [
        [
          "Massoud's account: Jamal Agha murdered four Jamiat commanders",
          [
            ["SUPPORTS", "yousaf1992bear"],
            [
              "SUPPORTS",
              "The Pakistani coordinator, Mohammed Yousaf, does not challenge Massoud's version of Jamal story despite Pakistan's hostility towards Massoud",
            ],
            ["CONTEXTUALISES", "coll2004ghost"],
          ],
        ],
        [
          "Hezb-e Islami account: Massoud killed the commanders and framed Jamal",
          [
            ["SUPPORTS", "halim2013"],
            ["CONTRADICTS", "this version of the story is uncorroborated"],
          ],
        ],
      ],
    );
    assert.equal(page.accounts[0]?.evidence[0]?.locator, null, "the seed invents no page numbers");
    assert.equal(page.replies.length, 4);
    assert.deepEqual(
      page.replies.map((reply) => reply.stance),
      ["SUPPORTS", "QUESTION", "NEUTRAL", "OPPOSES"],
    );
    assert.equal(page.replies[2]?.inReplyToId, page.replies[1]?.id);
    assert.deepEqual(
      page.replies[0]?.mentions.map((person) => person.name),
      ["Mona Moderator"],
    );
    assert.equal(page.replies[3]?.evidence.length, 1);
    assert.deepEqual(page.accounts[0]?.stanceCounts, { supports: 1, opposes: 0 });
    assert.deepEqual(page.accounts[1]?.stanceCounts, { supports: 0, opposes: 1 });
    assert.equal(page.timeline[0]?.summary, "Anwar Annotator flagged the passage as disputed");
    assert.equal(page.timeline.at(-1)?.summary, "Mona Moderator put the claim under review");
  });

  it("works the Salang Pass dispute to contested, with its rationale on the timeline", async () => {
    const page = await demoClaimPage("bbc-radio-contradicted");
    assert.equal(page.claim.status, "CONTESTED");
    assert.match(page.claim.statusRationale ?? "", /^No consensus/);
    assert.deepEqual(
      page.accounts.map((account) => [account.title, account.evidence.length]),
      [
        ["Tasked with closing the Salang Pass, Massoud failed to", 3],
        ["Massoud learned of the operation from BBC radio", 3],
      ],
    );
    assert.equal(page.replies.length, 4);
    const statuses = page.timeline.filter((entry) => entry.action === "claim.status");
    assert.deepEqual(
      statuses.map((entry) => [entry.fromStatus, entry.toStatus]),
      [
        ["OPEN", "UNDER_REVIEW"],
        ["UNDER_REVIEW", "CONTESTED"],
      ],
    );
    assert.equal(statuses[1]?.summary, "Mona Moderator resolved the claim as Contested");
    assert.match(statuses[1]?.rationale ?? "", /^No consensus/);
  });
});
