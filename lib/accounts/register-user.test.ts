/**
 * Integration tests of registration against a real PostgreSQL database of their own: the first
 * account, the three registration modes, invites, and the input rules.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";

import { buildEmail, buildUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let registerUser: typeof import("./register-user").registerUser;
let createInvite: typeof import("./create-invite").createInvite;
let revokeInvite: typeof import("./revoke-invite").revokeInvite;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ registerUser } = await import("./register-user"));
  ({ createInvite } = await import("./create-invite"));
  ({ revokeInvite } = await import("./revoke-invite"));
});

after(tearDownTestDatabase);

afterEach(() => {
  delete process.env.REGISTRATION_MODE;
});

const PASSWORD = "a long enough passphrase";

/** A registration input with a fresh e-mail. */
function buildRegistration(overrides: Record<string, string> = {}) {
  return { email: buildEmail("new"), name: "New Scholar", password: PASSWORD, ...overrides };
}

/** Asserts that `promise` rejects with an AppError of `code` whose message matches `message`. */
async function rejectsWithAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.name, "AppError");
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

/** Row counts of every table registration writes. */
async function countRows() {
  return {
    users: await prisma.user.count(),
    invites: await prisma.invite.count({ where: { usedAt: { not: null } } }),
    auditEvents: await prisma.auditEvent.count(),
  };
}

describe("registerUser", () => {
  // Runs first, on the empty database.
  it("makes exactly one of two concurrent first registrations the admin, even when closed", async () => {
    process.env.REGISTRATION_MODE = "closed";
    const results = await Promise.allSettled([
      registerUser(null, buildRegistration()),
      registerUser(null, buildRegistration()),
    ]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    assert.equal(fulfilled.length, 1);
    assert.equal(fulfilled[0]?.value.role, "ADMIN");
    assert.equal(rejected.length, 1);
    assert.match(String(rejected[0]?.reason), /Registration is closed\./);
    assert.equal(await prisma.user.count(), 1);
  });

  it("gives later accounts the annotator role in open mode", async () => {
    const user = await registerUser(null, buildRegistration());
    assert.equal(user.role, "ANNOTATOR");
  });

  it("stores the e-mail trimmed and lower-cased, hashes the password and returns no hash", async () => {
    const email = buildEmail("mixed");
    const user = await registerUser(
      null,
      buildRegistration({ email: `  ${email.toUpperCase()} ` }),
    );
    assert.equal(user.email, email);
    assert.deepEqual(Object.keys(user).sort(), ["createdAt", "email", "id", "name", "role"]);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    assert.match(stored.passwordHash ?? "", /^\$argon2id\$/);
    const audit = await prisma.auditEvent.findFirst({ where: { subjectId: user.id } });
    assert.equal(audit?.action, "auth.register");
  });

  it("refuses a duplicate e-mail, whatever its case, with CONFLICT", async () => {
    const email = buildEmail("twice");
    await registerUser(null, buildRegistration({ email }));
    const before = await countRows();
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ email: email.toUpperCase() })),
      "CONFLICT",
      /^An account with this e-mail already exists\.$/,
    );
    assert.deepEqual(await countRows(), before);
  });

  it("refuses a signed-in actor", async () => {
    const user = await buildUser(prisma);
    await rejectsWithAppError(
      registerUser(user, buildRegistration()),
      "FORBIDDEN",
      /You are already signed in\./,
    );
  });

  it("refuses everyone in closed mode, even with a valid invite", async () => {
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { secret } = await createInvite(admin, {});
    process.env.REGISTRATION_MODE = "closed";
    const before = await countRows();
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ inviteSecret: secret })),
      "FORBIDDEN",
      /^Registration is closed\.$/,
    );
    assert.deepEqual(await countRows(), before);
  });

  it("requires an invite in invite mode", async () => {
    process.env.REGISTRATION_MODE = "invite";
    await rejectsWithAppError(registerUser(null, buildRegistration()), "FORBIDDEN", /invite/);
  });

  it("registers with a valid invite in invite mode, with the invite's role, and uses it up", async () => {
    process.env.REGISTRATION_MODE = "invite";
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { invite, secret } = await createInvite(admin, { role: "MODERATOR" });
    const user = await registerUser(null, buildRegistration({ inviteSecret: secret }));
    assert.equal(user.role, "MODERATOR");
    const used = await prisma.invite.findUniqueOrThrow({ where: { id: invite.id } });
    assert.equal(used.usedById, user.id);
    assert.ok(used.usedAt);
  });

  it("gives the invite's role in open mode too", async () => {
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { secret } = await createInvite(admin, { role: "READER" });
    const user = await registerUser(null, buildRegistration({ inviteSecret: secret }));
    assert.equal(user.role, "READER");
  });

  it("refuses an invite that was used already", async () => {
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { secret } = await createInvite(admin, {});
    await registerUser(null, buildRegistration({ inviteSecret: secret }));
    const before = await countRows();
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ inviteSecret: secret })),
      "CONFLICT",
      /^This invite has already been used\.$/,
    );
    assert.deepEqual(await countRows(), before);
  });

  it("lets only one of two concurrent registrations use the same invite", async () => {
    process.env.REGISTRATION_MODE = "invite";
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { secret } = await createInvite(admin, {});
    const results = await Promise.allSettled([
      registerUser(null, buildRegistration({ inviteSecret: secret })),
      registerUser(null, buildRegistration({ inviteSecret: secret })),
    ]);
    assert.deepEqual(results.map((result) => result.status).sort(), ["fulfilled", "rejected"]);
    const rejected = results.find((result) => result.status === "rejected");
    assert.match(String(rejected?.reason), /This invite has already been used\./);
  });

  it("refuses an expired invite", async () => {
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { invite, secret } = await createInvite(admin, { expiresInDays: 1 });
    await prisma.invite.update({
      where: { id: invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ inviteSecret: secret })),
      "INVALID_INPUT",
      /^This invite has expired\.$/,
    );
  });

  it("refuses a revoked invite", async () => {
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const { invite, secret } = await createInvite(admin, {});
    await revokeInvite(admin, { id: invite.id });
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ inviteSecret: secret })),
      "INVALID_INPUT",
      /revoked/,
    );
  });

  it("refuses an unknown invite secret instead of ignoring it", async () => {
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ inviteSecret: "not-a-real-secret" })),
      "INVALID_INPUT",
      /^inviteSecret: /,
    );
  });

  it("holds an invite bound to an e-mail to that address, in any case", async () => {
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const email = buildEmail("bound");
    const { secret } = await createInvite(admin, { email: email.toUpperCase() });
    await rejectsWithAppError(
      registerUser(null, buildRegistration({ inviteSecret: secret })),
      "INVALID_INPUT",
      /^email: this invite is for another e-mail address\.$/,
    );
    const user = await registerUser(
      null,
      buildRegistration({ inviteSecret: secret, email: ` ${email.toUpperCase()}` }),
    );
    assert.equal(user.email, email);
  });

  const invalidInputs: [name: string, overrides: Record<string, string>, message: RegExp][] = [
    ["a password under 12 characters", { password: "short pass" }, /at least 12/],
    ["a common password", { password: "qwerty123456" }, /commonly used/],
    ["a common password in another case", { password: "QWERTY123456" }, /commonly used/],
    ["a password over 256 characters", { password: "x".repeat(257) }, /at most 256/],
    ["an empty e-mail", { email: "" }, /^email: /],
    ["an e-mail without @", { email: "scholar.example.test" }, /^email: /],
    ["an e-mail without a domain", { email: "scholar@" }, /^email: /],
    ["an e-mail with two @", { email: "a@@example.test" }, /^email: /],
    ["an e-mail with a space inside", { email: "a b@example.test" }, /^email: /],
    ["an e-mail over 254 characters", { email: `${"a".repeat(250)}@example.test` }, /^email: /],
    ["an empty name", { name: "   " }, /^name: /],
    ["a name over 100 characters", { name: "n".repeat(101) }, /^name: /],
  ];
  for (const [name, overrides, message] of invalidInputs) {
    it(`refuses ${name} and writes nothing`, async () => {
      const before = await countRows();
      await assert.rejects(
        registerUser(null, buildRegistration(overrides)),
        (error: Error & { issues?: { message: string }[] }) => {
          assert.equal(error.name, "ZodError");
          assert.match(error.issues?.[0]?.message ?? "", message);
          return true;
        },
      );
      assert.deepEqual(await countRows(), before);
    });
  }
});
