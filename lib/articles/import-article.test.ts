/**
 * Integration tests of the importer against a real PostgreSQL database of their own.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { buildArticleText, readSeedArticle, toBytes } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let importArticle: typeof import("./import-article").importArticle;
let prisma: typeof import("@/lib/db").prisma;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ importArticle } = await import("./import-article"));
});

after(tearDownTestDatabase);

/** Row counts of every table the importer writes. */
async function countRows(): Promise<Record<string, number>> {
  return {
    articles: await prisma.article.count(),
    revisions: await prisma.articleRevision.count(),
    sections: await prisma.section.count(),
    infoboxFields: await prisma.infoboxField.count(),
    bibliographyEntries: await prisma.bibliographyEntry.count(),
    sources: await prisma.source.count(),
    auditEvents: await prisma.auditEvent.count(),
  };
}

describe("importArticle", () => {
  it("imports the seed article with its title, sections, infobox and bibliography", async () => {
    const result = await importArticle(toBytes(readSeedArticle()), { sourceName: "seed.txt" });
    assert.equal(result.status, "created");
    assert.equal(result.slug, "afghan-civil-war-1989-1992");
    assert.equal(result.revisionNumber, 1);
    assert.deepEqual(result.counts, { sections: 26, infoboxFields: 13, bibliographyEntries: 5 });

    const article = await prisma.article.findUniqueOrThrow({
      where: { slug: result.slug },
      include: {
        currentRevision: {
          include: {
            sections: { orderBy: { position: "asc" } },
            infoboxFields: { orderBy: { position: "asc" } },
            bibliographyEntries: { orderBy: { position: "asc" } },
          },
        },
      },
    });
    const revision = article.currentRevision;
    assert.ok(revision);
    assert.equal(article.title, "Afghan Civil War (1989–1992)");
    assert.equal(revision.sourceName, "seed.txt");
    assert.match(revision.contentHash, /^[0-9a-f]{64}$/);
    assert.ok(revision.plainText.includes("له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه"));
    assert.ok(revision.plainText.includes("<hr>"), "markup-looking text is kept as text");
    assert.equal(revision.sections.filter((section) => section.title === "Aftermath").length, 2);
    assert.deepEqual(
      revision.sections.filter((s) => s.title === "Aftermath").map((s) => s.anchor),
      ["aftermath", "aftermath-2"],
    );
    for (const section of revision.sections) {
      assert.equal(
        revision.plainText.slice(section.startOffset, section.startOffset + section.title.length),
        section.title,
        `section ${section.anchor} points at its heading in the plain text`,
      );
      assert.ok(section.endOffset >= section.startOffset + section.title.length);
    }
    assert.deepEqual(revision.infoboxFields[0], {
      ...revision.infoboxFields[0],
      key: "Conflict",
      value: "First Afghan Civil War",
    });
    assert.equal(revision.bibliographyEntries[0]?.author, "Goodson, Larry P.");
    const audit = await prisma.auditEvent.findFirst({ where: { subjectId: revision.id } });
    assert.equal(audit?.action, "article.import");
  });

  it("links every bibliography entry to a library source created from it", async () => {
    const entries = await prisma.bibliographyEntry.findMany({
      include: { source: true },
      orderBy: { position: "asc" },
    });
    assert.equal(entries.length, 5);
    for (const entry of entries) {
      assert.ok(entry.source, `entry ${entry.position} has a source`);
      assert.equal(entry.source.type, "book");
      assert.equal(entry.source.title, entry.title);
      assert.equal(entry.source.createdById, null);
    }
    assert.equal(entries[0]?.source?.authorsText, "Goodson, Larry P.");
    assert.equal(entries[0]?.source?.authorKey, "goodson");
    assert.equal(await prisma.source.count(), 5);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await countRows();
    const result = await importArticle(toBytes(readSeedArticle()));
    assert.equal(result.status, "unchanged");
    assert.equal(result.revisionNumber, 1);
    assert.deepEqual(await countRows(), before);
  });

  it("treats CRLF line endings as the same text", async () => {
    const before = await countRows();
    const result = await importArticle(toBytes(readSeedArticle().replace(/\n/g, "\r\n")));
    assert.equal(result.status, "unchanged");
    assert.deepEqual(await countRows(), before);
  });

  it("makes a changed file a new revision and keeps the old one", async () => {
    const changed = readSeedArticle().replace("Kallu pursued", "Kallu, famously, pursued");
    const result = await importArticle(toBytes(changed));
    assert.equal(result.status, "revised");
    assert.equal(result.revisionNumber, 2);
    // The new revision's entries cite the sources the first one created: none is duplicated.
    assert.equal(await prisma.source.count(), 5);
    assert.equal(await prisma.bibliographyEntry.count({ where: { sourceId: null } }), 0);
    const revisions = await prisma.articleRevision.findMany({
      where: { article: { slug: result.slug } },
      orderBy: { number: "asc" },
      select: { number: true, plainText: true, currentOf: { select: { id: true } } },
    });
    assert.deepEqual(
      revisions.map((revision) => [revision.number, revision.currentOf !== null]),
      [
        [1, false],
        [2, true],
      ],
    );
    assert.ok(revisions[1]?.plainText.includes("Kallu, famously, pursued"));
    assert.ok(revisions[0]?.plainText.includes("Kallu pursued"));
  });

  it("numbers revisions in turn when the same article is imported concurrently", async () => {
    const title = "Concurrent import";
    const texts = [1, 2, 3].map((n) =>
      buildArticleText({ title, body: `A paragraph, version ${n}.` }),
    );
    const results = await Promise.all(texts.map((text) => importArticle(toBytes(text))));
    assert.deepEqual(results.map((result) => result.revisionNumber).sort(), [1, 2, 3]);
  });

  const failures: [name: string, bytes: Uint8Array, message: RegExp][] = [
    ["an empty file", new Uint8Array(), /file is empty/],
    ["a whitespace-only file", toBytes(" \n\r\n\t\n"), /empty/],
    ["a binary file", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]), /binary/],
    ["invalid UTF-8", new Uint8Array([0x3d, 0x20, 0xff, 0xfe, 0x20, 0x3d]), /binary/],
    ["a file over 5 MB", toBytes(`= Big =\n${"x".repeat(5 * 1024 * 1024)}`), /limit is 5 MB/],
    ["a file without a title line", toBytes("== Section ==\nText.\n"), /no title/],
  ];
  for (const [name, bytes, message] of failures) {
    it(`refuses ${name} and writes nothing`, async () => {
      const before = await countRows();
      await assert.rejects(importArticle(bytes), (error: Error) => {
        assert.equal(error.name, "AppError");
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/, "the reason is one line");
        return true;
      });
      assert.deepEqual(await countRows(), before);
    });
  }
});
