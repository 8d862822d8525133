/**
 * Integration tests of personal API tokens against a real PostgreSQL database of their own:
 * creating, listing, revoking and authenticating.
 */
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { buildUser, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let createApiToken: typeof import("./create-api-token").createApiToken;
let MAX_ACTIVE_API_TOKENS: number;
let listApiTokens: typeof import("./list-api-tokens").listApiTokens;
let revokeApiToken: typeof import("./revoke-api-token").revokeApiToken;
let authenticateApiToken: typeof import("./authenticate-api-token").authenticateApiToken;
let reader: BuiltUser;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ createApiToken, MAX_ACTIVE_API_TOKENS } = await import("./create-api-token"));
  ({ listApiTokens } = await import("./list-api-tokens"));
  ({ revokeApiToken } = await import("./revoke-api-token"));
  ({ authenticateApiToken } = await import("./authenticate-api-token"));
  reader = await buildUser(prisma, { role: "READER" });
});

after(tearDownTestDatabase);

/** Asserts that `promise` rejects with an AppError of `code` whose message matches `message`. */
async function rejectsWithAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.name, "AppError");
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

/** Audit events of one token with one action. */
function countEvents(tokenId: string, action: string): Promise<number> {
  return prisma.auditEvent.count({ where: { subjectId: tokenId, action } });
}

describe("createApiToken", () => {
  it("returns an apx_ secret once and stores only its sha256 and prefix", async () => {
    const { token, secret } = await createApiToken(reader, { name: "  export script " });
    assert.match(secret, /^apx_[A-Za-z0-9_-]{43}$/);
    assert.equal(token.prefix, secret.slice(4, 12));
    assert.equal(token.name, "export script");
    assert.equal(token.expiresAt, null);
    assert.deepEqual(Object.keys(token).sort(), ["createdAt", "expiresAt", "id", "name", "prefix"]);
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    assert.equal(stored.tokenHash, createHash("sha256").update(secret).digest("hex"));
    assert.equal(await countEvents(token.id, "auth.token_created"), 1);
  });

  it("sets an expiry when asked", async () => {
    const { token } = await createApiToken(reader, { name: "short-lived", expiresInDays: 30 });
    const days = ((token.expiresAt?.getTime() ?? 0) - Date.now()) / (24 * 60 * 60 * 1000);
    assert.ok(days > 29.9 && days <= 30);
  });

  it(`refuses more than the maximum of active tokens, but not while revoked ones are left out`, async () => {
    const user = await buildUser(prisma);
    const created = [];
    for (let index = 0; index < MAX_ACTIVE_API_TOKENS; index += 1) {
      created.push(await createApiToken(user, { name: `token ${index}` }));
    }
    await rejectsWithAppError(createApiToken(user, { name: "one too many" }), "CONFLICT", /50/);
    await revokeApiToken(user, { id: created[0]!.token.id });
    await createApiToken(user, { name: "fits again" });
  });

  it("refuses an empty name", async () => {
    await assert.rejects(createApiToken(reader, { name: "  " }), { name: "ZodError" });
  });
});

describe("listApiTokens", () => {
  it("lists only the actor's tokens, newest first, never a secret or hash", async () => {
    const user = await buildUser(prisma);
    const first = await createApiToken(user, { name: "first" });
    const second = await createApiToken(user, { name: "second" });
    const tokens = await listApiTokens(user);
    assert.deepEqual(
      tokens.map((token) => token.id),
      [second.token.id, first.token.id],
    );
    const json = JSON.stringify(tokens);
    assert.ok(!json.includes(first.secret.slice(4)) && !json.includes("tokenHash"));
  });
});

describe("revokeApiToken", () => {
  it("revokes one's own token and records an audit event", async () => {
    const { token } = await createApiToken(reader, { name: "to revoke" });
    const revoked = await revokeApiToken(reader, { id: token.id });
    assert.ok(revoked.revokedAt);
    assert.equal(await countEvents(token.id, "auth.token_revoked"), 1);
  });

  it("gives NOT_FOUND, not FORBIDDEN, for another user's token, and leaves it alone", async () => {
    const other = await buildUser(prisma, { role: "ADMIN" });
    const { token } = await createApiToken(other, { name: "not yours" });
    await rejectsWithAppError(revokeApiToken(reader, { id: token.id }), "NOT_FOUND", /^id: /);
    await rejectsWithAppError(revokeApiToken(reader, { id: randomUUID() }), "NOT_FOUND", /^id: /);
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    assert.equal(stored.revokedAt, null);
  });
});

describe("authenticateApiToken", () => {
  it("returns the owner as an actor and records the use at most once a minute", async () => {
    const { token, secret } = await createApiToken(reader, { name: "in use" });
    assert.deepEqual(await authenticateApiToken(secret), { id: reader.id, role: reader.role });
    await Promise.all([authenticateApiToken(secret), authenticateApiToken(secret)]);
    assert.equal(await countEvents(token.id, "auth.token_used"), 1);
    const used = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    assert.ok(used.lastUsedAt);

    await prisma.apiToken.update({
      where: { id: token.id },
      data: { lastUsedAt: new Date(Date.now() - 61_000) },
    });
    await authenticateApiToken(secret);
    assert.equal(await countEvents(token.id, "auth.token_used"), 2);
  });

  it("follows the owner's current role", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const { secret } = await createApiToken(user, { name: "role" });
    await prisma.user.update({ where: { id: user.id }, data: { role: "MODERATOR" } });
    assert.equal((await authenticateApiToken(secret))?.role, "MODERATOR");
  });

  const refusals: [name: string, arrange: () => Promise<string>][] = [
    ["an unknown token", async () => `apx_${"A".repeat(43)}`],
    ["a malformed token", async () => "not-a-token"],
    ["an empty string", async () => ""],
    [
      "a revoked token",
      async () => {
        const { token, secret } = await createApiToken(reader, { name: "revoked" });
        await revokeApiToken(reader, { id: token.id });
        return secret;
      },
    ],
    [
      "an expired token",
      async () => {
        const { token, secret } = await createApiToken(reader, { name: "old", expiresInDays: 1 });
        await prisma.apiToken.update({
          where: { id: token.id },
          data: { expiresAt: new Date(Date.now() - 1000) },
        });
        return secret;
      },
    ],
    [
      "a disabled user's token",
      async () => {
        const user = await buildUser(prisma);
        const { secret } = await createApiToken(user, { name: "disabled" });
        await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
        return secret;
      },
    ],
  ];
  for (const [name, arrange] of refusals) {
    it(`returns null for ${name} and records nothing`, async () => {
      const secret = await arrange();
      const events = await prisma.auditEvent.count({ where: { action: "auth.token_used" } });
      assert.equal(await authenticateApiToken(secret), null);
      assert.equal(await prisma.auditEvent.count({ where: { action: "auth.token_used" } }), events);
    });
  }
});
