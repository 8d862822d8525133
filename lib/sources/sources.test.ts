/**
 * Integration tests of the source library against a real PostgreSQL database of its own:
 * creating and validating sources, editing with optimistic concurrency and history, soft
 * deletion, assessments and their summary, duplicate detection, merges that keep every link,
 * imports of malformed BibTeX and RIS, exports, the list and the picker search.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { buildAnnotation, findAnnotatableRevision } from "@/seed/annotation-factories";
import { buildArticleText, buildUser, toBytes, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { CreateSourceInput } from "./schemas";

let prisma: typeof import("@/lib/db").prisma;
let importArticle: typeof import("@/lib/articles/import-article").importArticle;
let createSource: typeof import("./create-source").createSource;
let updateSource: typeof import("./update-source").updateSource;
let deleteSource: typeof import("./delete-source").deleteSource;
let assessSource: typeof import("./assess-source").assessSource;
let withdrawAssessment: typeof import("./withdraw-assessment").withdrawAssessment;
let findDuplicateSources: typeof import("./find-duplicate-sources").findDuplicateSources;
let findDuplicatesOfItem: typeof import("./find-duplicate-sources").findDuplicatesOfItem;
let mergeSources: typeof import("./merge-sources").mergeSources;
let importSources: typeof import("./import-sources").importSources;
let exportSources: typeof import("./export-sources").exportSources;
let listSources: typeof import("./list-sources").listSources;
let findSource: typeof import("./find-source").findSource;
let searchSources: typeof import("./search-sources").searchSources;
let linkBibliographyEntries: typeof import("./link-bibliography-entries").linkBibliographyEntries;

let annotator: BuiltUser;
let otherAnnotator: BuiltUser;
let moderator: BuiltUser;
let reader: BuiltUser;

/** A unique-enough suffix so tests do not see each other's sources as duplicates. */
let counter = 0;
function unique(label: string): string {
  counter += 1;
  return `${label} ${counter} ${Date.now().toString(36)}`;
}

/** A valid new book with a fresh title. */
function buildSourceInput(overrides: Partial<CreateSourceInput> = {}): CreateSourceInput {
  return {
    csl: {
      type: "book",
      title: unique("Ghost Wars"),
      author: [{ family: "Coll", given: "Steve" }],
      issued: { "date-parts": [[2004]] },
      publisher: "Penguin",
    },
    category: "SECONDARY",
    proximity: "RETROSPECTIVE",
    authorPosition: "Journalist, Washington Post",
    critique: "Based on interviews with CIA officers.",
    ...overrides,
  };
}

/** Row counts of the tables the library writes. */
async function countRows(): Promise<Record<string, number>> {
  return {
    sources: await prisma.source.count(),
    assessments: await prisma.sourceAssessment.count(),
    auditEvents: await prisma.auditEvent.count(),
  };
}

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ importArticle } = await import("@/lib/articles/import-article"));
  ({ createSource } = await import("./create-source"));
  ({ updateSource } = await import("./update-source"));
  ({ deleteSource } = await import("./delete-source"));
  ({ assessSource } = await import("./assess-source"));
  ({ withdrawAssessment } = await import("./withdraw-assessment"));
  ({ findDuplicateSources, findDuplicatesOfItem } = await import("./find-duplicate-sources"));
  ({ mergeSources } = await import("./merge-sources"));
  ({ importSources } = await import("./import-sources"));
  ({ exportSources } = await import("./export-sources"));
  ({ listSources } = await import("./list-sources"));
  ({ findSource } = await import("./find-source"));
  ({ searchSources } = await import("./search-sources"));
  ({ linkBibliographyEntries } = await import("./link-bibliography-entries"));
  annotator = await buildUser(prisma, { role: "ANNOTATOR", name: "Ada Annotator" });
  otherAnnotator = await buildUser(prisma, { role: "ANNOTATOR", name: "Omar Other" });
  moderator = await buildUser(prisma, { role: "MODERATOR", name: "Mona Moderator" });
  reader = await buildUser(prisma, { role: "READER" });
});

after(tearDownTestDatabase);

describe("createSource", () => {
  it("creates a source with derived columns, a generated key and an audit event", async () => {
    const input = buildSourceInput({
      csl: {
        type: "book",
        title: "Ghost Wars: The Secret History",
        author: [{ family: "Coll", given: "Steve" }],
        issued: { "date-parts": [[2004]] },
        ISBN: "1-59420-007-6",
        DOI: "https://doi.org/10.9999/GHOST",
      },
    });
    const saved = await createSource(annotator, input);
    assert.equal(saved.key, "coll2004ghost");
    assert.deepEqual(saved.duplicates, []);
    const row = await prisma.source.findUniqueOrThrow({ where: { id: saved.id } });
    assert.equal(row.authorsText, "Coll, Steve");
    assert.equal(row.year, 2004);
    assert.equal(row.isbn, "9781594200076");
    assert.equal(row.doi, "10.9999/ghost");
    assert.equal(row.titleKey, "ghost wars the secret history");
    assert.equal(row.authorKey, "coll");
    assert.equal(row.category, "SECONDARY");
    assert.equal((row.csl as { id?: string }).id, "coll2004ghost");
    const audit = await prisma.auditEvent.findFirst({ where: { subjectId: saved.id } });
    assert.equal(audit?.action, "source.create");
    assert.equal(audit?.actorId, annotator.id);
  });

  it("suffixes the key and warns when the same work is added again", async () => {
    const again = await createSource(
      otherAnnotator,
      buildSourceInput({
        csl: {
          type: "book",
          title: "Ghost wars — the secret history",
          author: [{ family: "Coll", given: "S." }],
          issued: { "date-parts": [[2004]] },
        },
      }),
    );
    assert.equal(again.key, "coll2004ghosta");
    assert.deepEqual(
      again.duplicates.map((candidate) => [candidate.key, candidate.reasons]),
      [["coll2004ghost", ["title-author"]]],
    );
  });

  it("refuses an unknown CSL type, naming the allowed ones, and writes nothing", async () => {
    const before = await countRows();
    await assert.rejects(
      createSource(annotator, buildSourceInput({ csl: { type: "scroll", title: "Dead Sea" } })),
      (error: Error & { code?: string; details?: { field?: string } }) => {
        assert.equal(error.code, "INVALID_INPUT");
        assert.match(error.message, /^type: "scroll" is not a CSL type; use one of article, /);
        assert.match(error.message, /webpage\.$/);
        return true;
      },
    );
    assert.deepEqual(await countRows(), before);
  });

  it("refuses a missing title, a nameless author and a taken key", async () => {
    await assert.rejects(
      createSource(annotator, buildSourceInput({ csl: { type: "book", title: "  " } })),
      /title: enter a title/,
    );
    await assert.rejects(
      createSource(
        annotator,
        buildSourceInput({ csl: { type: "book", title: "X", author: [{ given: "Only" }] } }),
      ),
      { code: "INVALID_INPUT" },
    );
    await assert.rejects(createSource(annotator, buildSourceInput({ key: "coll2004ghost" })), {
      code: "CONFLICT",
    });
    await assert.rejects(createSource(annotator, buildSourceInput({ key: "has space" })), {
      code: "INVALID_INPUT",
    });
  });

  it("refuses readers and anonymous visitors", async () => {
    await assert.rejects(createSource(reader, buildSourceInput()), { code: "FORBIDDEN" });
    await assert.rejects(createSource(null, buildSourceInput()), { code: "UNAUTHENTICATED" });
  });
});

describe("updateSource and deleteSource", () => {
  it("edits from the current version, keeps the old values in the history, refuses stale edits", async () => {
    const saved = await createSource(annotator, buildSourceInput());
    const input = buildSourceInput({ critique: "Revised critique." });
    const updated = await updateSource(annotator, { ...input, id: saved.id, expectedVersion: 1 });
    assert.equal(updated.version, 2);
    const events = await prisma.auditEvent.findMany({
      where: { subjectId: saved.id, action: "source.update" },
    });
    assert.equal(events.length, 1);
    const data = events[0]?.data as { before: { critique: string }; fromVersion: number };
    assert.equal(data.before.critique, "Based on interviews with CIA officers.");
    assert.equal(data.fromVersion, 1);
    await assert.rejects(
      updateSource(annotator, { ...input, id: saved.id, expectedVersion: 1 }),
      (error: Error & { code?: string; details?: { currentVersion?: number } }) => {
        assert.equal(error.code, "CONFLICT");
        assert.equal(error.details?.currentVersion, 2);
        return true;
      },
    );
  });

  it("lets only the creator or a moderator edit and delete, and deletes softly", async () => {
    const saved = await createSource(annotator, buildSourceInput());
    const input = { ...buildSourceInput(), id: saved.id, expectedVersion: 1 };
    await assert.rejects(updateSource(otherAnnotator, input), { code: "FORBIDDEN" });
    await assert.rejects(deleteSource(otherAnnotator, { id: saved.id }), { code: "FORBIDDEN" });
    assert.equal((await updateSource(moderator, input)).version, 2);
    await deleteSource(annotator, { id: saved.id });
    const row = await prisma.source.findUniqueOrThrow({ where: { id: saved.id } });
    assert.ok(row.deletedAt);
    await assert.rejects(deleteSource(annotator, { id: saved.id }), { code: "NOT_FOUND" });
    assert.equal((await findSource(saved.id)).isDeleted, true);
    const picked = await searchSources(saved.title);
    assert.ok(
      picked.every((source) => source.id !== saved.id),
      "the picker leaves it out",
    );
    const listed = await listSources({ query: saved.title });
    assert.ok(
      listed.every((source) => source.id !== saved.id),
      "the library leaves it out",
    );
  });
});

describe("assessSource and withdrawAssessment", () => {
  it("counts one current assessment per scholar; a new one supersedes the previous", async () => {
    const saved = await createSource(annotator, buildSourceInput());
    await assessSource(annotator, { sourceId: saved.id, rating: 2, rationale: "Thin sourcing." });
    await assessSource(otherAnnotator, { sourceId: saved.id, rating: 5, rationale: "Archival." });
    const result = await assessSource(annotator, {
      sourceId: saved.id,
      rating: 4,
      rationale: "On reflection, well corroborated.",
    });
    assert.deepEqual(result.reliability, {
      count: 2,
      mean: 4.5,
      histogram: [0, 0, 0, 1, 1],
      label: "Highly reliable",
    });
    const detail = await findSource(saved.id);
    assert.equal(detail.assessments.length, 3);
    assert.equal(detail.assessments.filter((item) => item.supersededAt === null).length, 2);
    assert.equal(detail.assessments[2]?.rationale, "Thin sourcing.");
    assert.ok(detail.assessments[2]?.supersededAt);
    assert.equal(detail.reliability.count, 2);

    const mine = detail.assessments[0];
    assert.ok(mine);
    await assert.rejects(withdrawAssessment(otherAnnotator, { assessmentId: mine.id }), {
      code: "FORBIDDEN",
    });
    const withdrawn = await withdrawAssessment(annotator, { assessmentId: mine.id });
    assert.equal(withdrawn.reliability.count, 1);
    assert.equal(withdrawn.reliability.mean, 5);
    await assert.rejects(withdrawAssessment(annotator, { assessmentId: mine.id }), {
      code: "CONFLICT",
    });
  });

  it("refuses ratings out of range, blank rationales and readers", async () => {
    const saved = await createSource(annotator, buildSourceInput());
    for (const rating of [0, 6, 3.5]) {
      await assert.rejects(
        assessSource(annotator, { sourceId: saved.id, rating, rationale: "x" }),
        /rating: choose/,
      );
    }
    await assert.rejects(
      assessSource(annotator, { sourceId: saved.id, rating: 3, rationale: "   " }),
      /rationale: explain your rating/,
    );
    await assert.rejects(
      assessSource(annotator, { sourceId: saved.id, rating: 3, rationale: "x".repeat(5001) }),
      /rationale: use at most 5000/,
    );
    await assert.rejects(assessSource(reader, { sourceId: saved.id, rating: 3, rationale: "x" }), {
      code: "FORBIDDEN",
    });
  });
});

describe("duplicates and merge", () => {
  it("finds duplicates by DOI, by ISBN, and by title with first author, not by near misses", async () => {
    const base = await createSource(
      annotator,
      buildSourceInput({
        csl: {
          type: "book",
          title: "The Wars of Afghanistan",
          author: [{ family: "Tomsen", given: "Peter" }],
          DOI: "10.5555/wars",
          ISBN: "978-1-58648-763-8",
        },
      }),
    );
    const byDoi = await findDuplicatesOfItem({
      type: "book",
      title: "Other",
      DOI: "https://doi.org/10.5555/WARS",
    });
    assert.deepEqual(
      byDoi.map((candidate) => candidate.reasons),
      [["doi"]],
    );
    const byIsbn = await findDuplicatesOfItem({ type: "book", title: "Other", ISBN: "1586487639" });
    assert.deepEqual(
      byIsbn.map((candidate) => candidate.id),
      [base.id],
    );
    const byTitle = await findDuplicatesOfItem({
      type: "book",
      title: "the wars of afghanistan!",
      author: [{ family: "Tómsen" }],
    });
    assert.deepEqual(
      byTitle.map((candidate) => candidate.id),
      [base.id],
    );
    const nearMiss = await findDuplicatesOfItem({
      type: "book",
      title: "The Wars of Afghanistan",
      author: [{ family: "Tomson" }],
    });
    assert.deepEqual(nearMiss, []);
    assert.deepEqual(await findDuplicateSources(base.id), []);
  });

  it("moves every evidence, assessment and bibliography link to the survivor and keeps the duplicate", async () => {
    const articleText = buildArticleText({
      title: unique("Merge article"),
      body: "A claim about Jalalabad in 1989.",
    });
    const imported = await importArticle(toBytes(articleText));
    const revision = await findAnnotatableRevision(prisma, imported.articleId);
    const annotation = await buildAnnotation(prisma, revision, {
      authorId: annotator.id,
      kind: "CLAIM",
      quote: "Jalalabad",
    });
    const claim = await prisma.claim.findUniqueOrThrow({ where: { annotationId: annotation.id } });
    const account = await prisma.claimAccount.create({
      data: {
        claimId: claim.id,
        position: 0,
        title: "The offensive failed",
        body: { type: "doc", content: [{ type: "paragraph" }] },
        createdById: annotator.id,
      },
    });
    const survivor = await createSource(
      annotator,
      buildSourceInput({
        csl: {
          type: "book",
          title: "The Bear Trap",
          author: [{ family: "Yousaf", given: "Mohammad" }],
        },
        authorPosition: "",
      }),
    );
    const duplicate = await createSource(
      otherAnnotator,
      buildSourceInput({
        csl: {
          type: "book",
          title: "The bear trap",
          author: [{ family: "Yousaf", given: "M." }],
          publisher: "Leo Cooper",
          issued: { "date-parts": [[1992]] },
        },
        authorPosition: "ISI Afghan bureau head",
      }),
    );
    assert.deepEqual(
      (await findDuplicateSources(duplicate.id)).map((candidate) => candidate.id),
      [survivor.id],
    );
    const evidence = await Promise.all(
      ["SUPPORTS", "CONTRADICTS"].map((relation) =>
        prisma.evidence.create({
          data: {
            accountId: account.id,
            relation: relation as "SUPPORTS" | "CONTRADICTS",
            sourceId: duplicate.id,
            locator: "213",
            createdById: annotator.id,
          },
        }),
      ),
    );
    await assessSource(annotator, { sourceId: survivor.id, rating: 2, rationale: "Older view." });
    await assessSource(annotator, { sourceId: duplicate.id, rating: 3, rationale: "Newer view." });
    await assessSource(moderator, { sourceId: duplicate.id, rating: 4, rationale: "Participant." });
    const entry = await prisma.bibliographyEntry.create({
      data: {
        revisionId: revision.revisionId,
        position: 0,
        raw: 'Yousaf, Mohammad. "The Bear Trap"',
        sourceId: duplicate.id,
      },
    });

    await assert.rejects(
      mergeSources(annotator, { survivorId: survivor.id, duplicateId: duplicate.id }),
      { code: "FORBIDDEN" },
    );
    await assert.rejects(
      mergeSources(moderator, { survivorId: survivor.id, duplicateId: survivor.id }),
      /merged into itself/,
    );
    const result = await mergeSources(moderator, {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
    });
    assert.deepEqual(result.evidenceIds.sort(), evidence.map((item) => item.id).sort());
    assert.equal(result.assessmentIds.length, 2);
    assert.deepEqual(result.bibliographyEntryIds, [entry.id]);
    assert.deepEqual(result.filledFields.sort(), ["authorPosition", "issued", "publisher"]);

    assert.equal(await prisma.evidence.count({ where: { sourceId: survivor.id } }), 2);
    assert.equal(await prisma.evidence.count({ where: { sourceId: duplicate.id } }), 0);
    assert.equal(await prisma.sourceAssessment.count({ where: { sourceId: duplicate.id } }), 0);
    assert.equal(
      (await prisma.bibliographyEntry.findUniqueOrThrow({ where: { id: entry.id } })).sourceId,
      survivor.id,
    );
    const kept = await prisma.source.findUniqueOrThrow({ where: { id: duplicate.id } });
    assert.equal(kept.mergedIntoId, survivor.id);
    assert.equal(kept.deletedAt, null);
    const merged = await findSource(survivor.id);
    assert.equal(merged.year, 1992);
    assert.equal(merged.csl.publisher, "Leo Cooper");
    assert.equal(merged.authorPosition, "ISI Afghan bureau head");
    // One current assessment per scholar: the annotator's newer one (3) and the moderator's (4).
    assert.deepEqual(merged.reliability.histogram, [0, 0, 1, 1, 0]);
    assert.deepEqual(
      merged.mergedFrom.map((ref) => ref.id),
      [duplicate.id],
    );
    assert.equal(merged.citedBy.length, 2);
    assert.equal(merged.citedBy[0]?.claimId, claim.id);
    const audit = await prisma.auditEvent.findMany({
      where: { subjectId: survivor.id, action: "source.merge" },
    });
    assert.equal(audit.length, 1);
    const duplicatePage = await findSource(duplicate.id);
    assert.equal(duplicatePage.mergedInto?.id, survivor.id);
    assert.equal(duplicatePage.history.at(-1)?.summary, "merged it into another record");

    await assert.rejects(
      mergeSources(moderator, { survivorId: survivor.id, duplicateId: duplicate.id }),
      /already merged/,
    );
    const third = await createSource(annotator, buildSourceInput());
    await assert.rejects(
      mergeSources(moderator, { survivorId: duplicate.id, duplicateId: third.id }),
      /itself merged/,
    );
    await deleteSource(annotator, { id: third.id });
    await assert.rejects(
      mergeSources(moderator, { survivorId: third.id, duplicateId: survivor.id }),
      /was deleted/,
    );
    const picked = await searchSources("bear trap");
    assert.deepEqual(
      picked.map((source) => source.id),
      [survivor.id],
    );
  });
});

describe("importSources", () => {
  const bibtex = [
    "@book{goodson2001endless,",
    "  author = {Goodson, Larry P.},",
    "  title = {Afghanistan's Endless War " + Date.now() + "},",
    "  publisher = {University of Washington Press},",
    "  year = {2001},",
    "}",
    "",
    "@book{broken2000,",
    "  title = {Unclosed brace,",
    "  year = {2000}",
    "}",
    "@article{rubin1995fragmentation,",
    "  author = {Rubin, Barnett R.},",
    "  title = {The Fragmentation of Afghanistan " + Date.now() + "},",
    "  journal = {Yale University Press},",
    "  year = {1995},",
    "}",
  ].join("\n");

  it("previews a file with a malformed entry, naming entry and line, and writes nothing", async () => {
    const before = await countRows();
    const report = await importSources(annotator, { format: "bibtex", text: bibtex });
    assert.equal(report.isWritten, false);
    assert.equal(report.needsConfirmation, true);
    assert.deepEqual(
      report.entries.map((entry) => entry.entry),
      ["goodson2001endless", "rubin1995fragmentation"],
    );
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0]?.entry, "broken2000");
    assert.ok((report.errors[0]?.line ?? 0) >= 8 && (report.errors[0]?.line ?? 0) <= 11);
    assert.deepEqual(await countRows(), before);
  });

  it("imports only the valid entries once confirmed, and skips them as duplicates the next time", async () => {
    const report = await importSources(annotator, {
      format: "bibtex",
      text: bibtex,
      confirm: true,
    });
    assert.equal(report.isWritten, true);
    assert.equal(report.createdCount, 2);
    assert.deepEqual(
      report.entries.map((entry) => entry.createdKey),
      ["goodson2001endless", "rubin1995fragmentation"],
    );
    const again = await importSources(annotator, { format: "bibtex", text: bibtex, confirm: true });
    assert.equal(again.createdCount, 0);
    assert.equal(again.skippedCount, 2);
    assert.equal(again.isWritten, false);
  });

  it("reports malformed RIS with its line and imports the rest in one transaction", async () => {
    const title = unique("Soldiers of God");
    const ris = [
      "TY  - BOOK",
      "AU  - Kaplan, Robert D.",
      `TI  - ${title}`,
      "PY  - 1990",
      "ER  - ",
      "TY  - BOOK",
      "not a tag line",
      "ER  - ",
    ].join("\n");
    const preview = await importSources(annotator, { format: "ris", text: ris });
    assert.deepEqual(
      preview.errors.map(({ entry, line }) => ({ entry, line })),
      [{ entry: "#2", line: 7 }],
    );
    assert.equal(await prisma.source.count({ where: { title } }), 0);
    const report = await importSources(annotator, { format: "ris", text: ris, confirm: "true" });
    assert.equal(report.createdCount, 1);
    assert.equal(await prisma.source.count({ where: { title } }), 1);
  });

  it("refuses an empty text, an unknown format and readers", async () => {
    await assert.rejects(importSources(annotator, { format: "bibtex", text: " " }), /text: paste/);
    await assert.rejects(
      importSources(annotator, { format: "endnote" as "ris", text: "x" }),
      /format: choose/,
    );
    await assert.rejects(importSources(reader, { format: "ris", text: "x" }), {
      code: "FORBIDDEN",
    });
  });
});

describe("exportSources and listSources", () => {
  it("exports chosen sources in every format and reads them back", async () => {
    const saved = await createSource(annotator, buildSourceInput({ key: "halim2013" }));
    for (const format of ["bibtex", "ris", "csl-json"] as const) {
      const exported = await exportSources({ format, ids: [saved.id] });
      assert.equal(exported.count, 1);
      assert.match(exported.text, format === "ris" ? /TI {2}- Ghost Wars/ : /halim2013/);
    }
  });

  it("keeps every shared field when BibTeX is imported, stored and exported as CSL-JSON and BibTeX", async () => {
    const stamp = Date.now().toString(36);
    const bibtex = [
      `@incollection{roundtrip${stamp},`,
      "  author = {Doe, Jane and Hekmaty{\\={a}}r, Gulbuddin},",
      "  editor = {Roe, Richard},",
      `  title = {Kabul in 1992 ${stamp}},`,
      "  booktitle = {Afghanistan at War},",
      "  publisher = {Oxford University Press},",
      "  address = {Oxford},",
      "  volume = {2},",
      "  pages = {45--67},",
      "  year = {2001},",
      "  doi = {10.5555/kabul." + stamp + "},",
      "  isbn = {978-0-691-14568-6},",
      "  url = {https://example.org/kabul},",
      "  note = {Translated from Dari},",
      "}",
    ].join("\n");
    const { parseCitations } = await import("./convert-citations");
    const original = parseCitations(bibtex, "bibtex").items[0];
    const report = await importSources(annotator, { format: "bibtex", text: bibtex });
    const id = report.entries[0]?.createdId;
    assert.ok(id && original);
    const json = await exportSources({ format: "csl-json", ids: [id] });
    const fromJson = parseCitations(json.text, "csl-json").items[0];
    const exported = await exportSources({ format: "bibtex", ids: [id] });
    const back = parseCitations(exported.text, "bibtex").items[0];
    const strip = ({ id: _id, "citation-key": _key, ...rest }: Record<string, unknown>) => rest;
    assert.deepEqual(strip(fromJson ?? {}), strip(original));
    assert.deepEqual(strip(back ?? {}), strip(original));
    assert.equal(back?.id, `roundtrip${stamp}`);
  });

  it("lists live sources with their summary, filters by text and category, and hints duplicates", async () => {
    const all = await listSources({});
    assert.ok(all.every((source) => !source.isDeleted));
    const collCopy = all.find((source) => source.key === "coll2004ghosta");
    assert.equal(collCopy?.duplicateOf?.key, "coll2004ghost");
    assert.equal(all.find((source) => source.key === "coll2004ghost")?.duplicateOf, null);
    const found = await listSources({ query: "coll 2004" });
    assert.ok(found.length >= 2);
    assert.ok(found.every((source) => source.authorsText.includes("Coll")));
    assert.deepEqual(await listSources({ category: "TERTIARY" }), []);
    assert.match(found[0]?.citation ?? "", /^Coll, Steve\. 2004\. Ghost Wars/);
  });
});

describe("findSource", () => {
  it("lists evidence and bibliography entries citing the source, and drops them once their article is deleted", async () => {
    const imported = await importArticle(
      toBytes(
        buildArticleText({
          title: unique("Cited-by article"),
          body: "A claim about Khost in 1990.",
        }),
      ),
    );
    const revision = await findAnnotatableRevision(prisma, imported.articleId);
    const annotation = await buildAnnotation(prisma, revision, {
      authorId: annotator.id,
      kind: "CLAIM",
      quote: "Khost",
    });
    const claim = await prisma.claim.findUniqueOrThrow({ where: { annotationId: annotation.id } });
    const account = await prisma.claimAccount.create({
      data: {
        claimId: claim.id,
        position: 0,
        title: "The garrison surrendered",
        body: { type: "doc", content: [{ type: "paragraph" }] },
        createdById: annotator.id,
      },
    });
    const source = await createSource(annotator, buildSourceInput());
    await prisma.evidence.create({
      data: {
        accountId: account.id,
        relation: "SUPPORTS",
        sourceId: source.id,
        createdById: annotator.id,
      },
    });
    await prisma.bibliographyEntry.create({
      data: {
        revisionId: revision.revisionId,
        position: 0,
        raw: "Coll, Steve.",
        sourceId: source.id,
      },
    });
    const cited = await findSource(source.id);
    assert.deepEqual(
      cited.citedBy.map((citation) => citation.claimId),
      [claim.id],
    );
    assert.deepEqual(
      cited.bibliographyEntries.map((entry) => entry.articleSlug),
      [imported.slug],
    );

    await prisma.article.update({
      where: { id: imported.articleId },
      data: { deletedAt: new Date() },
    });
    const afterDeletion = await findSource(source.id);
    assert.deepEqual(afterDeletion.citedBy, []);
    assert.deepEqual(afterDeletion.bibliographyEntries, []);
  });
});

describe("linkBibliographyEntries", () => {
  it("links entries to a merged record's survivor, creates one source per new work, and skips untitled entries", async () => {
    const imported = await importArticle(
      toBytes(buildArticleText({ title: unique("Bibliography article"), body: "Some text." })),
    );
    const revision = await findAnnotatableRevision(prisma, imported.articleId);
    const mergedTitle = unique("The Merged Work");
    const survivor = await createSource(annotator, buildSourceInput());
    const duplicate = await createSource(
      annotator,
      buildSourceInput({
        csl: { type: "book", title: mergedTitle, author: [{ family: "Dupont", given: "Jean" }] },
      }),
    );
    await mergeSources(moderator, { survivorId: survivor.id, duplicateId: duplicate.id });
    const newTitle = unique("A New Work");
    const rows = [
      { author: "Dupont, Jean.", title: mergedTitle },
      { author: "Rashid, Ahmed", title: newTitle },
      { author: "Rashid, Ahmed.", title: newTitle.toUpperCase() },
      { author: "Nobody", title: null },
    ];
    const entries = await Promise.all(
      rows.map((row, position) =>
        prisma.bibliographyEntry.create({
          data: {
            revisionId: revision.revisionId,
            position: 100 + position,
            raw: `${row.author} ${row.title ?? ""}`,
            author: row.author,
            title: row.title,
          },
        }),
      ),
    );
    const sourcesBefore = await prisma.source.count();

    const result = await prisma.$transaction((tx) =>
      linkBibliographyEntries(tx, revision.revisionId),
    );

    assert.deepEqual(result, { linked: 3, created: 1 });
    assert.equal(await prisma.source.count(), sourcesBefore + 1);
    const linked = await prisma.bibliographyEntry.findMany({
      where: { id: { in: entries.map((entry) => entry.id) } },
      orderBy: { position: "asc" },
      select: { sourceId: true },
    });
    const [merged, first, second, untitled] = linked.map((entry) => entry.sourceId);
    assert.equal(merged, survivor.id);
    assert.ok(first);
    assert.equal(second, first);
    assert.equal(untitled, null);
    const created = await prisma.source.findUniqueOrThrow({ where: { id: first } });
    assert.equal(created.createdById, null);
    assert.equal(
      await prisma.auditEvent.count({ where: { subjectId: first, action: "source.create" } }),
      1,
    );
  });
});

describe("listSources duplicate hints", () => {
  it("points a source at an older one with the same DOI, even when the older one is filtered out", async () => {
    const doi = `10.5555/hint.${Date.now().toString(36)}`;
    const older = await createSource(
      annotator,
      buildSourceInput({ csl: { type: "report", title: unique("Kabul Report"), DOI: doi } }),
    );
    const newer = await createSource(
      otherAnnotator,
      buildSourceInput({ csl: { type: "report", title: unique("Rapport Zyxwv"), DOI: doi } }),
    );
    const all = await listSources({});
    assert.equal(all.find((source) => source.id === older.id)?.duplicateOf, null);
    assert.equal(all.find((source) => source.id === newer.id)?.duplicateOf?.id, older.id);
    const filtered = await listSources({ query: "Zyxwv" });
    assert.deepEqual(
      filtered.map((source) => [source.id, source.duplicateOf?.id]),
      [[newer.id, older.id]],
    );
  });
});
