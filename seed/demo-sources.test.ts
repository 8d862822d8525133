/**
 * Integration test of the demo source library against a real PostgreSQL database of its own:
 * bibliography records are enriched (not duplicated), the sources the article names get their
 * fixed keys and assessments, and a second run changes nothing.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { projectRoot, setUpTestDatabase, tearDownTestDatabase } from "./test-database";

let prisma: typeof import("@/lib/db").prisma;
let seedDatabase: typeof import("./seed-database").seedDatabase;
let seedDemoSources: typeof import("./demo-sources").seedDemoSources;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ seedDatabase } = await import("./seed-database"));
  ({ seedDemoSources } = await import("./demo-sources"));
});

after(tearDownTestDatabase);

describe("seedDemoSources", () => {
  it("enriches the bibliography's sources and adds the ones the text names, with assessments", async () => {
    const report = await seedDatabase({ projectRoot, withDemoAccounts: true });
    assert.deepEqual(report.seededSources.sort(), [
      "barfield2010afghanistan",
      "coll2004ghost",
      "goodson2001endless",
      "gutman2008missed",
      "halim2013",
      "kaplan1990soldiers",
      "saikal2004modern",
      "tomsen2011wars",
      "ucdp",
      "yousaf1992bear",
    ]);
    const gutman = await prisma.source.findUniqueOrThrow({
      where: { key: "gutman2008missed" },
      include: { bibliographyEntries: true, assessments: true },
    });
    assert.equal(gutman.bibliographyEntries.length, 1, "the bibliography's record got the key");
    assert.equal(gutman.year, 2008);
    assert.equal(gutman.assessments.length, 2);
    assert.equal(await prisma.source.count({ where: { authorKey: "gutman" } }), 1);
    assert.equal(await prisma.bibliographyEntry.count({ where: { sourceId: null } }), 0);
    const halim = await prisma.source.findUniqueOrThrow({ where: { key: "halim2013" } });
    assert.equal(halim.category, "PRIMARY");
    assert.match(halim.title, /title is not given/);
    const coll = await prisma.source.findUniqueOrThrow({
      where: { key: "coll2004ghost" },
      include: { assessments: true },
    });
    assert.equal(coll.assessments.length, 3);
    assert.ok(coll.assessments.every((assessment) => assessment.rationale.length > 40));
  });

  it("changes nothing when run again", async () => {
    const before = await prisma.source.count();
    assert.deepEqual(await seedDemoSources(), []);
    assert.equal(await prisma.source.count(), before);
  });
});
