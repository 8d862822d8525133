/**
 * The HTTP API's authentication and error handling, through real route modules and a real
 * database: bearer tokens (valid, revoked, malformed), the CSRF origin check for cookie-
 * authenticated writes, and the JSON error responses (400/401/403/413 with a message).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { readSeedArticle } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let me: typeof import("@/app/api/me/route");
let articles: typeof import("@/app/api/articles/route");
let resolveApiActor: typeof import("./resolve-api-actor").resolveApiActor;
let adminSecret: string;
let readerSecret: string;
let revokedSecret: string;
let adminId: string;

const BASE = "http://apparatus.test";
const noParams = { params: Promise.resolve({}) };

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  process.env.NEXTAUTH_URL = BASE;
  me = await import("@/app/api/me/route");
  articles = await import("@/app/api/articles/route");
  ({ resolveApiActor } = await import("./resolve-api-actor"));
  const { createApiToken } = await import("@/lib/accounts/create-api-token");
  const { revokeApiToken } = await import("@/lib/accounts/revoke-api-token");
  const admin = await prisma.user.create({
    data: { email: "admin@api.test", name: "Admin", role: "ADMIN" },
  });
  const reader = await prisma.user.create({
    data: { email: "reader@api.test", name: "Reader", role: "READER" },
  });
  adminId = admin.id;
  adminSecret = (await createApiToken(admin, { name: "script" })).secret;
  readerSecret = (await createApiToken(reader, { name: "script" })).secret;
  const revoked = await createApiToken(reader, { name: "old" });
  await revokeApiToken(reader, { id: revoked.token.id });
  revokedSecret = revoked.secret;
});

after(tearDownTestDatabase);

function request(path: string, init: RequestInit & { token?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.token) {
    headers.set("authorization", `Bearer ${init.token}`);
  }
  return new Request(`${BASE}${path}`, { ...init, headers });
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

describe("API authentication", () => {
  it("accepts a valid bearer token and records its use", async () => {
    const response = await me.GET(request("/api/me", { token: adminSecret }), noParams);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id: adminId, role: "ADMIN" });
    const uses = await prisma.auditEvent.count({
      where: { action: "auth.token_used", actorId: adminId },
    });
    assert.equal(uses, 1);
  });

  const refused: [name: string, authorization: string][] = [
    ["a revoked token", `Bearer ${"REVOKED"}`],
    ["an unknown token", `Bearer apx_${"a".repeat(43)}`],
    ["a malformed header", "Basic dXNlcjpwYXNz"],
    ["an empty bearer", "Bearer "],
  ];
  for (const [name, authorization] of refused) {
    it(`refuses ${name} with 401 and a message`, async () => {
      const header = authorization.replace("REVOKED", revokedSecret);
      const response = await me.GET(
        request("/api/me", { headers: { authorization: header } }),
        noParams,
      );
      assert.equal(response.status, 401);
      assert.match((await errorOf(response)).message, /token is invalid, expired or revoked/);
    });
  }

  it("answers 401 to an anonymous caller", async () => {
    const response = await me.GET(request("/api/me"), noParams);
    assert.equal(response.status, 401);
    assert.equal((await errorOf(response)).code, "UNAUTHENTICATED");
  });

  const origins: [name: string, headers: Record<string, string>, allowed: boolean][] = [
    ["another site's Origin", { origin: "https://evil.example" }, false],
    ["no Origin or Referer", {}, false],
    ["a Referer from another site", { referer: "https://evil.example/page" }, false],
    ["our own Origin", { origin: BASE }, true],
    ["our own Referer", { referer: `${BASE}/account` }, true],
  ];
  for (const [name, headers, allowed] of origins) {
    it(`${allowed ? "lets through" : "refuses"} a cookie-authenticated write with ${name}`, async () => {
      const attempt = resolveApiActor(request("/api/articles", { method: "POST", headers }));
      if (allowed) {
        assert.equal(await attempt, null, "no session cookie here, so anonymous");
      } else {
        await assert.rejects(attempt, { code: "FORBIDDEN" });
      }
    });
  }

  it("does not apply the origin check to bearer-token writes", async () => {
    const actor = await resolveApiActor(
      request("/api/articles", {
        method: "POST",
        token: readerSecret,
        headers: { origin: "https://evil.example" },
      }),
    );
    assert.equal(actor?.role, "READER");
  });
});

describe("POST /api/articles", () => {
  it("lets an administrator import an article, and reports an unchanged re-import", async () => {
    const upload = () =>
      articles.POST(
        request("/api/articles", { method: "POST", token: adminSecret, body: readSeedArticle() }),
        noParams,
      );
    const created = await upload();
    assert.equal(created.status, 201);
    const body = (await created.json()) as { slug: string; counts: { sections: number } };
    assert.equal(body.slug, "afghan-civil-war-1989-1992");
    assert.equal(body.counts.sections, 26);
    const revision = await prisma.articleRevision.findFirstOrThrow({
      where: { article: { slug: body.slug } },
    });
    assert.equal(revision.authorId, adminId);
    assert.equal((await upload()).status, 200);
  });

  it("refuses a reader with 403 and writes nothing", async () => {
    const before = await prisma.articleRevision.count();
    const response = await articles.POST(
      request("/api/articles", { method: "POST", token: readerSecret, body: "= Title =\nText\n" }),
      noParams,
    );
    assert.equal(response.status, 403);
    assert.equal(await prisma.articleRevision.count(), before);
  });

  const bad: [
    name: string,
    body: string | Uint8Array<ArrayBuffer>,
    query: string,
    status: number,
    message: RegExp,
  ][] = [
    ["an empty body", "", "", 400, /file is empty/],
    ["a title-less file", "== Section ==\nText\n", "", 400, /no title/],
    ["a binary file", new Uint8Array([0x00, 0x01, 0x02]), "", 400, /binary/],
    ["an invalid slug", "= T =\n", "?slug=Not%20A%20Slug", 400, /slug/],
    ["a file over 5 MB", "x".repeat(5 * 1024 * 1024 + 1), "", 413, /5 MB/],
  ];
  for (const [name, body, query, status, message] of bad) {
    it(`answers ${status} with a message for ${name}`, async () => {
      const response = await articles.POST(
        request(`/api/articles${query}`, { method: "POST", token: adminSecret, body }),
        noParams,
      );
      assert.equal(response.status, status);
      assert.match((await errorOf(response)).message, message);
    });
  }
});
