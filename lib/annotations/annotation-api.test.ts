/**
 * The W3C Web Annotation Protocol container (`app/api/annotations`), through the real route
 * modules and a real database of its own: LDP headers, paging, 201 with Location and ETag, If-Match
 * (428 / 412), bearer-token authentication, visibility, and 4xx answers with messages. Responses
 * are checked against the W3C MUST assertions where ../shared/standards is present.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { describeTextRange } from "@/lib/anchoring/selectors";
import { buildAnnotation, findAnnotatableRevision } from "@/seed/annotation-factories";
import { buildArticleText, buildGroup, buildUser, toBytes, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import {
  assertMeetsW3c,
  hasW3cStandards,
  loadW3cAssertions,
  W3C_SKIP_MESSAGE,
} from "./w3c-annotation-schemas.fixture";

let prisma: typeof import("@/lib/db").prisma;
let container: typeof import("@/app/api/annotations/route");
let item: typeof import("@/app/api/annotations/[id]/route");

const BASE = "http://apparatus.test";
const ANNO_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const noParams = { params: Promise.resolve({}) };

let author: BuiltUser;
let authorSecret: string;
let otherSecret: string;
let memberSecret: string;
let readerSecret: string;
let groupId: string;
let slug: string;
let revision: { articleId: string; revisionId: string; plainText: string };

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  process.env.NEXTAUTH_URL = BASE;
  container = await import("@/app/api/annotations/route");
  item = await import("@/app/api/annotations/[id]/route");
  const { createApiToken } = await import("@/lib/accounts/create-api-token");
  const { importArticle } = await import("@/lib/articles/import-article");

  author = await buildUser(prisma, { role: "ANNOTATOR", name: "Anwar Author" });
  const other = await buildUser(prisma, { role: "ANNOTATOR" });
  const member = await buildUser(prisma, { role: "ANNOTATOR" });
  const reader = await buildUser(prisma, { role: "READER" });
  authorSecret = (await createApiToken(author, { name: "script" })).secret;
  otherSecret = (await createApiToken(other, { name: "script" })).secret;
  memberSecret = (await createApiToken(member, { name: "script" })).secret;
  readerSecret = (await createApiToken(reader, { name: "script" })).secret;
  groupId = (await buildGroup(prisma, { moderators: [author], members: [member] })).id;

  const imported = await importArticle(
    toBytes(
      buildArticleText({
        title: `API test ${randomUUID().slice(0, 8)}`,
        body: [
          "The lead names Ahmad Shah Massoud.",
          "",
          "== Background ==",
          "In 1989, Massoud arrested and executed Jamal Agha.",
          "Pashto: د افغانستان کورنۍ جګړه په ۱۹۸۹ کې پیل شوه.",
        ].join("\n"),
      }),
    ),
  );
  slug = imported.slug;
  revision = await findAnnotatableRevision(prisma, imported.articleId);
});

after(tearDownTestDatabase);

function request(path: string, init: RequestInit & { token?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.token) {
    headers.set("authorization", `Bearer ${init.token}`);
  }
  return new Request(`${BASE}${path}`, { ...init, headers });
}

function idParams(id: string) {
  return { params: Promise.resolve({ id }) };
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

/** A W3C annotation of `quote` in the test article, with overrides. */
function webAnnotation(quote = "Jamal Agha", overrides: Record<string, unknown> = {}) {
  const start = revision.plainText.indexOf(quote);
  const { quote: quoteSelector, position } = describeTextRange(
    revision.plainText,
    start,
    start + quote.length,
  );
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value: "Who else reports this?", format: "text/plain" },
    target: { source: `${BASE}/articles/${slug}`, selector: [quoteSelector, position] },
    ...overrides,
  };
}

function post(body: unknown, token?: string, headers: Record<string, string> = {}) {
  return container.POST(
    request("/api/annotations", {
      method: "POST",
      token,
      headers: { "content-type": ANNO_TYPE, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    noParams,
  );
}

/** Creates an annotation through the API as the author; returns its id. */
async function postAsAuthor(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await post(webAnnotation("Jamal Agha", overrides), authorSecret);
  assert.equal(response.status, 201, JSON.stringify(await response.clone().json()));
  const location = response.headers.get("location") ?? "";
  return location.slice(location.lastIndexOf("/") + 1);
}

describe("GET /api/annotations", () => {
  it("describes an LDP BasicContainer constrained by the protocol, in the annotation media type", async () => {
    const response = await container.GET(request("/api/annotations"), noParams);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), ANNO_TYPE);
    const link = response.headers.get("link") ?? "";
    assert.match(link, /<http:\/\/www\.w3\.org\/ns\/ldp#BasicContainer>; rel="type"/);
    assert.match(
      link,
      /<http:\/\/www\.w3\.org\/TR\/annotation-protocol\/>; rel="http:\/\/www\.w3\.org\/ns\/ldp#constrainedBy"/,
    );
    assert.match(response.headers.get("allow") ?? "", /GET.*POST/);
    assert.equal(response.headers.get("vary"), "Accept");
    const body = (await response.json()) as { type: string[]; "@context": string[] };
    assert.deepEqual(body.type, ["BasicContainer", "AnnotationCollection"]);
    assert.deepEqual(body["@context"], [
      "http://www.w3.org/ns/anno.jsonld",
      "http://www.w3.org/ns/ldp.jsonld",
    ]);
  });

  it("pages 25 annotations by 20, with the first page embedded and next/prev links", async () => {
    const pagedArticle = await (
      await import("@/lib/articles/import-article")
    ).importArticle(toBytes(buildArticleText({ title: `Paged ${randomUUID().slice(0, 8)}` })));
    const pagedRevision = await findAnnotatableRevision(prisma, pagedArticle.articleId);
    for (let index = 0; index < 25; index += 1) {
      await buildAnnotation(prisma, pagedRevision, {
        authorId: author.id,
        quote: "lead paragraph",
      });
    }
    const path = `/api/annotations?article=${pagedArticle.slug}`;
    const collection = (await (await container.GET(request(path), noParams)).json()) as {
      id: string;
      total: number;
      first: { items: unknown[]; next: string };
      last: string;
    };
    assert.equal(collection.id, `${BASE}${path}`);
    assert.equal(collection.total, 25);
    assert.equal(collection.first.items.length, 20);
    assert.equal(collection.first.next, `${BASE}${path}&page=1`);
    assert.equal(collection.last, `${BASE}${path}&page=1`);

    const page = (await (await container.GET(request(`${path}&page=1`), noParams)).json()) as {
      type: string;
      items: unknown[];
      startIndex: number;
      prev: string;
      next?: string;
      partOf: { id: string; total: number };
    };
    assert.equal(page.type, "AnnotationPage");
    assert.equal(page.items.length, 5);
    assert.equal(page.startIndex, 20);
    assert.equal(page.prev, `${BASE}${path}&page=0`);
    assert.equal(page.next, undefined);
    assert.deepEqual(page.partOf, { id: `${BASE}${path}`, total: 25 });
  });

  const bad: [name: string, query: string, status: number, message: RegExp][] = [
    ["a page that is not a number", "?page=two", 400, /^page: /],
    ["a negative page", "?page=-1", 400, /^page: /],
    ["an unknown article", "?article=no-such-article", 404, /^article: no such article/],
  ];
  for (const [name, query, status, message] of bad) {
    it(`answers ${status} with a message for ${name}`, async () => {
      const response = await container.GET(request(`/api/annotations${query}`), noParams);
      assert.equal(response.status, status);
      assert.match((await errorOf(response)).message, message);
    });
  }
});

describe("POST /api/annotations", () => {
  it("creates from W3C JSON-LD with a bearer token: 201, Location, ETag, the annotation back", async () => {
    const response = await post(
      webAnnotation("Jamal Agha", {
        body: [
          { type: "TextualBody", value: "Who else reports this?" },
          { type: "TextualBody", value: "Source Critique", purpose: "tagging" },
        ],
      }),
      authorSecret,
    );
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("content-type"), ANNO_TYPE);
    assert.equal(response.headers.get("etag"), 'W/"1"');
    const body = (await response.json()) as { id: string; creator: { name: string } };
    assert.equal(response.headers.get("location"), body.id);
    assert.match(body.id, new RegExp(`^${BASE}/api/annotations/[0-9a-f-]{36}$`));
    assert.equal(body.creator.name, "Anwar Author");
    const stored = await prisma.annotation.findUniqueOrThrow({
      where: { id: body.id.slice(body.id.lastIndexOf("/") + 1) },
    });
    assert.equal(stored.authorId, author.id);
    assert.deepEqual(stored.tags, ["source critique"]);
    assert.equal(stored.bodyText, "Who else reports this?");
  });

  it("creates a claim from motivation assessing with a classifying body", async () => {
    const id = await postAsAuthor({
      motivation: "assessing",
      body: [{ type: "TextualBody", value: "disputed", purpose: "classifying" }],
    });
    const claim = await prisma.claim.findUniqueOrThrow({ where: { annotationId: id } });
    assert.equal(claim.status, "OPEN");
  });

  it("finds the position of a Pashto quote sent without a TextPositionSelector", async () => {
    const quote = "د افغانستان کورنۍ جګړه";
    const annotation = webAnnotation(quote);
    annotation.target.selector = [annotation.target.selector[0]!];
    const response = await post(annotation, authorSecret);
    assert.equal(response.status, 201);
    const body = (await response.json()) as {
      target: { selector: { type: string; start?: number }[] };
    };
    assert.equal(body.target.selector[1]?.start, revision.plainText.indexOf(quote));
  });

  it("describes the quote of a position sent without a TextQuoteSelector", async () => {
    const annotation = webAnnotation("Jamal Agha");
    annotation.target.selector = [annotation.target.selector[1]!];
    const response = await post(annotation, authorSecret);
    assert.equal(response.status, 201);
    const body = (await response.json()) as { target: { selector: { exact?: string }[] } };
    assert.equal(body.target.selector[0]?.exact, "Jamal Agha");
  });

  /** Replaced by the article slug when the row runs. */
  const slugPlaceholder = "__SLUG__";
  const refusals: [
    name: string,
    body: () => unknown,
    token: () => string | undefined,
    status: number,
    message: RegExp,
  ][] = [
    [
      "malformed JSON",
      () => "{ not json",
      () => authorSecret,
      400,
      /^annotation: the request body is not valid JSON/,
    ],
    ["an empty body", () => "", () => authorSecret, 400, /^annotation: the request body is empty/],
    [
      "an unknown motivation",
      () => webAnnotation("Jamal Agha", { motivation: "bookmarking" }),
      () => authorSecret,
      400,
      /^motivation: "bookmarking" is not supported/,
    ],
    [
      "a missing @context",
      () => webAnnotation("Jamal Agha", { "@context": undefined }),
      () => authorSecret,
      400,
      /^@context: /,
    ],
    [
      "a quote not at its position",
      () =>
        webAnnotation("Jamal Agha", {
          target: {
            source: `${BASE}/articles/${slugPlaceholder}`,
            selector: [
              { type: "TextQuoteSelector", exact: "Jamal Aghb", prefix: "", suffix: "" },
              { type: "TextPositionSelector", start: 0, end: 10 },
            ],
          },
        }),
      () => authorSecret,
      400,
      /^target\.quote\.exact: /,
    ],
    [
      "a quote that is not in the article",
      () =>
        webAnnotation("Jamal Agha", {
          target: {
            source: `${BASE}/articles/${slugPlaceholder}`,
            selector: { type: "TextQuoteSelector", exact: "Kabul fell" },
          },
        }),
      () => authorSecret,
      400,
      /^target\.selector: the quote is not in the article's current text/,
    ],
    [
      "an article that does not exist",
      () =>
        webAnnotation("Jamal Agha", {
          target: {
            source: `${BASE}/articles/nope`,
            selector: { type: "TextPositionSelector", start: 0, end: 3 },
          },
        }),
      () => authorSecret,
      404,
      /^target\.source: no article "nope"/,
    ],
    [
      "an HTML body",
      () =>
        webAnnotation("Jamal Agha", {
          body: { type: "TextualBody", value: "<script>alert(1)</script>", format: "text/html" },
        }),
      () => authorSecret,
      400,
      /^body: HTML bodies are not accepted/,
    ],
    ["a reader's token", () => webAnnotation(), () => readerSecret, 403, /annotator role/],
    ["no credentials", () => webAnnotation(), () => undefined, 403, /Cross-site request refused/],
    [
      "a revoked-looking token",
      () => webAnnotation(),
      () => `apx_${"b".repeat(43)}`,
      401,
      /token is invalid, expired or revoked/,
    ],
  ];
  for (const [name, body, token, status, message] of refusals) {
    it(`answers ${status} with a message for ${name}, and writes nothing`, async () => {
      const before = await prisma.annotation.count();
      const raw = body();
      const payload =
        typeof raw === "string" ? raw : JSON.stringify(raw).replaceAll(slugPlaceholder, slug);
      const response = await post(payload, token());
      assert.equal(response.status, status);
      assert.match((await errorOf(response)).message, message);
      assert.equal(await prisma.annotation.count(), before);
    });
  }

  it("refuses an anonymous same-origin POST with 401", async () => {
    const response = await post(webAnnotation(), undefined, { origin: BASE });
    assert.equal(response.status, 401);
  });

  it("answers 400, writing nothing, for text the database cannot store (NUL, a lone surrogate)", async () => {
    for (const value of ["Nul\u0000 here", "Half a pair \ud83d here"]) {
      const response = await post(
        webAnnotation("Jamal Agha", {
          body: { type: "TextualBody", value, format: "text/plain" },
        }),
        authorSecret,
      );
      assert.equal(response.status, 400, value);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, "INVALID_INPUT");
      assert.match(error.message, /cannot be stored/);
    }
  });

  it("answers 413 for an annotation over the request limit", async () => {
    const response = await post(
      webAnnotation("Jamal Agha", { bodyValue: "x".repeat(600 * 1024), body: undefined }),
      authorSecret,
    );
    assert.equal(response.status, 413);
  });
});

describe("GET, PUT and DELETE /api/annotations/:id", () => {
  it("gives one annotation with its ETag and headers", async () => {
    const id = await postAsAuthor();
    const response = await item.GET(request(`/api/annotations/${id}`), idParams(id));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("etag"), 'W/"1"');
    assert.equal(response.headers.get("content-type"), ANNO_TYPE);
    assert.match(response.headers.get("allow") ?? "", /PUT.*DELETE/);
    const body = (await response.json()) as { id: string; motivation: string };
    assert.equal(body.id, `${BASE}/api/annotations/${id}`);
    assert.equal(body.motivation, "commenting");
  });

  it("answers 404 for an unknown or malformed id", async () => {
    for (const id of [randomUUID(), "not-an-id"]) {
      const response = await item.GET(request(`/api/annotations/${id}`), idParams(id));
      assert.equal(response.status, 404);
    }
  });

  function put(id: string, body: unknown, token: string | undefined, ifMatch?: string) {
    return item.PUT(
      request(`/api/annotations/${id}`, {
        method: "PUT",
        token,
        headers: { "content-type": ANNO_TYPE, ...(ifMatch ? { "if-match": ifMatch } : {}) },
        body: JSON.stringify(body),
      }),
      idParams(id),
    );
  }

  it("requires If-Match for PUT (428) and refuses a stale one (412), writing nothing", async () => {
    const id = await postAsAuthor();
    const edit = webAnnotation("Jamal Agha", { bodyValue: "Edited", body: undefined });
    const missing = await put(id, edit, authorSecret);
    assert.equal(missing.status, 428);
    assert.match((await errorOf(missing)).message, /^Precondition Required: send If-Match/);

    const first = await put(id, edit, authorSecret, 'W/"1"');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("etag"), 'W/"2"');

    const stale = await put(
      id,
      webAnnotation("Jamal Agha", { bodyValue: "Lost?", body: undefined }),
      authorSecret,
      'W/"1"',
    );
    assert.equal(stale.status, 412);
    const error = await errorOf(stale);
    assert.equal(error.code, "PRECONDITION_FAILED");
    assert.match(
      error.message,
      /^Precondition Failed: This annotation was changed by someone else \(now version 2/,
    );
    const stored = await prisma.annotation.findUniqueOrThrow({ where: { id } });
    assert.equal(stored.bodyText, "Edited");
    assert.equal(stored.version, 2);

    const foreign = await put(id, edit, authorSecret, '"some-other-etag"');
    assert.equal(foreign.status, 412);
  });

  it("keeps the visibility on a PUT that does not name one", async () => {
    const id = await postAsAuthor({ "apparatus:visibility": "private" });
    const response = await put(
      id,
      webAnnotation("Jamal Agha", { bodyValue: "Still private", body: undefined }),
      authorSecret,
      'W/"1"',
    );
    assert.equal(response.status, 200);
    const stored = await prisma.annotation.findUniqueOrThrow({ where: { id } });
    assert.equal(stored.visibility, "PRIVATE");
  });

  it("refuses another annotator's PUT with 403", async () => {
    const id = await postAsAuthor();
    const response = await put(id, webAnnotation(), otherSecret, 'W/"1"');
    assert.equal(response.status, 403);
  });

  it("deletes with or without If-Match (204), refusing a stale one (412)", async () => {
    const id = await postAsAuthor();
    const del = (ifMatch?: string) =>
      item.DELETE(
        request(`/api/annotations/${id}`, {
          method: "DELETE",
          token: authorSecret,
          headers: ifMatch ? { "if-match": ifMatch } : {},
        }),
        idParams(id),
      );
    assert.equal((await del('W/"7"')).status, 412);
    assert.equal((await del()).status, 204);
    const gone = await item.GET(request(`/api/annotations/${id}`), idParams(id));
    assert.equal(gone.status, 404);
    assert.equal((await del()).status, 404);

    const second = await postAsAuthor();
    const withTag = await item.DELETE(
      request(`/api/annotations/${second}`, {
        method: "DELETE",
        token: authorSecret,
        headers: { "if-match": 'W/"1"' },
      }),
      idParams(second),
    );
    assert.equal(withTag.status, 204);
  });
});

describe("visibility through the API", () => {
  let groupNote: string;
  let privateNote: string;

  before(async () => {
    groupNote = await postAsAuthor({
      "apparatus:visibility": "group",
      "apparatus:group": groupId,
    });
    privateNote = await postAsAuthor({ "apparatus:visibility": "private" });
  });

  /** The ids in the container's pages for the article, as seen with `token`. */
  async function containerIds(token?: string): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 0; ; page += 1) {
      const response = await container.GET(
        request(`/api/annotations?article=${slug}&page=${page}`, { token }),
        noParams,
      );
      const body = (await response.json()) as { items: { id: string }[]; next?: string };
      ids.push(
        ...body.items.map((annotation) => annotation.id.slice(annotation.id.lastIndexOf("/") + 1)),
      );
      if (!body.next) {
        return ids;
      }
    }
  }

  async function itemStatus(id: string, token?: string): Promise<number> {
    return (await item.GET(request(`/api/annotations/${id}`, { token }), idParams(id))).status;
  }

  it("never shows a group's annotation to a non-member, in the container or as an item", async () => {
    for (const token of [otherSecret, readerSecret, undefined]) {
      const ids = await containerIds(token);
      assert.ok(!ids.includes(groupNote));
      assert.ok(!ids.includes(privateNote));
      assert.equal(await itemStatus(groupNote, token), 404);
      assert.equal(await itemStatus(privateNote, token), 404);
    }
  });

  it("shows the group's annotation to a member, and the private one only to its author", async () => {
    const memberIds = await containerIds(memberSecret);
    assert.ok(memberIds.includes(groupNote));
    assert.ok(!memberIds.includes(privateNote));
    assert.equal(await itemStatus(groupNote, memberSecret), 200);
    const authorIds = await containerIds(authorSecret);
    assert.ok(authorIds.includes(groupNote) && authorIds.includes(privateNote));
  });

  it("counts only what the caller may see in the container's total", async () => {
    const total = async (token?: string) =>
      (
        (await (
          await container.GET(request(`/api/annotations?article=${slug}`, { token }), noParams)
        ).json()) as { total: number }
      ).total;
    const privateByAuthor = await prisma.annotation.count({
      where: { articleId: revision.articleId, visibility: "PRIVATE", deletedAt: null },
    });
    assert.equal((await total(memberSecret)) - (await total(undefined)), 1);
    assert.equal((await total(authorSecret)) - (await total(memberSecret)), privateByAuthor);
  });
});

describe(
  "API responses against the W3C MUST assertions",
  { skip: hasW3cStandards ? false : W3C_SKIP_MESSAGE },
  () => {
    it("serves an annotation, a collection and a page that meet every MUST", async () => {
      const id = await postAsAuthor({
        motivation: "assessing",
        body: [
          { type: "TextualBody", value: "Doubtful." },
          { type: "TextualBody", value: "dubious", purpose: "classifying" },
          { type: "TextualBody", value: "jalalabad", purpose: "tagging" },
        ],
      });
      const annotation = await (
        await item.GET(request(`/api/annotations/${id}`), idParams(id))
      ).json();
      assertMeetsW3c(loadW3cAssertions("annotation"), annotation);
      const collection = (await (
        await container.GET(request(`/api/annotations?article=${slug}`), noParams)
      ).json()) as { "@context": unknown; first: Record<string, unknown> };
      assertMeetsW3c(loadW3cAssertions("collection"), collection);
      assertMeetsW3c(loadW3cAssertions("page"), {
        "@context": collection["@context"],
        ...collection.first,
      });
      const page = await (
        await container.GET(request(`/api/annotations?article=${slug}&page=0`), noParams)
      ).json();
      assertMeetsW3c(loadW3cAssertions("page"), page);
    });
  },
);
