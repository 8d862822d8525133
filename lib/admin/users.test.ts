/**
 * Integration tests of user administration against a real PostgreSQL database of their own:
 * listing, role changes and disabling, with the self and last-admin rules.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { buildUser, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let listUsers: typeof import("./list-users").listUsers;
let setUserRole: typeof import("./set-user-role").setUserRole;
let disableUser: typeof import("./disable-user").disableUser;
let enableUser: typeof import("./enable-user").enableUser;
let admin: BuiltUser;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ listUsers } = await import("./list-users"));
  ({ setUserRole } = await import("./set-user-role"));
  ({ disableUser } = await import("./disable-user"));
  ({ enableUser } = await import("./enable-user"));
  admin = await buildUser(prisma, { role: "ADMIN", name: "Ada Admin" });
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

/** A user's stored role, status and session version. */
function readUser(id: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id },
    select: { role: true, disabledAt: true, sessionVersion: true },
  });
}

/** Makes every other admin a reader, so that `keep` is the only active administrator. */
async function leaveOnlyAdmin(keep: BuiltUser): Promise<void> {
  await prisma.user.updateMany({
    where: { role: "ADMIN", id: { not: keep.id } },
    data: { role: "READER" },
  });
}

describe("listUsers", () => {
  it("searches names and e-mails in any case and never returns password hashes", async () => {
    const target = await buildUser(prisma, {
      name: "Zeynep Searchable",
      password: "long passphrase here",
    });
    const { users, total } = await listUsers(admin, { query: "SEARCHABLE" });
    assert.deepEqual(
      users.map((user) => user.id),
      [target.id],
    );
    assert.equal(total, 1);
    assert.ok(!JSON.stringify(users).includes("argon2"));
    const byEmail = await listUsers(admin, { query: target.email.slice(0, 12).toUpperCase() });
    assert.ok(byEmail.users.some((user) => user.id === target.id));
  });

  it("pages through everyone", async () => {
    const { users, page, total } = await listUsers(admin, { page: 1 });
    assert.equal(page, 1);
    assert.equal(total, await prisma.user.count());
    assert.equal(users.length, Math.min(total, 50));
  });
});

describe("setUserRole", () => {
  it("changes another user's role, signs them out and records an audit event", async () => {
    const user = await buildUser(prisma, { role: "READER" });
    const updated = await setUserRole(admin, { userId: user.id, role: "MODERATOR" });
    assert.equal(updated.role, "MODERATOR");
    assert.deepEqual(await readUser(user.id), {
      role: "MODERATOR",
      disabledAt: null,
      sessionVersion: 1,
    });
    const audit = await prisma.auditEvent.findFirst({
      where: { subjectId: user.id, action: "admin.role_change" },
    });
    assert.deepEqual(audit?.data, { from: "READER", to: "MODERATOR" });
  });

  it("refuses to change one's own role", async () => {
    await rejectsWithAppError(
      setUserRole(admin, { userId: admin.id, role: "READER" }),
      "CONFLICT",
      /^You cannot change your own role\.$/,
    );
  });

  it("refuses to demote the last active administrator", async () => {
    const other = await buildUser(prisma, { role: "ADMIN" });
    await leaveOnlyAdmin(other);
    // `admin` acts with a stale role, as a session issued before its demotion would.
    await rejectsWithAppError(
      setUserRole(admin, { userId: other.id, role: "READER" }),
      "CONFLICT",
      /last active administrator cannot be demoted/,
    );
    assert.equal((await readUser(other.id)).role, "ADMIN");
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  });

  it("lets only one of two admins demoting each other at once succeed", async () => {
    const first = await buildUser(prisma, { role: "ADMIN" });
    const second = await buildUser(prisma, { role: "ADMIN" });
    await leaveOnlyAdmin(first);
    await prisma.user.update({ where: { id: second.id }, data: { role: "ADMIN" } });
    const results = await Promise.allSettled([
      setUserRole(first, { userId: second.id, role: "READER" }),
      setUserRole(second, { userId: first.id, role: "READER" }),
    ]);
    assert.deepEqual(results.map((result) => result.status).sort(), ["fulfilled", "rejected"]);
    assert.equal(await prisma.user.count({ where: { role: "ADMIN", disabledAt: null } }), 1);
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  });

  it("refuses an unknown user and a role that does not exist", async () => {
    await rejectsWithAppError(
      setUserRole(admin, { userId: randomUUID(), role: "READER" }),
      "NOT_FOUND",
      /^userId: /,
    );
    const user = await buildUser(prisma);
    await assert.rejects(setUserRole(admin, { userId: user.id, role: "OWNER" as "ADMIN" }), {
      name: "ZodError",
    });
  });
});

describe("disableUser and enableUser", () => {
  it("disables and enables another user, bumping the session version each time", async () => {
    const user = await buildUser(prisma, { role: "ANNOTATOR" });
    const disabled = await disableUser(admin, { userId: user.id });
    assert.ok(disabled.disabledAt);
    assert.equal((await readUser(user.id)).sessionVersion, 1);
    const enabled = await enableUser(admin, { userId: user.id });
    assert.equal(enabled.disabledAt, null);
    assert.equal((await readUser(user.id)).sessionVersion, 2);
    const actions = await prisma.auditEvent.findMany({
      where: { subjectId: user.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    assert.deepEqual(actions, [
      { action: "admin.user_disabled", actorId: admin.id },
      { action: "admin.user_enabled", actorId: admin.id },
    ]);
  });

  it("changes nothing when the user is in that state already", async () => {
    const user = await buildUser(prisma);
    await enableUser(admin, { userId: user.id });
    assert.equal((await readUser(user.id)).sessionVersion, 0);
  });

  it("refuses to disable or enable oneself", async () => {
    await rejectsWithAppError(disableUser(admin, { userId: admin.id }), "CONFLICT", /yourself|own/);
    await rejectsWithAppError(enableUser(admin, { userId: admin.id }), "CONFLICT", /yourself|own/);
  });

  it("refuses to disable the last active administrator", async () => {
    const other = await buildUser(prisma, { role: "ADMIN" });
    await leaveOnlyAdmin(other);
    await rejectsWithAppError(
      disableUser(admin, { userId: other.id }),
      "CONFLICT",
      /last active administrator cannot be disabled/,
    );
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  });

  it("is for administrators only", async () => {
    const moderator = await buildUser(prisma, { role: "MODERATOR" });
    const user = await buildUser(prisma);
    await rejectsWithAppError(disableUser(moderator, { userId: user.id }), "FORBIDDEN", /admin/);
    await rejectsWithAppError(disableUser(null, { userId: user.id }), "UNAUTHENTICATED", /Sign in/);
    assert.equal((await readUser(user.id)).disabledAt, null);
  });
});
