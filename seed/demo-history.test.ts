/**
 * Integration test of the demo history's times (seed/demo-history.ts) on a fresh database of its
 * own: the seeded accounts, article, library, annotations and disputes are dated in the weeks
 * before the seeding day, in the order of the story, with distinct times on each claim's timeline,
 * deterministically; seeding again changes no time.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { demoAnnotations } from "./demo-annotations";
import { DEMO_SCHEDULE, demoTime, startOfSeedingDay } from "./demo-history";
import { projectRoot, setUpTestDatabase, tearDownTestDatabase } from "./test-database";

let prisma: typeof import("@/lib/db").prisma;
let seedDatabase: typeof import("./seed-database").seedDatabase;
let findClaimPage: typeof import("@/lib/disputes/find-claim-page").findClaimPage;

/** The seeding day, as the seed reckons it. */
const day = startOfSeedingDay();

/** The oldest a demo time may be: well before the first account joined. */
const EARLIEST = new Date(day.getTime() - 60 * 24 * 60 * 60 * 1000);

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ seedDatabase } = await import("./seed-database"));
  ({ findClaimPage } = await import("@/lib/disputes/find-claim-page"));
  await seedDatabase({ projectRoot, withDemoAccounts: true });
});

after(tearDownTestDatabase);

/** The claim page of a demo annotation's claim, as an anonymous reader sees it. */
async function demoClaimPage(key: string) {
  const annotation = await prisma.annotation.findFirstOrThrow({
    where: { sourceIri: `urn:apparatus:demo:${key}` },
    select: { claim: { select: { id: true } }, article: { select: { slug: true } } },
  });
  assert.ok(annotation.claim);
  return findClaimPage(null, { slug: annotation.article.slug, claimId: annotation.claim.id });
}

/** The time a demo annotation was posted, from its schedule. */
function postedAt(key: string): Date {
  const demo = demoAnnotations.find((candidate) => candidate.key === key);
  assert.ok(demo, key);
  return demoTime(day, demo.posted);
}

/** Asserts that every time is in the demo period, before the seeding day began. */
function assertInDemoPast(times: Date[], label: string): void {
  for (const time of times) {
    assert.ok(time < day, `${label}: ${time.toISOString()} is before the seeding day`);
    assert.ok(time > EARLIEST, `${label}: ${time.toISOString()} is within the demo weeks`);
  }
}

/** Asserts strictly increasing times (so: distinct, and in the order given). */
function assertStrictlyIncreasing(times: Date[], label: string): void {
  for (let index = 1; index < times.length; index += 1) {
    assert.ok(
      (times[index - 1] as Date) < (times[index] as Date),
      `${label}: entry ${index} (${times[index]?.toISOString()}) follows entry ${index - 1}`,
    );
  }
}

describe("the demo history", () => {
  it("dates the Jamal Agha dispute in story order with distinct times, from its flag", async () => {
    const page = await demoClaimPage("jamal-agha-disputed");
    const times = page.timeline.map((entry) => entry.createdAt);
    assert.deepEqual(
      page.timeline.map((entry) => entry.action),
      [
        "annotation.create",
        "claim.title",
        "account.create",
        "evidence.create",
        "evidence.create",
        "evidence.create",
        "account.create",
        "evidence.create",
        "evidence.create",
        "reply.create",
        "reply.create",
        "reply.create",
        "reply.create",
        "evidence.create",
        "claim.status",
      ],
    );
    assertStrictlyIncreasing(times, "timeline");
    assertInDemoPast(times, "timeline");
    // The flag opens the story at its scheduled time; the dispute takes days, not minutes.
    assert.equal(times[0]?.getTime(), postedAt("jamal-agha-disputed").getTime());
    assert.equal(page.annotation.createdAt.getTime(), times[0]?.getTime());
    const span = (times.at(-1) as Date).getTime() - (times[0] as Date).getTime();
    assert.ok(span > 3 * 24 * 60 * 60 * 1000, "the dispute is argued over several days");
    // A reply and the evidence it cites were written together.
    assert.ok((times[13] as Date).getTime() - (times[12] as Date).getTime() < 60_000);

    // The thread, the accounts and the status show the same times as the timeline.
    const replyTimes = page.replies.map((reply) => reply.createdAt);
    assertStrictlyIncreasing(replyTimes, "replies");
    assert.deepEqual(
      replyTimes,
      page.timeline.filter((entry) => entry.action === "reply.create").map((e) => e.createdAt),
    );
    assert.deepEqual(
      page.accounts.map((account) => account.createdAt),
      page.timeline.filter((entry) => entry.action === "account.create").map((e) => e.createdAt),
    );
    assert.equal(page.claim.statusChangedAt?.getTime(), times.at(-1)?.getTime());
  });

  it("dates the Salang Pass dispute after its flag, the decision last", async () => {
    const page = await demoClaimPage("bbc-radio-contradicted");
    const times = page.timeline.map((entry) => entry.createdAt);
    assertStrictlyIncreasing(times, "timeline");
    assertInDemoPast(times, "timeline");
    assert.equal(times[0]?.getTime(), postedAt("bbc-radio-contradicted").getTime());
    assert.deepEqual(
      page.timeline.slice(-2).map((entry) => entry.toStatus),
      ["UNDER_REVIEW", "CONTESTED"],
    );
    assert.equal(page.claim.statusChangedAt?.getTime(), times.at(-1)?.getTime());
  });

  it("orders the whole story: accounts, the import, the library, then the annotations", async () => {
    const users = await prisma.user.findMany({ select: { createdAt: true } });
    const revision = await prisma.articleRevision.findFirstOrThrow({
      where: { number: 1 },
      select: { createdAt: true },
    });
    const assessments = await prisma.sourceAssessment.findMany({
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    const annotations = await prisma.annotation.findMany({
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, sourceIri: true },
    });
    const lastJoined = Math.max(...users.map((user) => user.createdAt.getTime()));
    assert.equal(
      revision.createdAt.getTime(),
      demoTime(day, DEMO_SCHEDULE.articleImported).getTime(),
    );
    assert.ok(lastJoined < revision.createdAt.getTime(), "the accounts predate the import");
    assert.ok((assessments[0] as { createdAt: Date }).createdAt > revision.createdAt);
    assert.ok(
      (assessments.at(-1) as { createdAt: Date }).createdAt <
        (annotations[0] as { createdAt: Date }).createdAt,
      "the library was assessed before the first passage was annotated",
    );
    assertInDemoPast(
      [...assessments, ...annotations].map((row) => row.createdAt),
      "assessments and annotations",
    );
    assert.equal(
      new Set(assessments.map((row) => row.createdAt.getTime())).size,
      assessments.length,
    );
    assert.deepEqual(
      annotations.map((row) => row.sourceIri),
      demoAnnotations.map((demo) => `urn:apparatus:demo:${demo.key}`),
    );
  });

  it("changes no time when seeding runs again", async () => {
    const snapshot = async () => ({
      events: await prisma.auditEvent.findMany({
        orderBy: { id: "asc" },
        select: { id: true, createdAt: true },
      }),
      replies: await prisma.reply.findMany({
        orderBy: { id: "asc" },
        select: { id: true, createdAt: true },
      }),
      annotations: await prisma.annotation.findMany({
        orderBy: { id: "asc" },
        select: { id: true, createdAt: true, updatedAt: true },
      }),
    });
    const before = await snapshot();
    await seedDatabase({ projectRoot, withDemoAccounts: true });
    assert.deepEqual(await snapshot(), before);
  });
});
