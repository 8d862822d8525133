/**
 * Integration tests of invites against a real PostgreSQL database of their own: creating,
 * listing, looking up by secret and revoking. Using invites is tested with `registerUser`.
 */
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { buildEmail, buildUser, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let createInvite: typeof import("./create-invite").createInvite;
let buildInvitePath: typeof import("./create-invite").buildInvitePath;
let listInvites: typeof import("./list-invites").listInvites;
let findInvite: typeof import("./find-invite").findInvite;
let revokeInvite: typeof import("./revoke-invite").revokeInvite;
let registerUser: typeof import("./register-user").registerUser;
let admin: BuiltUser;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ createInvite, buildInvitePath } = await import("./create-invite"));
  ({ listInvites } = await import("./list-invites"));
  ({ findInvite } = await import("./find-invite"));
  ({ revokeInvite } = await import("./revoke-invite"));
  ({ registerUser } = await import("./register-user"));
  admin = await buildUser(prisma, { role: "ADMIN" });
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

const DAY_MS = 24 * 60 * 60 * 1000;

describe("createInvite", () => {
  it("returns a 32-byte base64url secret once and stores only its sha256", async () => {
    const { invite, secret } = await createInvite(admin, {});
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    const stored = await prisma.invite.findUniqueOrThrow({ where: { id: invite.id } });
    assert.equal(stored.tokenHash, createHash("sha256").update(secret).digest("hex"));
    assert.ok(!JSON.stringify(invite).includes(secret));
    assert.ok(!("tokenHash" in invite));
    assert.equal(buildInvitePath(secret), `/register?invite=${secret}`);
  });

  it("defaults to the annotator role and seven days, and records an audit event", async () => {
    const { invite } = await createInvite(admin, {});
    assert.equal(invite.role, "ANNOTATOR");
    assert.equal(invite.status, "valid");
    assert.ok(Math.abs(invite.expiresAt.getTime() - Date.now() - 7 * DAY_MS) < 60_000);
    const audit = await prisma.auditEvent.findFirst({ where: { subjectId: invite.id } });
    assert.equal(audit?.action, "admin.invite_created");
    assert.equal(audit?.actorId, admin.id);
  });

  it("stores a bound e-mail trimmed and lower-cased", async () => {
    const { invite } = await createInvite(admin, {
      email: "  Bound@Example.TEST ",
      role: "READER",
    });
    assert.equal(invite.email, "bound@example.test");
    assert.equal(invite.role, "READER");
  });

  for (const expiresInDays of [0, 31, 1.5]) {
    it(`refuses ${expiresInDays} days`, async () => {
      await assert.rejects(createInvite(admin, { expiresInDays }), { name: "ZodError" });
    });
  }
});

describe("findInvite", () => {
  it("tells whether an invite is valid, expired, used or revoked", async () => {
    const valid = await createInvite(admin, { email: "valid@example.test", role: "MODERATOR" });
    const expired = await createInvite(admin, {});
    await prisma.invite.update({
      where: { id: expired.invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const used = await createInvite(admin, {});
    await registerUser(null, {
      email: buildEmail(),
      name: "Invited",
      password: "a long enough passphrase",
      inviteSecret: used.secret,
    });
    const revoked = await createInvite(admin, {});
    await revokeInvite(admin, { id: revoked.invite.id });

    const cases: [secret: string, status: string][] = [
      [valid.secret, "valid"],
      [expired.secret, "expired"],
      [used.secret, "used"],
      [revoked.secret, "revoked"],
    ];
    for (const [secret, status] of cases) {
      assert.equal((await findInvite(null, { secret })).status, status);
    }
    const lookup = await findInvite(null, { secret: valid.secret });
    assert.deepEqual(
      { email: lookup.email, role: lookup.role },
      { email: "valid@example.test", role: "MODERATOR" },
    );
  });

  it("gives NOT_FOUND for an unknown secret", async () => {
    await rejectsWithAppError(findInvite(null, { secret: "unknown" }), "NOT_FOUND", /not valid/);
  });
});

describe("revokeInvite", () => {
  it("sets revokedAt, keeps the row and records an audit event", async () => {
    const { invite } = await createInvite(admin, {});
    const revoked = await revokeInvite(admin, { id: invite.id });
    assert.equal(revoked.status, "revoked");
    assert.ok(revoked.revokedAt);
    const audit = await prisma.auditEvent.findFirst({
      where: { subjectId: invite.id, action: "admin.invite_revoked" },
    });
    assert.ok(audit);
  });

  it("changes nothing when the invite is revoked already", async () => {
    const { invite } = await createInvite(admin, {});
    const first = await revokeInvite(admin, { id: invite.id });
    const events = await prisma.auditEvent.count();
    const second = await revokeInvite(admin, { id: invite.id });
    assert.deepEqual(second.revokedAt, first.revokedAt);
    assert.equal(await prisma.auditEvent.count(), events);
  });

  it("refuses an invite that was used, and an unknown one", async () => {
    const { invite, secret } = await createInvite(admin, {});
    await registerUser(null, {
      email: buildEmail(),
      name: "Invited",
      password: "a long enough passphrase",
      inviteSecret: secret,
    });
    await rejectsWithAppError(
      revokeInvite(admin, { id: invite.id }),
      "CONFLICT",
      /already been used/,
    );
    await rejectsWithAppError(revokeInvite(admin, { id: randomUUID() }), "NOT_FOUND", /^id: /);
  });
});

describe("listInvites", () => {
  it("lists invites newest first with their status and never a secret or hash", async () => {
    const { invite, secret } = await createInvite(admin, {});
    const { invites, total } = await listInvites(admin, {});
    assert.equal(invites[0]?.id, invite.id);
    assert.equal(total, await prisma.invite.count());
    const json = JSON.stringify(invites);
    assert.ok(!json.includes(secret));
    assert.ok(!json.includes("tokenHash"));
    assert.ok(
      invites.every((entry) => ["valid", "expired", "used", "revoked"].includes(entry.status)),
    );
  });

  it("is for administrators only", async () => {
    const moderator = await buildUser(prisma, { role: "MODERATOR" });
    await rejectsWithAppError(listInvites(moderator, {}), "FORBIDDEN", /administrator/);
    await rejectsWithAppError(listInvites(null, {}), "UNAUTHENTICATED", /Sign in/);
  });
});
