/**
 * The sources API (`app/api/sources`), through the real route modules and a real database of its
 * own: listing and downloads for anyone, 201 for an annotator's new source, 400 with per-entry
 * errors for a malformed import without confirmation, 401 for anonymous writes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { buildUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let collection: typeof import("@/app/api/sources/route");
let item: typeof import("@/app/api/sources/[id]/route");
let importRoute: typeof import("@/app/api/sources/import/route");
let secret: string;

const BASE = "http://apparatus.test";
const noParams = { params: Promise.resolve({}) };

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  process.env.NEXTAUTH_URL = BASE;
  collection = await import("@/app/api/sources/route");
  item = await import("@/app/api/sources/[id]/route");
  importRoute = await import("@/app/api/sources/import/route");
  const { createApiToken } = await import("@/lib/accounts/create-api-token");
  const annotator = await buildUser(prisma, { role: "ANNOTATOR" });
  secret = (await createApiToken(annotator, { name: "script" })).secret;
});

after(tearDownTestDatabase);

/** A JSON POST, with the annotator's token unless `isAnonymous`. */
function post(path: string, body: unknown, isAnonymous = false): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(isAnonymous ? { Origin: BASE } : { Authorization: `Bearer ${secret}` }),
    },
    body: JSON.stringify(body),
  });
}

describe("sources API", () => {
  it("creates a source (201), lists it and serves it, and refuses anonymous writes (401)", async () => {
    const created = await collection.POST(
      post("/api/sources", {
        csl: { type: "book", title: "Ghost Wars", author: [{ family: "Coll" }] },
      }),
      noParams,
    );
    assert.equal(created.status, 201);
    const saved = (await created.json()) as { id: string; key: string };
    assert.equal(saved.key, "collghost");

    const listed = await collection.GET(new Request(`${BASE}/api/sources?q=ghost`), noParams);
    const body = (await listed.json()) as { sources: { key: string }[] };
    assert.deepEqual(
      body.sources.map((source) => source.key),
      ["collghost"],
    );
    const one = await item.GET(new Request(`${BASE}/api/sources/${saved.id}`), {
      params: Promise.resolve({ id: saved.id }),
    });
    assert.equal(((await one.json()) as { source: { title: string } }).source.title, "Ghost Wars");
    const missing = await item.GET(new Request(`${BASE}/api/sources/nope`), {
      params: Promise.resolve({ id: "nope" }),
    });
    assert.equal(missing.status, 400);

    const anonymous = await collection.POST(
      post("/api/sources", { csl: { type: "book", title: "X" } }, true),
      noParams,
    );
    assert.equal(anonymous.status, 401);
    const badType = await collection.POST(
      post("/api/sources", { csl: { type: "scroll", title: "X" } }),
      noParams,
    );
    assert.equal(badType.status, 400);
    assert.match(
      ((await badType.json()) as { error: { message: string } }).error.message,
      /^type: /,
    );
  });

  it("answers text PostgreSQL cannot store (U+0000) with 400, writing nothing", async () => {
    const before = await prisma.source.count();
    const response = await collection.POST(
      post("/api/sources", { csl: { type: "book", title: "Nul\u0000 byte" } }),
      noParams,
    );
    assert.equal(response.status, 400);
    assert.match(
      ((await response.json()) as { error: { message: string } }).error.message,
      /NUL character, U\+0000/,
    );
    assert.equal(await prisma.source.count(), before);
  });

  it("downloads the library as BibTeX", async () => {
    const response = await collection.GET(
      new Request(`${BASE}/api/sources?format=bibtex`),
      noParams,
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-disposition") ?? "", /sources\.bib/);
    assert.match(await response.text(), /@book\{collghost,/);
    const bad = await collection.GET(new Request(`${BASE}/api/sources?format=doc`), noParams);
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), {
      error: {
        code: "INVALID_INPUT",
        message: "format: choose bibtex, ris or csl-json.",
        details: { field: "format" },
      },
    });
  });

  it("answers 400 with each malformed entry and line, and imports the rest once confirmed", async () => {
    const text = "@book{ok1, title = {Fine Book}}\n@book{bad1,\n  title = {Open\n}";
    const before = await prisma.source.count();
    const refused = await importRoute.POST(
      post("/api/sources/import", { format: "bibtex", text }),
      noParams,
    );
    assert.equal(refused.status, 400);
    const error = (await refused.json()) as {
      error: { details: { errors: { entry: string; line: number }[] } };
    };
    assert.equal(error.error.details.errors[0]?.entry, "bad1");
    assert.ok((error.error.details.errors[0]?.line ?? 0) >= 2);
    assert.equal(await prisma.source.count(), before);
    const confirmed = await importRoute.POST(
      post("/api/sources/import", { format: "bibtex", text, confirm: true }),
      noParams,
    );
    assert.equal(confirmed.status, 201);
    assert.equal(await prisma.source.count(), before + 1);
  });
});
