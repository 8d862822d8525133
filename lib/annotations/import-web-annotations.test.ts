/**
 * Integration tests of the W3C Web Annotation import against a real PostgreSQL database of its
 * own, on the seed article: a Hypothesis-like collection (`__fixtures__/hypothesis-export.jsonld`)
 * placed by position, quote and fuzzy quote, with orphans and rejections reported; confirmation,
 * previews and refusals that write nothing; idempotency; and the round trip import → JSON-LD
 * export → import that changes nothing.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import { collectText } from "@/lib/export/formats/writer";
import { buildGroup, buildUser, readSeedArticle, toBytes, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { ImportReport } from "./import-web-annotations";

let prisma: typeof import("@/lib/db").prisma;
let importWebAnnotations: typeof import("./import-web-annotations").importWebAnnotations;
let loadEdition: typeof import("@/lib/export/load-edition").loadEdition;
let writeJsonLd: typeof import("@/lib/export/formats/jsonld").writeJsonLd;
let importRoute: typeof import("@/app/api/articles/[slug]/annotations/import/route");

let importer: BuiltUser;
let slug: string;

/** The Hypothesis-like export: 11 annotations on the seed article. */
const HYPOTHESIS_EXPORT = readFileSync(
  new URL("./__fixtures__/hypothesis-export.jsonld", import.meta.url),
  "utf8",
);

/** The fixture's items, by their index in the file. */
const FIXTURE_ITEMS = (
  JSON.parse(HYPOTHESIS_EXPORT) as { first: { items: Record<string, unknown>[] } }
).first.items;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ importWebAnnotations } = await import("./import-web-annotations"));
  ({ loadEdition } = await import("@/lib/export/load-edition"));
  ({ writeJsonLd } = await import("@/lib/export/formats/jsonld"));
  importRoute = await import("@/app/api/articles/[slug]/annotations/import/route");
  const { importArticle } = await import("@/lib/articles/import-article");
  importer = await buildUser(prisma, { role: "ANNOTATOR", name: "Imogen Importer" });
  slug = (await importArticle(toBytes(readSeedArticle()))).slug;
});

after(tearDownTestDatabase);

/** Row counts of everything an import writes (and the replies it must never write). */
async function countRows() {
  return {
    annotations: await prisma.annotation.count(),
    replies: await prisma.reply.count(),
    anchors: await prisma.annotationAnchor.count(),
    claims: await prisma.claim.count(),
    events: await prisma.auditEvent.count(),
  };
}

/** The report's lists as index → outcome, to compare whole reports at a glance. */
function outcomes(report: ImportReport): Record<number, string> {
  const result: Record<number, string> = {};
  for (const item of report.placed) {
    result[item.index] = item.strategy;
  }
  for (const item of report.orphaned) {
    result[item.index] = "orphaned";
  }
  for (const item of report.rejected) {
    result[item.index] = "rejected";
  }
  for (const item of report.alreadyPresent) {
    result[item.index] = "already present";
  }
  return result;
}

/** The reason the report gives for rejecting item `index`. */
function reasonOf(report: ImportReport, index: number): string {
  return report.rejected.find((item) => item.index === index)?.reason ?? "";
}

describe("importWebAnnotations: refusals", () => {
  it("refuses a file that is not JSON, naming the parse error", async () => {
    await assert.rejects(importWebAnnotations(importer, { slug, json: "{ not json" }), {
      code: "INVALID_INPUT",
      message: /^The file is not JSON: /,
    });
  });

  it("refuses JSON that is not Web Annotations", async () => {
    await assert.rejects(
      importWebAnnotations(importer, { slug, json: JSON.stringify({ title: "A book" }) }),
      { code: "INVALID_INPUT", message: /not W3C Web Annotations/ },
    );
  });

  it("refuses a file over the 10 MB limit before parsing it", async () => {
    const json = `[${" ".repeat(10 * 1024 * 1024)}]`;
    await assert.rejects(importWebAnnotations(importer, { slug, json }), {
      code: "PAYLOAD_TOO_LARGE",
      message: /over the 10 MB limit/,
    });
  });

  it("refuses an unknown article", async () => {
    await assert.rejects(
      importWebAnnotations(importer, { slug: "no-such-article", json: HYPOTHESIS_EXPORT }),
      { code: "NOT_FOUND" },
    );
  });

  it("refuses readers and anonymous visitors before reading the file", async () => {
    const reader = await buildUser(prisma, { role: "READER" });
    await assert.rejects(importWebAnnotations(reader, { slug, json: "{" }), { code: "FORBIDDEN" });
    await assert.rejects(importWebAnnotations(null, { slug, json: "{" }), {
      code: "UNAUTHENTICATED",
    });
  });
});

describe("importWebAnnotations: a Hypothesis-like collection", () => {
  it("reports rejected items and writes nothing until the import is confirmed", async () => {
    const before = await countRows();
    const report = await importWebAnnotations(importer, { slug, json: HYPOTHESIS_EXPORT });
    assert.equal(report.status, "needs-confirmation");
    assert.equal(report.total, 11);
    assert.deepEqual(outcomes(report), {
      0: "POSITION",
      1: "QUOTE",
      2: "QUOTE",
      3: "FUZZY",
      4: "orphaned",
      5: "rejected",
      6: "rejected",
      7: "POSITION",
      8: "rejected",
      9: "POSITION",
      10: "POSITION",
    });
    assert.match(reasonOf(report, 5), /^no usable selector/);
    assert.match(reasonOf(report, 5), /replies are not imported as annotations/);
    assert.match(reasonOf(report, 6), /^no usable selector/);
    assert.match(reasonOf(report, 8), /HTML bodies are not accepted/);
    assert.ok(report.placed.every((item) => item.id === null));
    assert.deepEqual(await countRows(), before);
  });

  it("writes nothing for a preview, though nothing is rejected", async () => {
    const before = await countRows();
    const single = JSON.stringify({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      ...FIXTURE_ITEMS[0],
    });
    const report = await importWebAnnotations(importer, { slug, json: single, preview: true });
    assert.equal(report.status, "preview");
    assert.deepEqual(outcomes(report), { 0: "POSITION" });
    assert.deepEqual(await countRows(), before);
  });

  it("imports the usable items when confirmed, each placed, anchored and audited", async () => {
    const before = await countRows();
    const report = await importWebAnnotations(importer, {
      slug,
      json: HYPOTHESIS_EXPORT,
      confirm: true,
    });
    assert.equal(report.status, "imported");
    assert.equal(report.placed.length, 7);
    assert.equal(report.orphaned.length, 1);
    assert.equal(report.rejected.length, 3);
    const after = await countRows();
    assert.equal(after.annotations - before.annotations, 8);
    assert.equal(after.anchors - before.anchors, 8);
    assert.equal(after.claims - before.claims, 1, "the assessing annotation made a claim");
    assert.equal(after.events - before.events, 9, "one event per annotation and one for the file");

    const comment = await prisma.annotation.findUniqueOrThrow({
      where: {
        sourceIri_authorId: {
          sourceIri: "https://hypothes.is/a/hx-comment-1",
          authorId: importer.id,
        },
      },
      include: { anchors: true },
    });
    assert.equal(comment.authorId, importer.id);
    assert.equal(comment.kind, "COMMENT");
    assert.equal(
      comment.bodyText,
      "Coll (2004) dates this to July 1989; *which* source says otherwise?",
    );
    assert.deepEqual(comment.tags, ["source critique"]);
    assert.equal(comment.anchors[0]?.strategy, "POSITION");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: comment.id, action: "annotation.import" },
    });
    assert.deepEqual((event.data as { original: unknown }).original, {
      creator: { id: "acct:farida@hypothes.is", name: "farida" },
      created: "2024-03-01T10:00:00.000Z",
      modified: "2024-03-01T10:05:00.000Z",
    });

    const orphan = report.orphaned[0];
    assert.ok(orphan?.id);
    const orphanRow = await prisma.annotation.findUniqueOrThrow({
      where: { id: orphan.id },
      include: { anchors: true },
    });
    assert.equal(orphanRow.anchors[0]?.strategy, "ORPHANED");
    assert.equal(orphanRow.anchors[0]?.start, null);
    assert.match(orphanRow.exact, /^A paragraph about the 1991 ceasefire talks/);

    const script = await prisma.annotation.findUniqueOrThrow({
      where: {
        sourceIri_authorId: {
          sourceIri: "https://hypothes.is/a/hx-script-10",
          authorId: importer.id,
        },
      },
    });
    assert.equal(script.bodyText, "Stays text: <script>alert(1)</script> & <hr>");
  });

  it("imports nothing twice: the same file again is all already present", async () => {
    const before = await countRows();
    const report = await importWebAnnotations(importer, {
      slug,
      json: HYPOTHESIS_EXPORT,
      confirm: true,
    });
    assert.equal(report.status, "unchanged");
    assert.equal(report.alreadyPresent.length, 8);
    assert.equal(report.rejected.length, 3);
    assert.deepEqual(await countRows(), before);
  });

  it("names items without an id by their content, so they too are imported once", async () => {
    const { id: _id, ...anonymous } = FIXTURE_ITEMS[9] ?? {};
    void _id;
    const json = JSON.stringify([{ ...anonymous, bodyValue: undefined }]);
    const first = await importWebAnnotations(importer, { slug, json });
    assert.equal(first.status, "imported");
    assert.match(first.placed[0]?.sourceIri ?? "", /^urn:sha256:[0-9a-f]{64}$/);
    const second = await importWebAnnotations(importer, { slug, json });
    assert.equal(second.status, "unchanged");
    assert.equal(second.alreadyPresent[0]?.annotationId, first.placed[0]?.id);
  });

  it("rejects an annotation of another Apparatus article and duplicates inside one file", async () => {
    const other = {
      ...FIXTURE_ITEMS[0],
      id: "https://hypothes.is/a/hx-elsewhere",
      target: {
        source: "https://apparatus.example/articles/another-article",
        selector: (FIXTURE_ITEMS[0]?.target as { selector: unknown }).selector,
      },
    };
    const duplicate = { ...FIXTURE_ITEMS[0], id: "https://hypothes.is/a/hx-twice" };
    const report = await importWebAnnotations(importer, {
      slug,
      json: JSON.stringify([other, duplicate, duplicate]),
    });
    assert.equal(report.status, "needs-confirmation");
    assert.match(
      reasonOf(report, 0),
      /^wrong article: the target is the article "another-article"/,
    );
    assert.match(reasonOf(report, 2), /^duplicate: item 1 /);
  });

  it("rejects an empty quote, an overlong quote and a position ending before it starts", async () => {
    const source = "https://example.org/page";
    const items = [
      { type: "TextQuoteSelector", exact: "", prefix: "", suffix: "" },
      { type: "TextQuoteSelector", exact: "x".repeat(5001), prefix: "", suffix: "" },
      { type: "TextPositionSelector", start: 10, end: 10 },
    ].map((selector, index) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: `https://hypothes.is/a/hx-bad-selector-${index}`,
      type: "Annotation",
      motivation: "highlighting",
      target: { source, selector },
    }));
    const report = await importWebAnnotations(importer, { slug, json: JSON.stringify(items) });
    assert.equal(report.status, "needs-confirmation");
    assert.match(reasonOf(report, 0), /^target\.selector: the quote is empty/);
    assert.match(
      reasonOf(report, 1),
      /^target\.selector: the quote is longer than 5000 characters/,
    );
    assert.match(reasonOf(report, 2), /^target\.selector: end must be greater than start/);
  });
});

describe("importWebAnnotations: what the report names", () => {
  /** An item of the fixture's shape with an id of its own. */
  function itemWith(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { "@context": "http://www.w3.org/ns/anno.jsonld", ...FIXTURE_ITEMS[0], id, ...extra };
  }

  /** Imports `item` as `user`, confirmed, and returns the new annotation's id. */
  async function importAs(user: BuiltUser, item: Record<string, unknown>): Promise<string> {
    const report = await importWebAnnotations(user, {
      slug,
      json: JSON.stringify(item),
      confirm: true,
    });
    const id = report.placed[0]?.id ?? report.orphaned[0]?.id;
    assert.ok(id, JSON.stringify(report));
    return id;
  }

  /** Each item of `file` as `user` sees it in a preview: its outcome and the ids it names. */
  async function previewAs(user: BuiltUser, file: string) {
    const report = await importWebAnnotations(user, { slug, json: file, preview: true });
    assert.equal(report.rejected.length, 0, JSON.stringify(report.rejected));
    const present = new Map(report.alreadyPresent.map((item) => [item.index, item]));
    return Array.from({ length: report.total }, (_, index) => {
      const item = present.get(index);
      return item ? [item.annotationId, item.replyId] : "new";
    });
  }

  it("writes nothing for a group its importer was removed from while the file was read", async () => {
    const leaver = await buildUser(prisma, { role: "ANNOTATOR" });
    const group = await buildGroup(prisma, { members: [leaver] });
    const item = itemWith("https://elsewhere.example/notes/leaving-1", {
      "apparatus:visibility": "group",
      "apparatus:group": group.id,
    });
    let importing: Promise<unknown> | undefined;
    // The removal holds the group's row, as removing a member does, while the import reads the
    // file (its early check passes), then waits for the row inside its write.
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${group.id}::uuid FOR UPDATE`;
      importing = importWebAnnotations(leaver, { slug, json: JSON.stringify(item), confirm: true });
      importing.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tx.groupMembership.deleteMany({ where: { groupId: group.id, userId: leaver.id } });
    });
    await assert.rejects(importing ?? Promise.resolve(), {
      code: "FORBIDDEN",
      message: /^groupId: you are not a member of this group/,
    });
    assert.equal(await prisma.annotation.count({ where: { groupId: group.id } }), 0);
  });

  it("counts an IRI as present only when the importer may read its annotation, naming only those", async () => {
    const owner = await buildUser(prisma, { role: "ANNOTATOR" });
    const member = await buildUser(prisma, { role: "ANNOTATOR" });
    const group = await buildGroup(prisma, { moderators: [owner], members: [member] });
    const privateId = await importAs(
      owner,
      itemWith("https://elsewhere.example/notes/private-1", { "apparatus:visibility": "private" }),
    );
    const groupId = await importAs(
      owner,
      itemWith("https://elsewhere.example/notes/group-1", {
        "apparatus:visibility": "group",
        "apparatus:group": group.id,
      }),
    );
    const publicId = await importAs(owner, itemWith("https://elsewhere.example/notes/public-1"));

    const file = JSON.stringify([
      itemWith("https://elsewhere.example/notes/private-1"),
      itemWith("https://elsewhere.example/notes/group-1"),
      itemWith("https://elsewhere.example/notes/public-1"),
      itemWith(`https://apparatus.example/api/annotations/${privateId}`),
      itemWith(`https://apparatus.example/api/annotations/${groupId}`),
    ]);
    // Someone else's private note and another group's annotation are not there for the importer:
    // their items would be imported anew, as the importer's own, and nothing tells them apart.
    assert.deepEqual(await previewAs(importer, file), [
      "new",
      "new",
      [publicId, null],
      "new",
      "new",
    ]);
    assert.deepEqual(await previewAs(member, file), [
      "new",
      [groupId, null],
      [publicId, null],
      "new",
      [groupId, null],
    ]);
    assert.deepEqual(await previewAs(owner, file), [
      [privateId, null],
      [groupId, null],
      [publicId, null],
      [privateId, null],
      [groupId, null],
    ]);

    // One's own deleted annotation still stands for its item (a re-import does not undo the
    // deletion), without being named; someone else's deleted one does not.
    await prisma.annotation.update({ where: { id: publicId }, data: { deletedAt: new Date() } });
    assert.deepEqual((await previewAs(owner, file))[2], [null, null]);
    assert.equal((await previewAs(member, file))[2], "new");
  });

  it("imports an IRI someone else holds privately as the importer's own, and only once", async () => {
    const owner = await buildUser(prisma, { role: "ANNOTATOR" });
    const second = await buildUser(prisma, { role: "ANNOTATOR" });
    const third = await buildUser(prisma, { role: "ANNOTATOR" });
    const iri = "https://elsewhere.example/notes/claimed-first";
    const privateId = await importAs(owner, itemWith(iri, { "apparatus:visibility": "private" }));

    const file = JSON.stringify(itemWith(iri));
    const imported = await importWebAnnotations(second, { slug, json: file });
    assert.equal(imported.status, "imported");
    assert.deepEqual(imported.alreadyPresent, []);
    const secondId = imported.placed[0]?.id;
    assert.ok(secondId);
    const rows = await prisma.annotation.findMany({
      where: { sourceIri: iri },
      select: { id: true, authorId: true, visibility: true },
      orderBy: { createdAt: "asc" },
    });
    assert.deepEqual(rows, [
      { id: privateId, authorId: owner.id, visibility: "PRIVATE" },
      { id: secondId, authorId: second.id, visibility: "PUBLIC" },
    ]);

    // Re-importing is idempotent for each of them; whoever may read the public copy finds it.
    const again = async (user: BuiltUser) => {
      const before = await countRows();
      const report = await importWebAnnotations(user, { slug, json: file, confirm: true });
      assert.equal(report.status, "unchanged");
      assert.deepEqual(await countRows(), before);
      return report.alreadyPresent[0]?.annotationId;
    };
    assert.equal(await again(second), secondId);
    assert.equal(await again(owner), privateId);
    assert.equal(await again(third), secondId);
  });

  it("writes a file once when one person imports it twice at the same time", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const file = JSON.stringify([
      itemWith("https://elsewhere.example/notes/twice-at-once-1"),
      itemWith("https://elsewhere.example/notes/twice-at-once-2"),
    ]);
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => importWebAnnotations(user, { slug, json: file })),
    );
    const statuses = outcomes.map((outcome) =>
      outcome.status === "fulfilled"
        ? outcome.value.status
        : (outcome.reason as { code?: string }).code,
    );
    // The other one either waited and found them present, or lost the race and is told so.
    assert.ok(statuses.includes("imported"), JSON.stringify(statuses));
    assert.ok(
      statuses.every((status) => ["imported", "unchanged", "CONFLICT"].includes(status ?? "")),
      JSON.stringify(outcomes),
    );
    assert.equal(
      await prisma.annotation.count({
        where: { sourceIri: { startsWith: "https://elsewhere.example/notes/twice-at-once-" } },
      }),
      2,
    );
  });

  it("does not let someone else's hidden annotation keep an item out, nor its author bring it back", async () => {
    const author = await buildUser(prisma, { role: "ANNOTATOR" });
    const moderator = await buildUser(prisma, { role: "MODERATOR" });
    const other = await buildUser(prisma, { role: "ANNOTATOR" });
    const iri = "https://elsewhere.example/notes/hidden-1";
    const hiddenId = await importAs(author, itemWith(iri));
    await prisma.annotation.update({
      where: { id: hiddenId },
      data: { hiddenAt: new Date(), hiddenById: moderator.id, hiddenReason: "spam" },
    });
    const file = JSON.stringify(itemWith(iri));
    assert.deepEqual(await previewAs(author, file), [[null, null]]);
    assert.deepEqual(await previewAs(moderator, file), [[hiddenId, null]]);
    assert.deepEqual(await previewAs(other, file), ["new"]);
  });
});

describe("importWebAnnotations: files and items that cannot be stored", () => {
  /** An item of the fixture's shape with an id of its own. */
  function itemWith(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { "@context": "http://www.w3.org/ns/anno.jsonld", ...FIXTURE_ITEMS[0], id, ...extra };
  }

  /** `levels` arrays nested inside one another. */
  function nestedArrays(levels: number): string {
    return `${"[".repeat(levels)}${"]".repeat(levels)}`;
  }

  it("refuses a file nested more than 100 levels deep, before walking it", async () => {
    const before = await countRows();
    // 200,000 nested arrays: hashing an item without an id would overflow the stack.
    await assert.rejects(
      importWebAnnotations(importer, { slug, json: `[${nestedArrays(200_000)}]` }),
      { code: "INVALID_INPUT", message: /^file: nested more than 100 levels deep/ },
    );
    // The file's array and the item count as two of the levels.
    const itemNested = (levels: number) =>
      JSON.stringify([itemWith("https://hypothes.is/a/hx-deep", { "x:deep": 0 })]).replace(
        '"x:deep":0',
        `"x:deep":${nestedArrays(levels)}`,
      );
    await assert.rejects(importWebAnnotations(importer, { slug, json: itemNested(99) }), {
      code: "INVALID_INPUT",
      message: /nested more than 100 levels deep/,
    });
    const report = await importWebAnnotations(importer, {
      slug,
      json: itemNested(98),
      preview: true,
    });
    assert.equal(report.placed.length, 1);
    assert.deepEqual(await countRows(), before);
  });

  it("rejects an item whose id is over 2,048 bytes, and imports the rest when confirmed", async () => {
    const prefix = "https://elsewhere.example/notes/";
    // Random text does not compress, so an index entry really is as long as the IRI.
    const random = (length: number) =>
      randomBytes(length)
        .toString("base64url")
        .slice(0, length - prefix.length);
    const longest = `${prefix}${random(2048)}`;
    const tooLong = `${prefix}${random(16 * 1024)}`;
    const tooLongInBytes = `${prefix}${"é".repeat(1024)}`;
    assert.equal(Buffer.byteLength(longest), 2048);
    const file = JSON.stringify([itemWith(tooLong), itemWith(longest), itemWith(tooLongInBytes)]);

    const checked = await importWebAnnotations(importer, { slug, json: file });
    assert.equal(checked.status, "needs-confirmation");
    assert.deepEqual(outcomes(checked), { 0: "rejected", 1: "POSITION", 2: "rejected" });
    assert.match(
      reasonOf(checked, 0),
      /^id: the IRI is 16,384 bytes long, over the 2,048 an import keeps\.$/,
    );
    assert.match(reasonOf(checked, 2), /^id: the IRI is 2,080 bytes long/);
    assert.equal(checked.rejected[0]?.sourceIri, `${tooLong.slice(0, 200)}…`);

    const imported = await importWebAnnotations(importer, { slug, json: file, confirm: true });
    assert.equal(imported.status, "imported");
    assert.equal(imported.placed[0]?.sourceIri, longest);
    assert.equal(await prisma.annotation.count({ where: { sourceIri: longest } }), 1);
  });

  it("rejects an item with a NUL or an unpaired surrogate in its body, a tag, its quote, its id or a key", async () => {
    const item = FIXTURE_ITEMS[0] as {
      body: Record<string, unknown>[];
      target: { source: string; selector: Record<string, unknown>[] };
    };
    const [text, tag] = item.body;
    const [quote, position] = item.target.selector;
    const withBody = (body: unknown[]) => ({ body });
    const withQuote = (exact: string) => ({
      target: { ...item.target, selector: [{ ...quote, exact }, position] },
    });
    const nul = "contains a NUL character \\(U\\+0000\\)";
    const surrogate = "contains an unpaired surrogate";
    const cases: { id?: string; extra?: Record<string, unknown>; reason: RegExp }[] = [
      {
        extra: withBody([{ ...text, value: "before\u0000after" }, tag]),
        reason: new RegExp(`^body\\[0\\]\\.value: ${nul}`),
      },
      {
        extra: withBody([text, { ...tag, value: "source\u0000critique" }]),
        reason: new RegExp(`^body\\[1\\]\\.value: ${nul}`),
      },
      {
        extra: withQuote("Jamal Agha,\u0000whom he accused of having murdered"),
        reason: new RegExp(`^target\\.selector\\[0\\]\\.exact: ${nul}`),
      },
      { extra: { "x:\u0000": 1 }, reason: new RegExp(`^x:\\\\u0000: ${nul}`) },
      { id: "https://elsewhere.example/notes/nul-\u0000-id", reason: new RegExp(`^id: ${nul}`) },
      {
        extra: withBody([{ ...text, value: "half a pair: \ud83d" }, tag]),
        reason: new RegExp(`^body\\[0\\]\\.value: ${surrogate}`),
      },
      {
        extra: withBody([text, { ...tag, value: "\udc00tag" }]),
        reason: new RegExp(`^body\\[1\\]\\.value: ${surrogate}`),
      },
      { id: "https://elsewhere.example/notes/\udc00", reason: new RegExp(`^id: ${surrogate}`) },
      {
        extra: { creator: { name: "\ud800" } },
        reason: new RegExp(`^creator\\.name: ${surrogate}`),
      },
    ];
    const items = [
      ...cases.map((entry, index) =>
        itemWith(entry.id ?? `https://elsewhere.example/notes/unstorable-${index}`, entry.extra),
      ),
      // A whole pair (an emoji) is text like any other.
      itemWith("https://elsewhere.example/notes/unstorable-clean", {
        body: [{ ...text, value: "Fine 👍" }, tag],
      }),
    ];
    const before = await countRows();
    const report = await importWebAnnotations(importer, {
      slug,
      json: JSON.stringify(items),
      confirm: true,
    });
    assert.equal(report.status, "imported");
    assert.deepEqual(
      report.rejected.map((rejected) => rejected.index),
      cases.map((_, index) => index),
    );
    for (const [index, entry] of cases.entries()) {
      assert.match(reasonOf(report, index), entry.reason);
    }
    assert.equal(report.rejected[4]?.sourceIri, "https://elsewhere.example/notes/nul-\\u0000-id");
    assert.equal(report.placed[0]?.index, cases.length);
    assert.equal((await countRows()).annotations, before.annotations + 1);
  });

  it("refuses a slug with a NUL character as input, not as a database error", async () => {
    await assert.rejects(importWebAnnotations(importer, { slug: "a\u0000b", json: "[]" }), {
      code: "INVALID_INPUT",
      message: /^slug: must not contain a NUL character/,
    });
  });
});

describe("POST /api/articles/:slug/annotations/import", () => {
  /** Posts `body` to the import route with a bearer token of `user`. */
  async function post(
    user: BuiltUser,
    body: BodyInit,
    query = "",
    headers: Record<string, string> = { "content-type": "application/ld+json" },
    routeSlug = slug,
  ) {
    const { createApiToken } = await import("@/lib/accounts/create-api-token");
    const { secret } = await createApiToken(user, { name: "import" });
    const request = new Request(
      `http://apparatus.test/api/articles/${routeSlug}/annotations/import${query}`,
      { method: "POST", body, headers: { ...headers, authorization: `Bearer ${secret}` } },
    );
    const response = await importRoute.POST(request, {
      params: Promise.resolve({ slug: routeSlug }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { report?: ImportReport; error?: { message: string } },
    };
  }

  /** A fresh copy of the fixture with ids of its own, so that each test imports anew. */
  function freshCollection(tag: string): string {
    return HYPOTHESIS_EXPORT.replaceAll("https://hypothes.is/a/", `https://hypothes.is/${tag}/`);
  }

  it("answers 400 with the report, writing nothing, when items are rejected", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const before = await countRows();
    const { status, body } = await post(user, freshCollection("route-400"));
    assert.equal(status, 400);
    assert.match(body.error?.message ?? "", /^3 items cannot be imported/);
    assert.equal(body.report?.status, "needs-confirmation");
    assert.equal(body.report?.rejected.length, 3);
    assert.equal((await countRows()).annotations, before.annotations);
  });

  it("answers 200 with a preview and 201 when the import is confirmed", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const preview = await post(user, freshCollection("route-201"), "?preview=true");
    assert.equal(preview.status, 200);
    assert.equal(preview.body.report?.status, "preview");
    const imported = await post(user, freshCollection("route-201"), "?confirm=true");
    assert.equal(imported.status, 201);
    assert.equal(imported.body.report?.status, "imported");
    assert.equal(imported.body.report?.placed.length, 7);
  });

  it("takes the file from a multipart form's file field", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const form = new FormData();
    form.set("file", new Blob([freshCollection("route-form")]), "export.jsonld");
    const { status, body } = await post(user, form, "?confirm=1", {});
    assert.equal(status, 201);
    assert.equal(body.report?.orphaned.length, 1);
  });

  it("refuses readers with 403 and a body over the limit with 413", async () => {
    const reader = await buildUser(prisma, { role: "READER" });
    assert.equal((await post(reader, "[]")).status, 403);
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const tooLarge = await post(user, "[]", "", {
      "content-type": "application/json",
      "content-length": String(11 * 1024 * 1024),
    });
    assert.equal(tooLarge.status, 413);
  });

  it("answers 400, not 500, for a malformed multipart body", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const bodies: [string, string][] = [
      ["multipart/form-data; boundary=----apparatus", "this is not a multipart body"],
      ["multipart/form-data", "--x\r\ncontent-disposition: form-data; name=file\r\n\r\n[]"],
      [
        "multipart/form-data; boundary=x",
        '--x\r\ncontent-disposition: form-data; name="file"\r\n\r\n[]', // never closed
      ],
    ];
    for (const [contentType, body] of bodies) {
      const { status, body: answer } = await post(user, body, "", { "content-type": contentType });
      assert.equal(status, 400, `${contentType}: ${JSON.stringify(answer)}`);
      assert.match(answer.error?.message ?? "", /^file: the multipart form cannot be read/);
    }
  });

  it("answers 400, not 500, for a file of 200,000 nested arrays", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const nested = `[${"[".repeat(200_000)}${"]".repeat(200_000)}]`;
    const { status, body } = await post(user, nested);
    assert.equal(status, 400);
    assert.match(body.error?.message ?? "", /^file: nested more than 100 levels deep/);
  });

  it("answers 201, not 500, rejecting an item with a 16 KB id or a NUL in its body", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const item = (id: string, extra: Record<string, unknown> = {}) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      ...FIXTURE_ITEMS[1],
      id,
      ...extra,
    });
    const file = JSON.stringify([
      item(`https://elsewhere.example/${randomBytes(12 * 1024).toString("base64url")}`),
      item("https://elsewhere.example/route-nul", { bodyValue: "a\u0000b" }),
      item("https://elsewhere.example/route-fine"),
    ]);
    const { status, body } = await post(user, file, "?confirm=true");
    assert.equal(status, 201, JSON.stringify(body.error));
    assert.deepEqual(
      body.report?.rejected.map((rejected) => [rejected.index, rejected.reason.split(":")[0]]),
      [
        [0, "id"],
        [1, "bodyValue"],
      ],
    );
    assert.equal(body.report?.placed[0]?.sourceIri, "https://elsewhere.example/route-fine");
  });

  it("answers 400, not 500, for a NUL character in the article's slug", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const { status, body } = await post(user, "[]", "", undefined, "a%00b");
    assert.equal(status, 400);
    assert.match(body.error?.message ?? "", /^slug: must not contain a NUL character/);
  });
});

describe("import → JSON-LD export → import", () => {
  it("changes nothing, and the export gives back the imported bodies and targets", async () => {
    const edition = await loadEdition(importer, slug, { format: "jsonld" });
    const exported = await collectText(writeJsonLd(edition));
    const collection = JSON.parse(exported) as {
      total: number;
      first: { items: { id: string; body?: unknown; target: { selector: unknown[] } }[] };
    };
    assert.equal(collection.total, edition.annotations.length);

    const before = await countRows();
    const report = await importWebAnnotations(importer, { slug, json: exported, confirm: true });
    assert.equal(report.status, "unchanged");
    assert.equal(report.alreadyPresent.length, collection.total);
    assert.deepEqual(
      [report.placed.length, report.orphaned.length, report.rejected.length],
      [0, 0, 0],
    );
    assert.deepEqual(await countRows(), before);

    // Each imported Hypothesis item comes back with its body and selectors.
    const placedBy = new Map(
      (
        await prisma.annotationAnchor.findMany({
          where: { annotation: { sourceIri: { startsWith: "https://hypothes.is/a/" } } },
          select: { strategy: true, annotation: { select: { sourceIri: true } } },
        })
      ).map((anchor) => [anchor.annotation.sourceIri ?? "", anchor.strategy]),
    );
    const rows = await prisma.annotation.findMany({
      where: { sourceIri: { startsWith: "https://hypothes.is/a/" } },
      select: { id: true, sourceIri: true },
    });
    for (const row of rows) {
      const original = FIXTURE_ITEMS.find((item) => item.id === row.sourceIri);
      const item = collection.first.items.find((candidate) => candidate.id.endsWith(row.id));
      assert.ok(original && item, `${row.sourceIri} is exported`);
      const selectors = (original.target as { selector: unknown }).selector;
      const strategy = placedBy.get(row.sourceIri ?? "");
      for (const selector of Array.isArray(selectors) ? selectors : [selectors]) {
        // The export model carries the original quote; positions come back for the passages
        // placed where they pointed (see the report of lib/export/formats/jsonld.ts).
        if (
          (selector as { type: string }).type === "TextPositionSelector" &&
          strategy !== "POSITION"
        ) {
          continue;
        }
        assert.ok(
          item.target.selector.some((candidate) => isDeepEqual(candidate, selector)),
          `${row.sourceIri}: ${JSON.stringify(selector)} is among the exported selectors`,
        );
      }
      const texts = (Array.isArray(original.body) ? original.body : [original.body])
        .filter(Boolean)
        .map((body) => (body as { value: string }).value.toLowerCase())
        .concat(typeof original.bodyValue === "string" ? [original.bodyValue.toLowerCase()] : []);
      const exportedTexts = ((item.body ?? []) as { value: string }[]).map((body) =>
        body.value.toLowerCase(),
      );
      assert.deepEqual(exportedTexts.sort(), texts.sort(), `${row.sourceIri}: the bodies`);
    }
  });

  it("with dispute threads: the replies come back as already present, nothing rejected", async () => {
    const claim = await prisma.claim.findFirstOrThrow({
      where: { annotation: { authorId: importer.id, deletedAt: null } },
      select: { id: true },
    });
    const other = await buildUser(prisma, { role: "ANNOTATOR", name: "Rafi Respondent" });
    const text = (value: string) => ({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: value }] }],
    });
    const reply = async (
      authorId: string,
      value: string,
      extra: Partial<{
        stance: "QUESTION" | "NEUTRAL";
        inReplyToId: string;
        hiddenAt: Date;
        deletedAt: Date;
      }> = {},
    ) =>
      (
        await prisma.reply.create({
          data: { claimId: claim.id, authorId, body: text(value), bodyText: value, ...extra },
          select: { id: true },
        })
      ).id;
    const question = await reply(importer.id, "Which source dates it?", { stance: "QUESTION" });
    const answer = await reply(other.id, "Coll, p. 12.", {
      stance: "NEUTRAL",
      inReplyToId: question,
    });
    const hidden = await reply(other.id, "HIDDEN-REPLY", { hiddenAt: new Date() });
    await reply(other.id, "DELETED-REPLY", { deletedAt: new Date() });

    const edition = await loadEdition(importer, slug, { format: "jsonld" });
    const exported = await collectText(writeJsonLd(edition));
    const collection = JSON.parse(exported) as {
      id: string;
      total: number;
      first: { items: { id: string; motivation: string; target: unknown }[] };
    };
    const replies = collection.first.items.filter((item) => item.motivation === "replying");
    assert.equal(replies.length, 2, "the hidden and the deleted reply are not exported");
    assert.equal(collection.total, edition.annotations.length + 2);
    assert.ok(!exported.includes("HIDDEN-REPLY") && !exported.includes("DELETED-REPLY"));

    const before = await countRows();
    const report = await importWebAnnotations(importer, { slug, json: exported });
    assert.equal(report.status, "unchanged");
    assert.deepEqual(
      [report.placed.length, report.orphaned.length, report.rejected.length],
      [0, 0, 0],
    );
    assert.equal(report.alreadyPresent.length, collection.total);
    const replyIris = new Set(replies.map((item) => item.id));
    assert.deepEqual(
      report.alreadyPresent
        .filter((item) => replyIris.has(item.sourceIri))
        .map((item) => item.replyId)
        .sort(),
      [question, answer].sort(),
    );
    assert.deepEqual(await countRows(), before);

    // The hidden reply is ours too: present, but not named to someone who may not see it.
    const [questionItem] = replies;
    assert.ok(questionItem);
    const hiddenIri = questionItem.id.replace(question, hidden);
    const foreignIri = questionItem.id.replace(question, "01900000-0000-7000-8000-00000000dead");
    const elsewhere = { ...questionItem, id: "https://hypothes.is/a/hx-reply-elsewhere" };
    const mixed = await importWebAnnotations(importer, {
      slug,
      json: JSON.stringify([
        { ...questionItem, id: hiddenIri },
        { ...questionItem, id: foreignIri },
        elsewhere,
      ]),
    });
    assert.deepEqual(outcomes(mixed), { 0: "already present", 1: "rejected", 2: "rejected" });
    assert.equal(mixed.alreadyPresent[0]?.replyId, null);
    assert.match(reasonOf(mixed, 1), /replies are not imported as annotations/);
    assert.match(reasonOf(mixed, 2), /replies are not imported as annotations/);
    assert.deepEqual(await countRows(), before);
  });
});

/** Deep equality as a boolean. */
function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
