/**
 * The JSON-LD, CSL-JSON, BibTeX and ClaimReview writers on the export fixture (the seeded article
 * in a PostgreSQL database of its own): golden files (`UPDATE_GOLDEN=1` rewrites them),
 * byte-identical repeats, the W3C model's MUST assertions for the collection, its pages and every
 * annotation and reply, the API's own representation of each annotation, dispute threads as
 * replying annotations, paging of large editions, escaping of data that looks like markup, and
 * BibTeX that the source library reads back.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  assertMeetsW3c,
  hasW3cStandards,
  loadW3cAssertions,
  W3C_SKIP_MESSAGE,
} from "@/lib/annotations/w3c-annotation-schemas.fixture";
import { ANNOTATION_CONTEXT } from "@/lib/annotations/web-annotation";
import type { Actor } from "@/lib/auth/policy";
import { parseCitations } from "@/lib/sources/convert-citations";
import {
  buildExportFixture,
  EXPORT_FIXTURE_EXPORTED_AT,
  EXPORT_FIXTURE_IDS,
  EXPORT_FIXTURE_SECRETS,
  EXPORT_FIXTURE_SLUG,
  EXPORT_FIXTURE_USERS,
  type ExportFixture,
} from "@/seed/export-fixture";
import { projectRoot, setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { Edition, EditionAnnotation } from "../edition-model";
import type { ExportOptionsInput } from "../options";
import { writeBibtex } from "./bibtex";
import { VERDICT_RATINGS, writeClaimReview } from "./claimreview";
import { writeCslJson } from "./csl";
import { JSONLD_PAGE_SIZE, writeJsonLd } from "./jsonld";
import { collectText, type EditionWriter } from "./writer";

/** The site origin the golden files are written with. */
const BASE_URL = "https://apparatus.example";

/** The golden files' folder. */
const GOLDEN_DIR = path.join(projectRoot, "lib", "export", "__golden__");

let prisma: typeof import("@/lib/db").prisma;
let loadEdition: typeof import("../load-edition").loadEdition;
let findAnnotation: typeof import("@/lib/annotations/find-annotation").findAnnotation;
let toWebAnnotation: typeof import("@/lib/annotations/web-annotation").toWebAnnotation;
let fixture: ExportFixture;

before(async () => {
  process.env.NEXTAUTH_URL = BASE_URL;
  ({ prisma } = await setUpTestDatabase());
  ({ loadEdition } = await import("../load-edition"));
  ({ findAnnotation } = await import("@/lib/annotations/find-annotation"));
  ({ toWebAnnotation } = await import("@/lib/annotations/web-annotation"));
  fixture = await buildExportFixture(prisma);
});

after(tearDownTestDatabase);

/** The fixture's edition for `options`, exported by `actor` (anonymous by default). */
function load(
  options: Partial<ExportOptionsInput> = {},
  actor: Actor | null = null,
): Promise<Edition> {
  return loadEdition(actor, EXPORT_FIXTURE_SLUG, {
    format: "jsonld",
    exportedAt: EXPORT_FIXTURE_EXPORTED_AT,
    ...options,
  });
}

/** A writer's whole output for the fixture's edition. */
async function write(
  writer: EditionWriter,
  options: Partial<ExportOptionsInput> = {},
): Promise<string> {
  return collectText(writer(await load(options)));
}

/**
 * Compares with (or, with UPDATE_GOLDEN=1, rewrites) a golden file. The revision's id is the one
 * value the fixture does not fix (the article import makes it); it is written as `<revision-id>`.
 */
function assertGolden(name: string, output: string): void {
  const actual = output.replaceAll(fixture.revisionId, "<revision-id>");
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

/** The exported JSON-LD, parsed. */
interface ExportedCollection {
  "@context": string;
  id: string;
  type: string;
  total: number;
  last?: string;
  first?: ExportedPage;
  "@included"?: ExportedPage[];
}

/** An exported AnnotationPage. */
interface ExportedPage {
  id: string;
  startIndex: number;
  next?: string;
  prev?: string;
  partOf: { id: string; total: number };
  items: ({ id: string; creator: { id: string; name: string } } & Record<string, unknown>)[];
}

/** A copy of `edition` holding `count` annotations (copies of its own, with new ids). */
function withAnnotationCount(edition: Edition, count: number): Edition {
  const annotations: EditionAnnotation[] = [];
  for (let index = 0; index < count; index += 1) {
    const template = edition.annotations[index % edition.annotations.length];
    assert.ok(template);
    const suffix = index.toString(16).padStart(12, "0");
    annotations.push({
      ...template,
      id: `01900000-0000-7000-9000-${suffix}`,
      number: index + 1,
      claim: null,
    });
  }
  return { ...edition, annotations };
}

describe("golden files of the seeded article", () => {
  for (const [name, writer] of [
    ["edition.jsonld", writeJsonLd],
    ["edition.csl.json", writeCslJson],
    ["edition.bib", writeBibtex],
    ["edition.claimreview.jsonld", writeClaimReview],
  ] as const) {
    it(`writes ${name} exactly as its golden file`, async () => {
      assertGolden(name, await write(writer));
    });
  }

  it("writes byte-identical files for the same data and options", async () => {
    for (const writer of [writeJsonLd, writeCslJson, writeBibtex, writeClaimReview]) {
      assert.equal(await write(writer), await write(writer));
    }
  });

  it("derives the JSON-LD's IRIs from the article, revision and options, not the export date", async () => {
    const now = await write(writeJsonLd, { exportedAt: "2030-05-05T00:00:00.000Z" });
    assert.equal(now, await write(writeJsonLd));
    const collection = JSON.parse(now) as ExportedCollection;
    assert.equal(
      collection.id,
      `${BASE_URL}/api/articles/${EXPORT_FIXTURE_SLUG}/export?format=jsonld&revision=1`,
    );
    const claims = JSON.parse(await write(writeJsonLd, { only: "claims" })) as ExportedCollection;
    assert.equal(claims.id, `${collection.id}&only=claims`);
  });
});

describe("W3C Web Annotation JSON-LD", () => {
  it("serialises every annotation exactly as the API does", async () => {
    const collection = JSON.parse(await write(writeJsonLd)) as ExportedCollection;
    const all = collection.first?.items ?? [];
    assert.equal(all.length, collection.total);
    const items = all.filter((item) => item.motivation !== "replying");
    assert.equal(items.length, (await load()).annotations.length);
    assert.ok(items.length >= 8);
    const moderator: Actor = { id: EXPORT_FIXTURE_USERS.moderator.id, role: "MODERATOR" };
    for (const item of items) {
      const id = item.id.slice(item.id.lastIndexOf("/") + 1);
      const view = await findAnnotation(moderator, { id });
      assert.deepEqual(item, toWebAnnotation(view, BASE_URL, { embedded: true }), id);
    }
  });

  it("keeps annotation text that looks like markup as a string", async () => {
    const collection = JSON.parse(await write(writeJsonLd)) as ExportedCollection;
    const script = collection.first?.items.find((item) =>
      item.id.endsWith(EXPORT_FIXTURE_IDS.scriptComment),
    );
    const body = (script?.body as { value: string }[] | undefined)?.[0]?.value;
    assert.equal(
      body,
      "A partisan witness. <script>alert(1)</script> *not emphasis* [^9] # not a heading",
    );
    const infobox = collection.first?.items.find((item) =>
      item.id.endsWith(EXPORT_FIXTURE_IDS.infoboxHighlight),
    );
    assert.match(JSON.stringify(infobox?.target), /Shahnawaz Tanai \(from 1990\), <hr>/);
  });

  it("names people 'Annotator N' under IRIs local to the file when anonymised", async () => {
    const text = await write(writeJsonLd, { anonymise: true });
    const collection = JSON.parse(text) as ExportedCollection;
    for (const item of collection.first?.items ?? []) {
      assert.match(item.creator.name, /^Annotator \d+$/);
      assert.ok(item.creator.id.startsWith(`${collection.id}#person-`), item.creator.id);
    }
    for (const user of Object.values(EXPORT_FIXTURE_USERS)) {
      assert.ok(!text.includes(user.name), `${user.name} is not named`);
      assert.ok(!text.includes(user.id), `${user.name}'s id is not given`);
    }
  });

  it("pages a large edition: the first page embedded, the others under @included", async () => {
    const edition = withAnnotationCount(await load(), 2 * JSONLD_PAGE_SIZE + 5);
    const collection = JSON.parse(await collectText(writeJsonLd(edition))) as ExportedCollection;
    const pages = [collection.first, ...(collection["@included"] ?? [])];
    assert.deepEqual(
      pages.map((page) => [page?.startIndex, page?.items.length]),
      [
        [0, JSONLD_PAGE_SIZE],
        [JSONLD_PAGE_SIZE, JSONLD_PAGE_SIZE],
        [2 * JSONLD_PAGE_SIZE, 5],
      ],
    );
    assert.equal(collection.total, 2 * JSONLD_PAGE_SIZE + 5);
    assert.equal(collection.last, `${collection.id}#page-2`);
    assert.equal(pages[0]?.next, pages[1]?.id);
    assert.equal(pages[1]?.prev, pages[0]?.id);
    assert.equal(pages[2]?.next, undefined);
    assert.deepEqual(
      pages.flatMap((page) => page?.items.map((item) => item.id) ?? []),
      edition.annotations.map((annotation) => `${BASE_URL}/api/annotations/${annotation.id}`),
    );
  });

  it("writes an empty collection without pages when nothing is selected", async () => {
    const collection = JSON.parse(
      await write(writeJsonLd, { tags: ["no-such-tag"] }),
    ) as ExportedCollection;
    assert.equal(collection.total, 0);
    assert.equal(collection.first, undefined);
  });

  describe(
    "the W3C annotation model's MUST assertions",
    { skip: hasW3cStandards ? false : W3C_SKIP_MESSAGE },
    () => {
      it("holds for the collection, every page and every annotation", async () => {
        const annotationMusts = loadW3cAssertions("annotation");
        const collectionMusts = loadW3cAssertions("collection");
        const pageMusts = loadW3cAssertions("page");
        const edition = withAnnotationCount(await load(), JSONLD_PAGE_SIZE + 3);
        for (const text of [await write(writeJsonLd), await collectText(writeJsonLd(edition))]) {
          const collection = JSON.parse(text) as ExportedCollection;
          assertMeetsW3c(collectionMusts, collection);
          const pages = [collection.first, ...(collection["@included"] ?? [])];
          for (const page of pages) {
            // An embedded page shares the collection's @context.
            assertMeetsW3c(pageMusts, { "@context": ANNOTATION_CONTEXT, ...page });
          }
          for (const item of pages.flatMap((page) => page?.items ?? [])) {
            assertMeetsW3c(annotationMusts, { "@context": ANNOTATION_CONTEXT, ...item });
          }
        }
      });
    },
  );
});

describe("dispute threads in the W3C JSON-LD", () => {
  /** The IRI of a fixture reply (`0x5nn`) of the Jamal Agha claim. */
  function jamalReplyIri(suffix: number): string {
    const id = `01900000-0000-7000-8000-${suffix.toString(16).padStart(12, "0")}`;
    return `${BASE_URL}/articles/${EXPORT_FIXTURE_SLUG}/claims/${EXPORT_FIXTURE_IDS.jamalClaim}#reply-${id}`;
  }

  /** The items of the collection, all pages. */
  function itemsOf(collection: ExportedCollection): ExportedPage["items"] {
    return [collection.first, ...(collection["@included"] ?? [])].flatMap(
      (page) => page?.items ?? [],
    );
  }

  it("writes each visible reply right after its claim, replying to the claim's annotation", async () => {
    const collection = JSON.parse(await write(writeJsonLd)) as ExportedCollection;
    const items = itemsOf(collection);
    const claimIri = `${BASE_URL}/api/annotations/${EXPORT_FIXTURE_IDS.jamalClaimAnnotation}`;
    const at = items.findIndex((item) => item.id === claimIri);
    assert.ok(at >= 0);
    const replies = items.slice(at + 1, at + 5);
    assert.deepEqual(
      replies.map((item) => item.id),
      [0x501, 0x502, 0x503, 0x506].map(jamalReplyIri),
    );
    assert.notEqual(
      items[at + 5]?.motivation,
      "replying",
      "the thread ends after its four replies",
    );
    for (const reply of replies) {
      assert.equal(reply.type, "Annotation");
      assert.equal(reply.motivation, "replying");
      assert.equal(reply.target, claimIri);
    }
    assert.equal(
      items.filter((item) => item.motivation === "replying").length,
      collection.total - (await load()).annotations.length,
    );
  });

  it("carries the text, the stance with its account, the creator and the dates", async () => {
    const collection = JSON.parse(await write(writeJsonLd)) as ExportedCollection;
    const items = itemsOf(collection);
    const supports = items.find((item) => item.id === jamalReplyIri(0x502));
    assert.deepEqual(supports?.body, [
      {
        type: "TextualBody",
        value: "Yousaf, p. 213, had every reason to side against Massoud.",
        format: "text/plain",
        purpose: "replying",
      },
      {
        type: "TextualBody",
        value: "Supports “Massoud's account: Jamal Agha murdered four Jamiat commanders”",
        format: "text/plain",
        purpose: "assessing",
      },
    ]);
    assert.equal(supports?.["apparatus:stance"], "SUPPORTS");
    assert.deepEqual(supports?.["apparatus:stanceAccount"], {
      id: "01900000-0000-7000-8000-000000000401",
      title: "Massoud's account: Jamal Agha murdered four Jamiat commanders",
    });
    assert.deepEqual(supports?.creator, {
      id: `${BASE_URL}/users/${EXPORT_FIXTURE_USERS.annotator.id}`,
      type: "Person",
      name: EXPORT_FIXTURE_USERS.annotator.name,
    });
    assert.equal(supports?.created, "2026-01-05T10:00:00.000Z");
    assert.equal(supports?.modified, "2026-01-05T15:00:00.000Z", "edited: the edit's date");

    const stances = [0x501, 0x503, 0x506].map((suffix) => {
      const item = items.find((candidate) => candidate.id === jamalReplyIri(suffix));
      const stance = (item?.body as { value: string; purpose: string }[] | undefined)?.[1];
      return [item?.["apparatus:stance"], stance?.purpose, stance?.value.split(" ")[0]];
    });
    assert.deepEqual(stances, [
      ["QUESTION", "questioning", "Question"],
      ["OPPOSES", "assessing", "Opposes"],
      ["NEUTRAL", "assessing", "Neutral"],
    ]);
    const question = items.find((item) => item.id === jamalReplyIri(0x501));
    assert.equal(question?.modified, question?.created, "never edited: modified is created");
  });

  it("leaves hidden and deleted replies out", async () => {
    const text = await write(writeJsonLd);
    for (const secret of [
      EXPORT_FIXTURE_SECRETS.hiddenReply,
      EXPORT_FIXTURE_SECRETS.deletedReply,
    ]) {
      assert.ok(!text.includes(secret), `${secret} is not exported`);
    }
    assert.ok(!text.includes(EXPORT_FIXTURE_IDS.hiddenReply));
    assert.ok(!text.includes(EXPORT_FIXTURE_IDS.deletedReply));
  });

  it("leaves every reply out when threads are left out", async () => {
    const collection = JSON.parse(
      await write(writeJsonLd, { threads: false }),
    ) as ExportedCollection;
    const items = itemsOf(collection);
    assert.equal(collection.total, (await load({ threads: false })).annotations.length);
    assert.equal(items.length, collection.total);
    assert.ok(items.every((item) => item.motivation !== "replying"));
  });

  it("names reply creators 'Annotator N' as the annotations' when anonymised", async () => {
    const text = await write(writeJsonLd, { anonymise: true });
    const collection = JSON.parse(text) as ExportedCollection;
    const replies = itemsOf(collection).filter((item) => item.motivation === "replying");
    assert.equal(replies.length, 4);
    const edition = await load({ anonymise: true });
    const people = new Map(
      edition.contributors.map((contributor) => [contributor.person.ref, contributor.person.name]),
    );
    for (const reply of replies) {
      assert.match(reply.creator.name, /^Annotator \d+$/);
      const ref = reply.creator.id.slice(`${collection.id}#`.length);
      assert.ok(reply.creator.id.startsWith(`${collection.id}#person-`), reply.creator.id);
      assert.equal(people.get(ref), reply.creator.name);
    }
    for (const user of Object.values(EXPORT_FIXTURE_USERS)) {
      assert.ok(!text.includes(user.name), `${user.name} is not named`);
      assert.ok(!text.includes(user.id), `${user.name}'s id is not given`);
    }
  });

  it("pages replies with the annotations: each page holds the page size, in order", async () => {
    const edition = await load();
    const claimAnnotation = edition.annotations.find(
      (annotation) => annotation.id === EXPORT_FIXTURE_IDS.jamalClaimAnnotation,
    );
    const claim = claimAnnotation?.claim;
    const template = claim?.replies[0];
    assert.ok(claimAnnotation && claim && template);
    const replies = Array.from({ length: JSONLD_PAGE_SIZE + 10 }, (_, index) => ({
      ...template,
      id: `01900000-0000-7000-9000-${index.toString(16).padStart(12, "0")}`,
      number: index + 1,
    }));
    const big: Edition = {
      ...edition,
      annotations: edition.annotations.map((annotation) =>
        annotation === claimAnnotation
          ? { ...annotation, claim: { ...claim, replies } }
          : annotation,
      ),
    };
    const collection = JSON.parse(await collectText(writeJsonLd(big))) as ExportedCollection;
    const otherReplies = edition.annotations.reduce(
      (count, annotation) =>
        count + (annotation === claimAnnotation ? 0 : (annotation.claim?.replies.length ?? 0)),
      0,
    );
    const total = edition.annotations.length + otherReplies + replies.length;
    assert.equal(collection.total, total);
    const pages = [collection.first, ...(collection["@included"] ?? [])];
    assert.deepEqual(
      pages.map((page) => [page?.startIndex, page?.items.length]),
      [
        [0, JSONLD_PAGE_SIZE],
        [JSONLD_PAGE_SIZE, total - JSONLD_PAGE_SIZE],
      ],
    );
    const items = itemsOf(collection);
    const at = items.findIndex((item) => item.id.endsWith(EXPORT_FIXTURE_IDS.jamalClaimAnnotation));
    assert.deepEqual(
      items.slice(at + 1, at + 1 + replies.length).map((item) => item.id),
      replies.map(
        (reply) =>
          `${BASE_URL}/articles/${EXPORT_FIXTURE_SLUG}/claims/${claim.id}#reply-${reply.id}`,
      ),
    );
    if (hasW3cStandards) {
      const annotationMusts = loadW3cAssertions("annotation");
      for (const item of items) {
        assertMeetsW3c(annotationMusts, { "@context": ANNOTATION_CONTEXT, ...item });
      }
    }
  });
});

describe("CSL-JSON and BibTeX", () => {
  it("lists the edition's sources by key, each with its key as id", async () => {
    const keys = (await load()).sources.map((source) => source.key);
    assert.ok(keys.includes("yousaf1992bear") && keys.includes("halim2013"), keys.join(", "));
    assert.deepEqual(keys, [...keys].sort());
    const items = JSON.parse(await write(writeCslJson)) as { id: string; title: string }[];
    assert.deepEqual(
      items.map((item) => item.id),
      keys,
    );
    assert.deepEqual(parseCitations(JSON.stringify(items), "csl-json").errors, []);
  });

  it("writes BibTeX entries keyed by the source keys that the library reads back", async () => {
    const sources = (await load()).sources;
    const bibtex = await write(writeBibtex);
    assert.deepEqual(
      [...bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((match) => match[1]),
      sources.map((source) => source.key),
    );
    const parsed = parseCitations(bibtex, "bibtex");
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.items.map((item) => item.title),
      sources.map((source) => source.title),
    );
  });

  it("escapes BibTeX's special characters, and the text reads back unchanged", async () => {
    const edition = await load();
    const title = "Wars & {Rumours}: 100% of $5 #1 ~ ^ _under_ \\ <script>alert(1)</script>";
    const source = edition.sources[0];
    assert.ok(source);
    const tricky: Edition = {
      ...edition,
      sources: [{ ...source, title, csl: { ...source.csl, title, publisher: "Leo & Co" } }],
    };
    const bibtex = await collectText(writeBibtex(tricky));
    assert.ok(bibtex.includes("\\&"), bibtex);
    assert.ok(bibtex.includes("100\\%"), bibtex);
    assert.ok(bibtex.includes("\\#1"), bibtex);
    assert.ok(!bibtex.includes("<script>"), bibtex);
    const parsed = parseCitations(bibtex, "bibtex");
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.items[0]?.title, title);
    assert.equal(parsed.items[0]?.publisher, "Leo & Co");
    const csl = JSON.parse(await collectText(writeCslJson(tricky))) as { title: string }[];
    assert.equal(csl[0]?.title, title);
  });
});

describe("schema.org ClaimReview", () => {
  it("reviews each resolved claim with its verdict, rationale, moderator and date", async () => {
    const document = JSON.parse(await write(writeClaimReview)) as {
      "@context": string;
      "@graph": Record<string, unknown>[];
    };
    assert.equal(document["@context"], "https://schema.org");
    assert.deepEqual(document["@graph"], [
      {
        "@type": "ClaimReview",
        "@id": `${BASE_URL}/articles/${EXPORT_FIXTURE_SLUG}/claims/${EXPORT_FIXTURE_IDS.bbcClaim}#review`,
        url: `${BASE_URL}/articles/${EXPORT_FIXTURE_SLUG}/claims/${EXPORT_FIXTURE_IDS.bbcClaim}`,
        claimReviewed: "Did Massoud know of the Jalalabad operation?",
        reviewRating: {
          "@type": "Rating",
          ratingValue: 2,
          bestRating: 3,
          worstRating: 1,
          alternateName: "Contested",
        },
        reviewBody: "The sources disagree and none settles it.",
        author: { "@type": "Person", name: "Daniel Okafor" },
        datePublished: "2026-01-09",
        dateModified: "2026-01-09T10:00:00.000Z",
        itemReviewed: {
          "@type": "Claim",
          text: "Massoud even said it was by BBC radio that he learned about the operation.",
          appearance: {
            "@type": "Article",
            url: `${BASE_URL}/articles/${EXPORT_FIXTURE_SLUG}#annotation-${EXPORT_FIXTURE_IDS.bbcClaimAnnotation}`,
            headline: "Afghan Civil War (1989–1992)",
          },
        },
      },
    ]);
  });

  it("rates rejected 1, contested 2 and accepted 3, and leaves open claims out", async () => {
    assert.deepEqual(
      Object.entries(VERDICT_RATINGS).map(([status, rating]) => [status, rating?.ratingValue]),
      [
        ["REJECTED", 1],
        ["CONTESTED", 2],
        ["ACCEPTED", 3],
      ],
    );
    const edition = await load();
    const resolved: Edition = {
      ...edition,
      annotations: edition.annotations.map((annotation) =>
        annotation.claim
          ? {
              ...annotation,
              claim: {
                ...annotation.claim,
                status: "ACCEPTED",
                title: "",
                statusRationale: "Settled <b>beyond</b> doubt & agreed.",
              },
            }
          : annotation,
      ),
    };
    const document = JSON.parse(await collectText(writeClaimReview(resolved))) as {
      "@graph": {
        claimReviewed: string;
        reviewBody: string;
        reviewRating: { ratingValue: number };
      }[];
    };
    assert.equal(document["@graph"].length, 3);
    assert.ok(document["@graph"].every((review) => review.reviewRating.ratingValue === 3));
    assert.ok(
      document["@graph"].some((review) => review.claimReviewed.startsWith("In 1989, Massoud")),
      "a claim without a title is reviewed under its passage",
    );
    assert.equal(document["@graph"][0]?.reviewBody, "Settled <b>beyond</b> doubt & agreed.");
  });

  it("names the moderator 'Annotator N' when anonymised", async () => {
    const text = await write(writeClaimReview, { anonymise: true });
    const document = JSON.parse(text) as { "@graph": { author: { name: string } }[] };
    assert.match(document["@graph"][0]?.author.name ?? "", /^Annotator \d+$/);
    assert.ok(!text.includes("Daniel Okafor"));
  });
});
