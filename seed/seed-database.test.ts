/**
 * Integration tests of seeding against a real PostgreSQL database of their own: the seed article,
 * the demo accounts and the example annotations, created once however often seeding runs.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { demoAnnotations } from "./demo-annotations";
import { projectRoot, setUpTestDatabase, tearDownTestDatabase } from "./test-database";

let prisma: typeof import("@/lib/db").prisma;
let seedDatabase: typeof import("./seed-database").seedDatabase;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ seedDatabase } = await import("./seed-database"));
});

after(tearDownTestDatabase);

describe("seedDatabase", () => {
  it("creates no example annotations without the demo accounts", async () => {
    const report = await seedDatabase({ projectRoot, withDemoAccounts: false });
    assert.deepEqual(report.importedArticles, ["afghan-civil-war-1989-1992"]);
    assert.deepEqual(report.createdAnnotations, []);
    assert.equal(await prisma.annotation.count(), 0);
  });

  it("creates the example annotations with the demo accounts, once", async () => {
    const first = await seedDatabase({ projectRoot, withDemoAccounts: true });
    assert.deepEqual(
      first.createdAnnotations,
      demoAnnotations.map((annotation) => annotation.key),
    );
    const second = await seedDatabase({ projectRoot, withDemoAccounts: true });
    assert.deepEqual(second.createdAnnotations, []);
    assert.equal(await prisma.annotation.count(), demoAnnotations.length);
  });

  it("flags the Jamal Agha passage as disputed, by the annotator, with a claim under review", async () => {
    const claim = await prisma.annotation.findFirstOrThrow({
      where: { sourceIri: "urn:apparatus:demo:jamal-agha-disputed" },
      include: { author: true, claim: true, anchors: true },
    });
    assert.equal(claim.kind, "CLAIM");
    assert.equal(claim.flag, "DISPUTED");
    assert.equal(claim.author.email, "annotator@apparatus.test");
    // Opened by the flag, then put under review by the worked demo dispute (seed/demo-disputes.ts).
    assert.equal(claim.claim?.status, "UNDER_REVIEW");
    assert.match(claim.exact, /^In 1989, Massoud arrested and executed .* commandants$/);
    assert.equal(claim.anchors[0]?.strategy, "ORIGINAL");
  });

  it("seeds a comment, a contradicted claim, a question and a tagged highlight", async () => {
    const rows = await prisma.annotation.findMany({
      select: { kind: true, flag: true, tags: true, exact: true },
      orderBy: { start: "asc" },
    });
    assert.deepEqual(
      rows.map((row) => [row.kind, row.flag]),
      [
        ["CLAIM", "DISPUTED"],
        ["COMMENT", null],
        ["HIGHLIGHT", null],
        ["CLAIM", "CONTRADICTED"],
        ["QUESTION", null],
      ],
    );
    const highlight = rows.find((row) => row.kind === "HIGHLIGHT");
    assert.equal(highlight?.exact, "The plan was for Masoud's forces to close the Salang pass");
    assert.deepEqual(highlight?.tags, ["salang pass", "battle of jalalabad", "massoud"]);
  });
});
