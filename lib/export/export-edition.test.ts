/**
 * Integration tests of the annotated-edition export against a real PostgreSQL database of their
 * own: golden files of the HTML, Markdown and TEI editions of the seeded article with the export
 * fixture (`UPDATE_GOLDEN=1` rewrites them), byte-identical repeat exports, escaping of data that
 * looks like markup, visibility (hidden, deleted and private content never exported), the model's
 * filters and anonymisation, bad options, and TEI validity against `tei_all` with jing.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  buildExportFixture,
  EXPORT_FIXTURE_EXPORTED_AT,
  EXPORT_FIXTURE_IDS,
  EXPORT_FIXTURE_SECRETS,
  EXPORT_FIXTURE_SLUG,
  EXPORT_FIXTURE_USERS,
} from "@/seed/export-fixture";
import { projectRoot, setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { Actor } from "../auth/policy";
import type { Edition } from "./edition-model";
import type { ExportOptionsInput } from "./options";

let prisma: typeof import("@/lib/db").prisma;
let exportEdition: typeof import("./export-edition").exportEdition;
let loadEdition: typeof import("./load-edition").loadEdition;

/** The golden files' folder. */
const GOLDEN_DIR = path.join(projectRoot, "lib", "export", "__golden__");

/**
 * TEI's `tei_all` RELAX NG schema, beside the project (`../shared/standards`), as CI provides it;
 * `TEI_ALL_RNG` points elsewhere. Not vendored: the standards folder asks not to be copied.
 */
const TEI_ALL_RNG =
  process.env.TEI_ALL_RNG ??
  path.resolve(projectRoot, "..", "shared", "standards", "tei", "tei_all.rng");

/** The moderator of the fixture as an actor. */
const moderator: Actor = { id: EXPORT_FIXTURE_USERS.moderator.id, role: "MODERATOR" };
/** The author of the private note as an actor. */
const second: Actor = { id: EXPORT_FIXTURE_USERS.second.id, role: "ANNOTATOR" };

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ exportEdition } = await import("./export-edition"));
  ({ loadEdition } = await import("./load-edition"));
  await buildExportFixture(prisma);
});

after(tearDownTestDatabase);

/** The whole text of an export by `actor` (anonymous by default). */
async function exportText(
  options: Omit<ExportOptionsInput, "exportedAt">,
  actor: Actor | null = null,
): Promise<string> {
  const result = await exportEdition(actor, EXPORT_FIXTURE_SLUG, {
    exportedAt: EXPORT_FIXTURE_EXPORTED_AT,
    ...options,
  });
  let text = "";
  for await (const chunk of result.stream) {
    assert.equal(typeof chunk, "string");
    text += chunk as string;
  }
  return text;
}

/** The edition model for `options`, anonymous by default. */
function load(options: Partial<ExportOptionsInput>, actor: Actor | null = null): Promise<Edition> {
  return loadEdition(actor, EXPORT_FIXTURE_SLUG, {
    format: "html",
    exportedAt: EXPORT_FIXTURE_EXPORTED_AT,
    ...options,
  });
}

/** Compares with (or, with UPDATE_GOLDEN=1, rewrites) a golden file. */
function assertGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== "1") {
      assert.fail(`${name} did not exist and was written; check it and run again`);
    }
    return;
  }
  assert.equal(actual, readFileSync(file, "utf8"), `${name} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

describe("golden files of the seeded article", () => {
  for (const [format, file] of [
    ["html", "edition.html"],
    ["md", "edition.md"],
    ["tei", "edition.tei.xml"],
  ] as const) {
    it(`writes the ${format} edition exactly as its golden file`, async () => {
      assertGolden(file, await exportText({ format }));
    });
  }

  it("writes the anonymised claims-only Markdown edition exactly as its golden file", async () => {
    assertGolden(
      "edition-claims-anonymised.md",
      await exportText({ format: "md", only: "claims", anonymise: true }),
    );
  });
});

describe("determinism", () => {
  for (const format of ["html", "md", "tei"] as const) {
    it(`gives byte-identical ${format} files for the same data and options`, async () => {
      const first = await exportText({ format });
      const second = await exportText({ format });
      assert.equal(first, second);
    });
  }
});

describe("escaping", () => {
  it("keeps <script> and the infobox's <hr> as text in the HTML edition", async () => {
    const html = await exportText({ format: "html" });
    assert.ok(!/<script/i.test(html), "no script element");
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(html.includes("&lt;hr&gt;"));
    assert.ok(!/<hr\b/i.test(html), "no hr element");
    assert.ok(!html.includes("<b>unjustly</b>"));
  });

  it("escapes Markdown syntax and angle brackets in the Markdown edition", async () => {
    const markdown = await exportText({ format: "md" });
    assert.ok(!markdown.includes("<script>"));
    assert.ok(markdown.includes("\\<script\\>alert(1)\\</script\\>"));
    assert.ok(markdown.includes("\\<hr\\>"));
    assert.ok(markdown.includes("\\*not emphasis\\*"));
    assert.ok(markdown.includes("\\[^9\\]"), "a footnote-like text is not a footnote");
  });

  it("escapes markup in the TEI edition", async () => {
    const tei = await exportText({ format: "tei" });
    assert.ok(!tei.includes("<script>"));
    assert.ok(tei.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(tei.includes("&lt;hr&gt;"));
    assert.ok(tei.includes("&lt;b&gt;unjustly&lt;/b&gt;"));
  });
});

describe("what an edition includes", () => {
  it("never exports hidden or deleted content, even to a moderator", async () => {
    for (const format of ["html", "md", "tei"] as const) {
      const text = await exportText({ format }, moderator);
      for (const secret of [
        EXPORT_FIXTURE_SECRETS.hiddenReply,
        EXPORT_FIXTURE_SECRETS.deletedReply,
        EXPORT_FIXTURE_SECRETS.deletedEvidence,
        EXPORT_FIXTURE_SECRETS.hiddenAnnotation,
        EXPORT_FIXTURE_SECRETS.deletedAnnotation,
      ]) {
        assert.ok(!text.includes(secret), `${format} must not contain ${secret}`);
      }
    }
  });

  it("leaves a private note out for an anonymous exporter and puts it in for its author", async () => {
    const anonymous = await load({});
    assert.ok(!anonymous.annotations.some((a) => a.id === EXPORT_FIXTURE_IDS.privateComment));
    const html = await exportText({ format: "html" });
    assert.ok(!html.includes(EXPORT_FIXTURE_SECRETS.privateComment));
    const own = await load({}, second);
    assert.ok(own.annotations.some((a) => a.id === EXPORT_FIXTURE_IDS.privateComment));
  });

  it("numbers annotations in document order and lists the orphan last, marked", async () => {
    const edition = await load({});
    assert.deepEqual(
      edition.annotations.map((annotation) => annotation.number),
      edition.annotations.map((_, index) => index + 1),
    );
    const starts = edition.annotations
      .filter((annotation) => !annotation.anchor.isOrphaned)
      .map((annotation) => annotation.anchor.start ?? -1);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    const last = edition.annotations[edition.annotations.length - 1];
    assert.equal(last?.id, EXPORT_FIXTURE_IDS.orphanedComment);
    assert.equal(last?.anchor.isOrphaned, true);
  });

  it("gives the Jamal Agha claim its status, accounts, evidence with locators and the visible thread", async () => {
    const edition = await load({});
    const jamal = edition.annotations.find((a) => a.id === EXPORT_FIXTURE_IDS.jamalClaimAnnotation);
    const claim = jamal?.claim;
    assert.equal(claim?.status, "UNDER_REVIEW");
    assert.equal(claim?.accounts.length, 2);
    assert.equal(claim?.accounts[0]?.evidence[0]?.locatorText, "p. 213");
    assert.equal(claim?.accounts[1]?.evidence[0]?.locatorText, "pp. 45–47");
    assert.equal(claim?.accounts[1]?.evidence.length, 2, "deleted evidence is left out");
    assert.equal(claim?.replies.length, 4, "hidden and deleted replies are left out");
    assert.deepEqual(claim?.thread?.stances, { supports: 1, opposes: 1, question: 1, neutral: 1 });
    assert.deepEqual(claim?.accounts[0]?.stanceCounts, { supports: 1, opposes: 0 });
    assert.deepEqual(
      edition.sources.filter((source) => source.isCited).map((source) => source.key),
      ["coll2004ghost", "halim2013", "yousaf1992bear"],
    );
    const halim = edition.sources.find((source) => source.key === "halim2013");
    assert.equal(halim?.reliability.count, 2, "superseded assessments do not count");
  });

  it("puts every text block's offsets into the revision's plain text", async () => {
    const edition = await load({});
    const texts = edition.blocks.flatMap((block) =>
      block.type === "infobox"
        ? block.rows.flatMap((row) => [row.label, row.value])
        : block.type === "list"
          ? block.items
          : [block.text],
    );
    for (const text of texts) {
      assert.equal(edition.revision.plainText.slice(text.start, text.end), text.text);
    }
  });
});

describe("filters", () => {
  it("keeps only claims, only open or only resolved disputes", async () => {
    const claims = await load({ only: "claims" });
    assert.deepEqual(
      claims.annotations.map((a) => a.id).sort(),
      [
        EXPORT_FIXTURE_IDS.jamalClaimAnnotation,
        EXPORT_FIXTURE_IDS.bbcClaimAnnotation,
        EXPORT_FIXTURE_IDS.intelligenceClaimAnnotation,
      ].sort(),
    );
    const open = await load({ only: "open" });
    assert.deepEqual(
      open.annotations.map((a) => a.id).sort(),
      [
        EXPORT_FIXTURE_IDS.jamalClaimAnnotation,
        EXPORT_FIXTURE_IDS.intelligenceClaimAnnotation,
      ].sort(),
    );
    const resolved = await load({ only: "resolved" });
    assert.deepEqual(
      resolved.annotations.map((a) => a.id),
      [EXPORT_FIXTURE_IDS.bbcClaimAnnotation],
    );
  });

  it("refuses a filter by someone else's e-mail, which would tell who wrote what, except to moderators", async () => {
    await assert.rejects(
      load({ authors: [EXPORT_FIXTURE_USERS.second.email] }),
      (error: Error & { code?: string }) => error.code === "UNAUTHENTICATED",
    );
    const annotator: Actor = { id: EXPORT_FIXTURE_USERS.annotator.id, role: "ANNOTATOR" };
    await assert.rejects(
      load({ authors: [EXPORT_FIXTURE_USERS.second.email] }, annotator),
      (error: Error & { code?: string; message: string }) =>
        error.code === "FORBIDDEN" && /filter by the annotator's id instead/.test(error.message),
    );
    const own = await load({ authors: [EXPORT_FIXTURE_USERS.second.email.toUpperCase()] }, second);
    assert.ok(own.annotations.length > 0);
    const byModerator = await load({ authors: [EXPORT_FIXTURE_USERS.second.email] }, moderator);
    assert.ok(byModerator.annotations.length > 0);
  });

  it("filters by annotator id for anyone, an anonymous reader included", async () => {
    const byId = await load({ authors: [EXPORT_FIXTURE_USERS.second.id.toUpperCase()] });
    assert.ok(byId.annotations.length > 0);
    assert.ok(byId.annotations.every((a) => a.author.name === EXPORT_FIXTURE_USERS.second.name));
    const byBoth = await load({
      authors: [EXPORT_FIXTURE_USERS.annotator.id, EXPORT_FIXTURE_USERS.second.id],
    });
    assert.deepEqual(
      new Set(byBoth.annotations.map((a) => a.author.name)),
      new Set([EXPORT_FIXTURE_USERS.annotator.name, EXPORT_FIXTURE_USERS.second.name]),
    );
  });

  it("filters by tag, author e-mail and section", async () => {
    const tagged = await load({ tags: ["Jamal Agha", "infobox"] });
    assert.deepEqual(
      tagged.annotations.map((a) => a.id),
      [EXPORT_FIXTURE_IDS.infoboxHighlight, EXPORT_FIXTURE_IDS.jamalClaimAnnotation],
    );
    const byAuthor = await load(
      { authors: [EXPORT_FIXTURE_USERS.second.email.toUpperCase()] },
      moderator,
    );
    assert.ok(byAuthor.annotations.length > 0);
    assert.ok(
      byAuthor.annotations.every((a) => a.author.name === EXPORT_FIXTURE_USERS.second.name),
    );
    const inSection = await load({ sections: ["background-1978-1989"] });
    assert.ok(inSection.annotations.some((a) => a.id === EXPORT_FIXTURE_IDS.jamalClaimAnnotation));
    assert.ok(
      inSection.annotations.every(
        (a) => a.id !== EXPORT_FIXTURE_IDS.infoboxHighlight && !a.anchor.isOrphaned,
      ),
      "the section's subsections count, the lead and orphans do not",
    );
  });

  it("leaves threads out on request", async () => {
    const edition = await load({ threads: false });
    const claim = edition.annotations.find(
      (a) => a.id === EXPORT_FIXTURE_IDS.jamalClaimAnnotation,
    )?.claim;
    assert.deepEqual(claim?.replies, []);
    assert.equal(claim?.thread, null);
  });

  it("anonymises people as Annotator 1, 2, … in order of first appearance", async () => {
    const edition = await load({ anonymise: true });
    assert.deepEqual(
      edition.contributors.map((contributor) => contributor.person.name),
      edition.contributors.map((_, index) => `Annotator ${index + 1}`),
    );
    assert.ok(edition.contributors.every((contributor) => contributor.person.userId === null));
    const html = await exportText({ format: "html", anonymise: true });
    for (const user of Object.values(EXPORT_FIXTURE_USERS)) {
      assert.ok(!html.includes(user.name), `${user.name} is not named`);
    }
  });
});

describe("bad input", () => {
  it("refuses unknown options by name", async () => {
    await assert.rejects(load({ colour: "red" } as Partial<ExportOptionsInput>), (error: Error) => {
      assert.match(error.message, /Unknown export option: colour/);
      return true;
    });
  });

  it("refuses an unknown format, an unknown section and a missing revision with clear messages", async () => {
    await assert.rejects(load({ format: "docx" as "html" }), /format: choose one of html, pdf/);
    await assert.rejects(load({ sections: ["no-such-section"] }), /no section "no-such-section"/);
    await assert.rejects(load({ revision: 99 }), (error: Error & { code?: string }) => {
      assert.equal(error.code, "NOT_FOUND");
      assert.match(error.message, /has no revision 99/);
      return true;
    });
    await assert.rejects(
      loadEdition(null, "no-such-article", { format: "html" }),
      /No article with the slug "no-such-article"/,
    );
  });
});

describe("PDF", () => {
  it("prints the HTML edition to a PDF with Chromium", async (context) => {
    const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    if (!existsSync(chromium)) {
      context.skip(`no Chromium at ${chromium}`);
      return;
    }
    const result = await exportEdition(null, EXPORT_FIXTURE_SLUG, {
      format: "pdf",
      exportedAt: EXPORT_FIXTURE_EXPORTED_AT,
    });
    assert.equal(result.contentType, "application/pdf");
    assert.equal(result.filename, `${EXPORT_FIXTURE_SLUG}-r1.pdf`);
    const chunks: Uint8Array[] = [];
    for await (const chunk of result.stream) {
      assert.ok(chunk instanceof Uint8Array);
      chunks.push(chunk);
    }
    const pdf = Buffer.concat(chunks);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.ok(pdf.length > 10_000);
  });

  it("prints one PDF at a time, queues two and refuses more with a busy message", async (context) => {
    const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    if (!existsSync(chromium)) {
      context.skip(`no Chromium at ${chromium}`);
      return;
    }
    const consume = async () => {
      const result = await exportEdition(null, EXPORT_FIXTURE_SLUG, { format: "pdf" });
      let bytes = 0;
      for await (const chunk of result.stream) {
        bytes += (chunk as Uint8Array).length;
      }
      return bytes;
    };
    const results = await Promise.allSettled([consume(), consume(), consume(), consume()]);
    // Which request comes fourth depends on when its edition finished loading: count, not order.
    const refused = results.filter((result) => result.status === "rejected");
    assert.equal(refused.length, 1);
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 3);
    const reason = (refused[0] as PromiseRejectedResult).reason as { code?: string };
    assert.equal(reason.code, "UNAVAILABLE");
    assert.match(String(reason), /busy printing other PDF editions/);
    // The turns were all given back: the next print runs.
    assert.ok((await consume()) > 10_000);
  });

  it("says what to do when Chromium is missing", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const result = await exportEdition(null, EXPORT_FIXTURE_SLUG, { format: "pdf" });
      await assert.rejects(
        async () => {
          for await (const chunk of result.stream) {
            void chunk;
          }
        },
        (error: Error & { code?: string }) => {
          assert.equal(error.code, "UNAVAILABLE");
          assert.match(
            error.message,
            /PDF export needs Chromium; install it \(apt-get install chromium\) or export HTML and print it/,
          );
          return true;
        },
      );
    } finally {
      if (saved === undefined) {
        delete process.env.CHROMIUM_PATH;
      } else {
        process.env.CHROMIUM_PATH = saved;
      }
    }
  });
});

describe("TEI validity", () => {
  it("is valid against tei_all (jing)", async (context) => {
    if (!existsSync(TEI_ALL_RNG)) {
      context.skip(
        `tei_all.rng is not at ${TEI_ALL_RNG} (../shared/standards is absent; CI has it)`,
      );
      return;
    }
    const jing = spawnSync("jing", [], { encoding: "utf8" });
    assert.ok(
      !jing.error,
      "jing is not installed, so the TEI edition cannot be validated: apt-get install -y jing",
    );
    const directory = mkdtempSync(path.join(tmpdir(), "apparatus-tei-"));
    try {
      const files = [
        ["full.xml", await exportText({ format: "tei" }, moderator)],
        ["anonymised.xml", await exportText({ format: "tei", anonymise: true, threads: false })],
        ["empty.xml", await exportText({ format: "tei", tags: ["no such tag"] })],
      ] as const;
      for (const [name, text] of files) {
        writeFileSync(path.join(directory, name), text);
      }
      const result = spawnSync(
        "jing",
        [TEI_ALL_RNG, ...files.map(([name]) => path.join(directory, name))],
        { encoding: "utf8" },
      );
      assert.equal(result.status, 0, `jing found errors:\n${result.stdout}${result.stderr}`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

// Last, because it makes a new current revision of the fixture's article.
describe("revisions", () => {
  it("exports an older revision with its own anchors and orphans the passages a new one lost", async () => {
    const { importArticle } = await import("@/lib/articles/import-article");
    const { readSeedArticle, toBytes } = await import("@/seed/factories");
    const bbcSentence =
      "Massoud even said it was by BBC radio that he learned about the operation.";
    const text = readSeedArticle();
    assert.ok(text.includes(bbcSentence));
    const imported = await importArticle(toBytes(text.replace(bbcSentence, "")), {
      sourceName: "revision-2.txt",
    });
    assert.equal(imported.revisionNumber, 2);

    const current = await load({ only: "claims" });
    assert.equal(current.revision.number, 2);
    assert.equal(current.revision.isCurrent, true);
    const orphan = current.annotations.find((a) => a.id === EXPORT_FIXTURE_IDS.bbcClaimAnnotation);
    assert.equal(orphan?.anchor.isOrphaned, true);
    assert.equal(current.annotations[current.annotations.length - 1]?.id, orphan?.id);

    const older = await load({ only: "claims", revision: 1 });
    assert.equal(older.revision.number, 1);
    assert.equal(older.revision.isCurrent, false);
    const placed = older.annotations.find((a) => a.id === EXPORT_FIXTURE_IDS.bbcClaimAnnotation);
    assert.equal(placed?.anchor.isOrphaned, false);
    assert.equal(
      older.revision.plainText.slice(placed?.anchor.start ?? 0, placed?.anchor.end ?? 0),
      bbcSentence,
    );
    const tei = await exportText({ format: "tei", revision: 1 });
    assert.match(tei, /revision 1<\/edition>/);
  });
});
