/**
 * Benchmark: export an annotated edition with 5,000 annotations and 20,000 replies in every
 * format. Run with `node --expose-gc --import tsx --conditions=react-server bench/export.bench.ts`
 * (`--expose-gc` lets each format start from a collected heap; add `--pdf` to print the PDF too,
 * `--keep` to leave the database); results are in bench/RESULTS.md.
 *
 * It creates a database of its own (`createTestDatabase`, on the machine's PostgreSQL), imports
 * the seed article and bulk-inserts, from a fixed seed so every run sees the same data:
 *
 * - 60 annotators and 4 moderators;
 * - 5,000 public annotations on the current revision, passages of 1–30 words anywhere in the text:
 *   2,000 comments, 1,000 questions, 1,500 highlights with tags, 500 claim flags;
 * - for each of the 500 claims: a status (about a third resolved, with a moderator's rationale),
 *   2 accounts with 2 pieces of evidence each (a library source with a locator and a quotation),
 *   and 40 replies with stances: 20,000 replies;
 * - 40 library sources with full CSL items, cited by the evidence.
 *
 * Each format is timed as an export is served: `loadEdition` (the model, from the database) plus
 * the writer, its stream consumed into a sink that counts UTF-8 bytes. One warm-up run, then the
 * median of {@link TIMED_RUNS}. Peak memory is sampled (RSS and heap) while each format runs, both
 * on a 5 ms timer and every 64 chunks from the sink (writers run synchronously between awaits).
 */
import { performance } from "node:perf_hooks";

import type { Edition } from "@/lib/export/edition-model";
import type { EditionWriter, ExportChunk } from "@/lib/export/formats/writer";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  AnnotationKind,
  ClaimFlag,
  ClaimStatus,
  EvidenceRelation,
  ReplyStance,
} from "@/lib/generated/prisma/enums";
import { readSeedArticle, toBytes } from "@/seed/factories";
import { createTestDatabase } from "@/seed/test-database";

import { createSeededRandom } from "./seeded-random";

/** Annotations and replies of the edition: the target load. */
const ANNOTATION_COUNT = 5000;
const CLAIM_COUNT = 500;
const REPLIES_PER_CLAIM = 40;

/** Timed runs per format; the median is reported. One untimed warm-up run precedes them. */
const TIMED_RUNS = 5;

/** Every format must export in under this, in milliseconds. */
const TARGET_MS = 2000;

/** Rows per bulk insert. */
const CHUNK = 2000;

/** The export date written into every edition, so that runs produce identical files. */
const EXPORTED_AT = "2026-01-01T00:00:00.000Z";

// ---------------------------------------------------------------------------------------------
// Seeded data

/** The data generator; the seed fixes the data. */
const { random, randomInt, pick } = createSeededRandom(1989);

/** A version-4-shaped UUID from the seeded generator, so ids (and ties in ordering) repeat. */
function seededUuid(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** A body document of one paragraph. */
function bodyOf(text: string): Prisma.InputJsonObject {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

/** A sentence of scholarly filler, with characters every format must escape now and then. */
function sentence(words: readonly string[], index: number): string {
  const length = randomInt(8, 40);
  const chosen = Array.from({ length }, () => pick(words));
  const extra = index % 97 === 0 ? " <script>alert(1)</script> & <hr> {braces} 100%" : "";
  return `${chosen.join(" ")}${extra}.`;
}

/** Every word of the article, for filler and passages. */
function wordsOf(text: string): { words: string[]; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return { words: spans.map((span) => text.slice(span.start, span.end)), spans };
}

/** Inserts rows in chunks. */
async function insertInChunks<Row>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => Promise<unknown>,
): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += CHUNK) {
    await insert(rows.slice(offset, offset + CHUNK));
  }
}

/** Fills the database: see the module comment. Returns the article's slug. */
async function seedEdition(prisma: typeof import("@/lib/db").prisma): Promise<string> {
  const { importArticle } = await import("@/lib/articles/import-article");
  const imported = await importArticle(toBytes(readSeedArticle()));
  const article = await prisma.article.findUniqueOrThrow({
    where: { id: imported.articleId },
    select: {
      currentRevision: {
        select: {
          id: true,
          plainText: true,
          createdAt: true,
          sections: { select: { anchor: true, startOffset: true, endOffset: true, level: true } },
        },
      },
    },
  });
  const revision = article.currentRevision;
  if (!revision) {
    throw new Error("the seed article has no revision");
  }
  const text = revision.plainText;
  const { words, spans } = wordsOf(text);

  const annotators = Array.from({ length: 60 }, (_, index) => ({
    id: seededUuid(),
    email: `annotator-${index}@bench.test`,
    name: `Annotator Number ${index}`,
    role: "ANNOTATOR" as const,
  }));
  const moderators = Array.from({ length: 4 }, (_, index) => ({
    id: seededUuid(),
    email: `moderator-${index}@bench.test`,
    name: `Moderator Number ${index}`,
    role: "MODERATOR" as const,
  }));
  await prisma.user.createMany({ data: [...annotators, ...moderators] });

  const sources: Prisma.SourceCreateManyInput[] = Array.from({ length: 40 }, (_, index) => {
    const family = pick(["Coll", "Rubin", "Giustozzi", "Dorronsoro", "Barfield", "Saikal"]);
    const year = randomInt(1990, 2020);
    const key = `${family.toLowerCase()}${year}src${index}`;
    const title = `${sentence(words, index + 1).slice(0, 80)} & {History} ${index}`;
    return {
      id: seededUuid(),
      key,
      type: index % 3 === 0 ? "article-journal" : "book",
      title,
      csl: {
        id: key,
        type: index % 3 === 0 ? "article-journal" : "book",
        title,
        author: [{ family, given: pick(["Steve", "Barnett R.", "Antonio", "Gilles"]) }],
        issued: { "date-parts": [[year]] },
        publisher: "Penguin & Sons",
        "publisher-place": "New York",
        ...(index % 3 === 0 ? { "container-title": "Central Asian Survey", volume: "12" } : {}),
      },
      authorsText: family,
      year,
      titleKey: title.toLowerCase(),
      authorKey: family.toLowerCase(),
    };
  });
  await prisma.source.createMany({ data: sources });

  const kinds: AnnotationKind[] = [
    ...Array<AnnotationKind>(2000).fill("COMMENT"),
    ...Array<AnnotationKind>(1000).fill("QUESTION"),
    ...Array<AnnotationKind>(1500).fill("HIGHLIGHT"),
    ...Array<AnnotationKind>(CLAIM_COUNT).fill("CLAIM"),
  ];
  const flags: ClaimFlag[] = ["DISPUTED", "DUBIOUS", "CITATION_NEEDED", "CONTRADICTED"];
  const annotations: Prisma.AnnotationCreateManyInput[] = [];
  const anchors: Prisma.AnnotationAnchorCreateManyInput[] = [];
  const claimAnnotationIds: string[] = [];
  const baseTime = revision.createdAt.getTime() + 60_000;
  for (let index = 0; index < ANNOTATION_COUNT; index += 1) {
    const kind = kinds[index] ?? "COMMENT";
    const first = randomInt(0, spans.length - 31);
    const last = first + randomInt(0, 29);
    const start = spans[first]?.start ?? 0;
    const end = spans[last]?.end ?? start + 1;
    const id = seededUuid();
    const bodyText = kind === "HIGHLIGHT" ? "" : sentence(words, index);
    annotations.push({
      id,
      articleId: imported.articleId,
      authorId: pick(annotators).id,
      kind,
      flag: kind === "CLAIM" ? pick(flags) : null,
      body: bodyText ? bodyOf(bodyText) : { type: "doc", content: [{ type: "paragraph" }] },
      bodyText,
      tags: kind === "HIGHLIGHT" ? [pick(["chronology", "casualties", "sources", "names"])] : [],
      revisionId: revision.id,
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      start,
      end,
      createdAt: new Date(baseTime + index * 1000),
    });
    anchors.push({ annotationId: id, revisionId: revision.id, start, end, strategy: "ORIGINAL" });
    if (kind === "CLAIM") {
      claimAnnotationIds.push(id);
    }
  }
  await insertInChunks(annotations, (data) => prisma.annotation.createMany({ data }));
  await insertInChunks(anchors, (data) => prisma.annotationAnchor.createMany({ data }));

  const statuses: ClaimStatus[] = ["OPEN", "UNDER_REVIEW", "ACCEPTED", "REJECTED", "CONTESTED"];
  const claims: Prisma.ClaimCreateManyInput[] = [];
  const accounts: Prisma.ClaimAccountCreateManyInput[] = [];
  const evidence: Prisma.EvidenceCreateManyInput[] = [];
  const replies: Prisma.ReplyCreateManyInput[] = [];
  const relations: EvidenceRelation[] = ["SUPPORTS", "CONTRADICTS", "CONTEXTUALISES", "MENTIONS"];
  const stances: ReplyStance[] = ["SUPPORTS", "OPPOSES", "QUESTION", "NEUTRAL"];
  claimAnnotationIds.forEach((annotationId, claimIndex) => {
    const claimId = seededUuid();
    const status = statuses[claimIndex % statuses.length] ?? "OPEN";
    const isResolved = status === "ACCEPTED" || status === "REJECTED" || status === "CONTESTED";
    const changedAt = new Date(baseTime + 10_000_000 + claimIndex * 1000);
    claims.push({
      id: claimId,
      annotationId,
      articleId: imported.articleId,
      status,
      title: claimIndex % 2 === 0 ? sentence(words, claimIndex).slice(0, 120) : "",
      statusRationale: status === "OPEN" ? null : sentence(words, claimIndex + 7),
      statusChangedAt: status === "OPEN" ? null : changedAt,
      statusChangedById: status === "OPEN" ? null : pick(moderators).id,
      ...(isResolved && claimIndex % 10 === 0 ? { lockedAt: changedAt } : {}),
    });
    const accountIds = [seededUuid(), seededUuid()];
    accountIds.forEach((accountId, position) => {
      const title = `Account ${position + 1}: ${sentence(words, claimIndex + position).slice(0, 100)}`;
      const bodyText = sentence(words, claimIndex + position + 3);
      accounts.push({
        id: accountId,
        claimId,
        position,
        title,
        body: bodyOf(bodyText),
        bodyText,
        proponents: pick(["Massoud", "Hekmatyar", "Najibullah", "the Pakistani ISI"]),
        createdById: pick(annotators).id,
        createdAt: new Date(baseTime + 11_000_000 + claimIndex * 1000 + position),
      });
      for (let piece = 0; piece < 2; piece += 1) {
        evidence.push({
          id: seededUuid(),
          accountId,
          relation: pick(relations),
          sourceId: pick(sources).id ?? null,
          locatorLabel: "page",
          locator: String(randomInt(1, 600)),
          quote: sentence(words, claimIndex + piece),
          note: sentence(words, claimIndex + piece + 1),
          createdById: pick(annotators).id,
          createdAt: new Date(baseTime + 12_000_000 + claimIndex * 1000 + position * 10 + piece),
        });
      }
    });
    for (let number = 0; number < REPLIES_PER_CLAIM; number += 1) {
      const stance = pick(stances);
      const bodyText = sentence(words, claimIndex * REPLIES_PER_CLAIM + number);
      replies.push({
        id: seededUuid(),
        claimId,
        authorId: pick(annotators).id,
        body: bodyOf(bodyText),
        bodyText,
        stance,
        stanceAccountId: stance === "SUPPORTS" || stance === "OPPOSES" ? pick(accountIds) : null,
        createdAt: new Date(baseTime + 20_000_000 + claimIndex * 100_000 + number * 1000),
      });
    }
  });
  await insertInChunks(claims, (data) => prisma.claim.createMany({ data }));
  await insertInChunks(accounts, (data) => prisma.claimAccount.createMany({ data }));
  await insertInChunks(evidence, (data) => prisma.evidence.createMany({ data }));
  await insertInChunks(replies, (data) => prisma.reply.createMany({ data }));
  return imported.slug;
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** The highest RSS and heap seen while a format ran. */
class MemoryPeak {
  rss = 0;
  heap = 0;

  /** Takes one sample. */
  sample(): void {
    const usage = process.memoryUsage();
    this.rss = Math.max(this.rss, usage.rss);
    this.heap = Math.max(this.heap, usage.heapUsed);
  }
}

/** One export: load the model, write it, count the bytes. */
async function exportOnce(
  loadEdition: (slug: string) => Promise<Edition>,
  writer: EditionWriter,
  slug: string,
  peak: MemoryPeak,
): Promise<{ ms: number; bytes: number; loadMs: number }> {
  const started = performance.now();
  const edition = await loadEdition(slug);
  const loaded = performance.now();
  let bytes = 0;
  let chunks = 0;
  const stream: AsyncIterable<ExportChunk> | Iterable<ExportChunk> = writer(edition);
  for await (const chunk of stream) {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    chunks += 1;
    if (chunks % 64 === 0) {
      peak.sample();
    }
  }
  peak.sample();
  return { ms: performance.now() - started, bytes, loadMs: loaded - started };
}

/** Median of a list. */
function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

/** "12.3 MB". */
function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const database = await createTestDatabase("apparatus_bench");
  process.env.DATABASE_URL = database.url;
  const { prisma } = await import("@/lib/db");
  try {
    const seedStarted = performance.now();
    const slug = await seedEdition(prisma);
    console.log(
      `seeded: ${ANNOTATION_COUNT} annotations (${CLAIM_COUNT} claims, 1,000 accounts, 2,000 evidence), ${(CLAIM_COUNT * REPLIES_PER_CLAIM).toLocaleString("en")} replies in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const { loadEdition } = await import("@/lib/export/load-edition");
    const reader = await prisma.user.findFirstOrThrow({
      where: { role: "ANNOTATOR" },
      select: { id: true, role: true },
    });
    const formats: { format: string; writer: EditionWriter }[] = [
      { format: "html", writer: (await import("@/lib/export/formats/html")).writeHtml },
      { format: "md", writer: (await import("@/lib/export/formats/markdown")).writeMarkdown },
      { format: "tei", writer: (await import("@/lib/export/formats/tei")).writeTei },
      { format: "jsonld", writer: (await import("@/lib/export/formats/jsonld")).writeJsonLd },
      { format: "csl", writer: (await import("@/lib/export/formats/csl")).writeCslJson },
      { format: "bibtex", writer: (await import("@/lib/export/formats/bibtex")).writeBibtex },
      {
        format: "claimreview",
        writer: (await import("@/lib/export/formats/claimreview")).writeClaimReview,
      },
    ];
    if (process.argv.includes("--pdf")) {
      formats.push({ format: "pdf", writer: (await import("@/lib/export/formats/pdf")).writePdf });
    }

    console.log(
      "\n| format | median ms (load + write) | of which load, ms | bytes | peak RSS | peak heap | runs (ms) |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---|");
    const slow: string[] = [];
    for (const { format, writer } of formats) {
      const load = (articleSlug: string) =>
        loadEdition(reader, articleSlug, { format, exportedAt: EXPORTED_AT });
      // With --expose-gc, start each format from a collected heap, so peaks are its own.
      (globalThis as { gc?: () => void }).gc?.();
      const peak = new MemoryPeak();
      const timer = setInterval(() => peak.sample(), 5);
      const runs: { ms: number; bytes: number; loadMs: number }[] = [];
      try {
        await exportOnce(load, writer, slug, peak); // warm-up
        const timedRuns = format === "pdf" ? 3 : TIMED_RUNS;
        for (let run = 0; run < timedRuns; run += 1) {
          runs.push(await exportOnce(load, writer, slug, peak));
        }
      } finally {
        clearInterval(timer);
      }
      const ms = median(runs.map((run) => run.ms));
      if (ms >= TARGET_MS) {
        slow.push(format);
      }
      console.log(
        `| ${format} | ${ms.toFixed(0)} | ${median(runs.map((run) => run.loadMs)).toFixed(0)} | ${(runs[0]?.bytes ?? 0).toLocaleString("en")} | ${megabytes(peak.rss)} | ${megabytes(peak.heap)} | ${runs.map((run) => run.ms.toFixed(0)).join(", ")} |`,
      );
    }
    // Where the time goes: the model alone, with and without the dispute threads.
    for (const threads of [true, false]) {
      const times: number[] = [];
      for (let run = 0; run <= TIMED_RUNS; run += 1) {
        const started = performance.now();
        await loadEdition(reader, slug, { format: "jsonld", threads, exportedAt: EXPORTED_AT });
        if (run > 0) {
          times.push(performance.now() - started);
        }
      }
      console.log(
        `loadEdition alone, threads ${threads ? "included" : "left out"}: median ${median(times).toFixed(0)} ms (${times.map((ms) => ms.toFixed(0)).join(", ")})`,
      );
    }
    const { maxRSS } = process.resourceUsage();
    console.log(`\nprocess peak RSS (resourceUsage().maxRSS): ${megabytes(maxRSS * 1024)}`);
    console.log(
      slow.length === 0
        ? `every format under ${TARGET_MS} ms`
        : `over ${TARGET_MS} ms: ${slow.join(", ")}`,
    );
    process.exitCode = slow.filter((format) => format !== "pdf").length > 0 ? 1 : 0;
  } finally {
    await prisma.$disconnect();
    if (process.argv.includes("--keep")) {
      console.log(`database kept: ${database.url}`);
    } else {
      await database.drop();
    }
  }
}

await main();
