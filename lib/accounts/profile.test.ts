/**
 * Integration tests of one's own account against a real PostgreSQL database of their own: the
 * profile (name, affiliation, ORCID iD) and changing the password.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { buildUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let updateProfile: typeof import("./update-profile").updateProfile;
let changePassword: typeof import("./change-password").changePassword;
let verifyPassword: typeof import("@/lib/auth/password").verifyPassword;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ updateProfile } = await import("./update-profile"));
  ({ changePassword } = await import("./change-password"));
  ({ verifyPassword } = await import("@/lib/auth/password"));
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

const CURRENT = "the current passphrase";
const NEXT = "a brand new passphrase";

describe("updateProfile", () => {
  it("updates the name, affiliation and ORCID iD and returns no password hash", async () => {
    const user = await buildUser(prisma, { password: CURRENT });
    const profile = await updateProfile(user, {
      name: " Ada Lovelace ",
      affiliation: "Analytical Society",
      orcid: "https://orcid.org/0000-0002-1825-0097",
    });
    assert.deepEqual(profile, {
      id: user.id,
      email: user.email,
      role: user.role,
      name: "Ada Lovelace",
      affiliation: "Analytical Society",
      orcid: "0000-0002-1825-0097",
    });
  });

  it("records each changed field in an audit event, and nothing when nothing changed", async () => {
    const user = await buildUser(prisma, { name: "Ada Byron" });
    await updateProfile(
      user,
      { name: "Ada Lovelace", orcid: "0000-0002-1825-0097" },
      { ip: "192.0.2.7" },
    );
    await updateProfile(user, { name: "Ada Lovelace", orcid: "0000-0002-1825-0097" });
    const events = await prisma.auditEvent.findMany({
      where: { subjectId: user.id, action: "auth.profile_update" },
    });
    assert.equal(events.length, 1);
    assert.equal(events[0]?.actorId, user.id);
    assert.deepEqual(events[0]?.data, {
      changes: {
        name: { from: "Ada Byron", to: "Ada Lovelace" },
        orcid: { from: null, to: "0000-0002-1825-0097" },
      },
      ip: "192.0.2.7",
    });
  });

  it("clears the ORCID iD and affiliation with empty strings and keeps fields left out", async () => {
    const user = await buildUser(prisma);
    await updateProfile(user, { affiliation: "Somewhere", orcid: "0000-0002-1694-233X" });
    const profile = await updateProfile(user, { affiliation: "", orcid: "" });
    assert.equal(profile.affiliation, null);
    assert.equal(profile.orcid, null);
    assert.equal(profile.name, user.name);
  });

  const invalid: [name: string, input: Record<string, string>][] = [
    ["an ORCID iD with a wrong checksum", { orcid: "0000-0002-1825-0098" }],
    ["a malformed ORCID iD", { orcid: "0000-0002-1825" }],
    ["an empty name", { name: "" }],
    ["an affiliation over 200 characters", { affiliation: "a".repeat(201) }],
  ];
  for (const [name, input] of invalid) {
    it(`refuses ${name}`, async () => {
      const user = await buildUser(prisma);
      await assert.rejects(updateProfile(user, input), { name: "ZodError" });
    });
  }
});

describe("changePassword", () => {
  it("changes the password, bumps the session version and records an audit event", async () => {
    const user = await buildUser(prisma, { password: CURRENT });
    const { sessionVersion } = await changePassword(user, {
      currentPassword: CURRENT,
      newPassword: NEXT,
    });
    assert.equal(sessionVersion, 1);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    assert.equal(stored.sessionVersion, 1);
    assert.ok(await verifyPassword(NEXT, stored.passwordHash ?? ""));
    assert.ok(!(await verifyPassword(CURRENT, stored.passwordHash ?? "")));
    const audit = await prisma.auditEvent.findFirst({
      where: { subjectId: user.id, action: "auth.password_change" },
    });
    assert.ok(audit);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await buildUser(prisma, { password: CURRENT });
    const before = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await rejectsWithAppError(
      changePassword(user, { currentPassword: "not the password", newPassword: NEXT }),
      "INVALID_INPUT",
      /^currentPassword: The current password is wrong\.$/,
    );
    assert.deepEqual(await prisma.user.findUniqueOrThrow({ where: { id: user.id } }), before);
  });

  it("throttles guesses of the current password like sign-in attempts", async () => {
    const user = await buildUser(prisma, { password: CURRENT });
    const context = { ip: "10.9.9.9" };
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await rejectsWithAppError(
        changePassword(user, { currentPassword: `guess ${attempt}`, newPassword: NEXT }, context),
        "INVALID_INPUT",
        /current password is wrong/,
      );
    }
    await rejectsWithAppError(
      changePassword(user, { currentPassword: CURRENT, newPassword: NEXT }, context),
      "CONFLICT",
      /Too many wrong passwords/,
    );
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    assert.equal(await verifyPassword(CURRENT, stored.passwordHash ?? ""), true);
  });

  it("refuses an account without a password as a wrong current password", async () => {
    const user = await buildUser(prisma);
    await rejectsWithAppError(
      changePassword(user, { currentPassword: CURRENT, newPassword: NEXT }),
      "INVALID_INPUT",
      /current password is wrong/,
    );
  });

  const invalid: [name: string, newPassword: string, message: RegExp][] = [
    ["a short new password", "too short", /at least 12/],
    ["a common new password", "1q2w3e4r5t6y", /commonly used/],
    ["the current password again", CURRENT, /^newPassword: /],
  ];
  for (const [name, newPassword, message] of invalid) {
    it(`refuses ${name}`, async () => {
      const user = await buildUser(prisma, { password: CURRENT });
      await assert.rejects(
        changePassword(user, { currentPassword: CURRENT, newPassword }),
        (error: Error & { issues?: { message: string }[] }) => {
          assert.equal(error.name, "ZodError");
          assert.match(error.issues?.[0]?.message ?? "", message);
          return true;
        },
      );
    });
  }
});
