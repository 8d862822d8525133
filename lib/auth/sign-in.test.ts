/**
 * Sign-in with e-mail and password against a real database: one generic message for unknown
 * e-mails and wrong passwords, lockout after repeated failures (per account and IP, per IP, and per
 * account across IPs, which forged X-Forwarded-For values cannot dodge), disabled accounts, and the
 * audit trail.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let signIn: typeof import("./sign-in");
let throttle: typeof import("./throttle");
let prisma: typeof import("@/lib/db").prisma;
let hashPassword: typeof import("./password").hashPassword;
let clientIpFromHeaders: typeof import("./client-ip").clientIpFromHeaders;

const PASSWORD = "a long enough passphrase";

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  signIn = await import("./sign-in");
  throttle = await import("./throttle");
  ({ hashPassword } = await import("./password"));
  ({ clientIpFromHeaders } = await import("./client-ip"));
});

after(tearDownTestDatabase);

let counter = 0;
async function createUser(overrides: { disabled?: boolean; passwordHash?: string } = {}) {
  counter += 1;
  return prisma.user.create({
    data: {
      email: `user${counter}-${Date.now()}@example.test`,
      name: `User ${counter}`,
      role: "ANNOTATOR",
      passwordHash: overrides.passwordHash ?? (await hashPassword(PASSWORD)),
      disabledAt: overrides.disabled ? new Date() : null,
    },
  });
}

describe("signInWithPassword", () => {
  it("signs in with the right password, in any e-mail case, and audits it", async () => {
    const user = await createUser();
    const result = await signIn.signInWithPassword(
      { email: `  ${user.email.toUpperCase()} `, password: PASSWORD },
      "10.0.0.1",
    );
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.user.id, user.id);
    const events = await prisma.auditEvent.findMany({
      where: { actorId: user.id, action: "auth.sign_in" },
    });
    assert.equal(events.length, 1);
  });

  it("gives the same message for an unknown e-mail and a wrong password", async () => {
    const user = await createUser();
    const wrong = await signIn.signInWithPassword(
      { email: user.email, password: "not the password" },
      "10.0.0.2",
    );
    const unknown = await signIn.signInWithPassword(
      { email: "nobody@example.test", password: PASSWORD },
      "10.0.0.2",
    );
    assert.deepEqual(wrong, unknown);
    assert.deepEqual(wrong, {
      ok: false,
      reason: "invalid",
      message: signIn.INVALID_CREDENTIALS_MESSAGE,
    });
    const failures = await prisma.auditEvent.count({ where: { action: "auth.sign_in_failed" } });
    assert.ok(failures >= 2);
  });

  it("treats malformed input as wrong credentials", async () => {
    const result = await signIn.signInWithPassword({ email: 42 }, "10.0.0.3");
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, "invalid");
  });

  it("tells a disabled account so, but only when the password was right", async () => {
    const user = await createUser({ disabled: true });
    const wrong = await signIn.signInWithPassword(
      { email: user.email, password: "nope nope nope" },
      "10.0.0.4",
    );
    assert.equal(!wrong.ok && wrong.reason, "invalid");
    const right = await signIn.signInWithPassword(
      { email: user.email, password: PASSWORD },
      "10.0.0.4",
    );
    assert.equal(!right.ok && right.reason, "disabled");
    assert.match(!right.ok ? right.message : "", /disabled/);
  });

  it("locks the account and IP pair after 10 failures in 15 minutes, even for the right password", async () => {
    const user = await createUser();
    const ip = "10.0.1.1";
    for (let attempt = 1; attempt <= throttle.MAX_PAIR_FAILURES; attempt += 1) {
      const result = await signIn.signInWithPassword(
        { email: user.email, password: `wrong ${attempt}` },
        ip,
      );
      assert.equal(!result.ok && result.reason, "invalid", `attempt ${attempt}`);
    }
    const locked = await signIn.signInWithPassword({ email: user.email, password: PASSWORD }, ip);
    assert.equal(!locked.ok && locked.reason, "locked");
    assert.match(!locked.ok ? locked.message : "", /Try again in 15 minutes/);
    assert.equal(
      await prisma.auditEvent.count({ where: { action: "auth.lockout", subjectId: user.id } }),
      1,
    );

    // Another IP is not locked out of the same account.
    const elsewhere = await signIn.signInWithPassword(
      { email: user.email, password: PASSWORD },
      "10.0.1.2",
    );
    assert.equal(elsewhere.ok, true);
  });

  it("unlocks once the lock has expired, and a success clears the pair's count", async () => {
    const user = await createUser();
    const ip = "10.0.2.1";
    for (let attempt = 0; attempt < throttle.MAX_PAIR_FAILURES; attempt += 1) {
      await signIn.signInWithPassword({ email: user.email, password: "wrong wrong" }, ip);
    }
    await prisma.authThrottle.updateMany({
      where: { key: `pair:${user.email}|${ip}` },
      data: {
        lockedUntil: new Date(Date.now() - 1000),
        windowStartedAt: new Date(Date.now() - 16 * 60_000),
      },
    });
    const result = await signIn.signInWithPassword({ email: user.email, password: PASSWORD }, ip);
    assert.equal(result.ok, true);
    assert.equal(
      await prisma.authThrottle.count({ where: { key: `pair:${user.email}|${ip}` } }),
      0,
    );
  });

  it("counts concurrent failures without losing any", async () => {
    const user = await createUser();
    const ip = "10.0.3.1";
    await Promise.all(
      Array.from({ length: 8 }, () => throttle.recordSignInFailure(user.email, ip)),
    );
    const row = await prisma.authThrottle.findUniqueOrThrow({
      where: { key: `pair:${user.email}|${ip}` },
    });
    assert.equal(row.failures, 8);
  });

  it("checks no more passwords than the limit however many attempts arrive at once", async () => {
    const user = await createUser();
    const ip = "10.0.9.1";
    const burst = Array.from({ length: 30 }, (_, index) =>
      signIn.signInWithPassword({ email: user.email, password: `wrong ${index}` }, ip),
    );
    const results = await Promise.all(burst);
    const checked = results.filter((result) => !result.ok && result.reason === "invalid");
    assert.ok(checked.length <= throttle.MAX_PAIR_FAILURES, `${checked.length} passwords checked`);
    assert.equal(
      results.filter((result) => !result.ok && result.reason === "locked").length,
      results.length - checked.length,
    );
    // Nor does the right password afterwards.
    const after = await signIn.signInWithPassword({ email: user.email, password: PASSWORD }, ip);
    assert.equal(!after.ok && after.reason, "locked");
  });

  it("locks an IP that sprays many accounts", async () => {
    const ip = "10.0.4.1";
    for (let attempt = 0; attempt < throttle.MAX_IP_FAILURES; attempt += 1) {
      await throttle.recordSignInFailure(`spray${attempt}@example.test`, ip);
    }
    const user = await createUser();
    const result = await signIn.signInWithPassword({ email: user.email, password: PASSWORD }, ip);
    assert.equal(!result.ok && result.reason, "locked");
  });

  it("locks the pair however the client rotates a forged X-Forwarded-For", async () => {
    const user = await createUser();
    // What our server hands on: the client's forged entries, then the socket address it appended.
    const ipOfAttempt = (attempt: number) =>
      clientIpFromHeaders({ "x-forwarded-for": `198.51.100.${attempt}, 10.0.6.1` }, 0);
    for (let attempt = 1; attempt <= throttle.MAX_PAIR_FAILURES; attempt += 1) {
      await signIn.signInWithPassword(
        { email: user.email, password: `wrong ${attempt}` },
        ipOfAttempt(attempt),
      );
    }
    const locked = await signIn.signInWithPassword(
      { email: user.email, password: PASSWORD },
      ipOfAttempt(99),
    );
    assert.equal(!locked.ok && locked.reason, "locked");
  });

  it("locks an account's password sign-in after 50 failures from 50 addresses", async () => {
    const user = await createUser();
    const bystander = await createUser();
    for (let attempt = 1; attempt < throttle.MAX_ACCOUNT_FAILURES; attempt += 1) {
      await throttle.recordSignInFailure(user.email, `10.7.${attempt}.1`);
    }
    // The 50th failure, from yet another address, locks the account and is audited.
    const last = await signIn.signInWithPassword(
      { email: user.email, password: "still wrong" },
      "10.7.200.1",
    );
    assert.equal(!last.ok && last.reason, "invalid");
    assert.equal(
      await prisma.auditEvent.count({ where: { action: "auth.lockout", subjectId: user.id } }),
      1,
    );
    const fresh = await signIn.signInWithPassword(
      { email: user.email, password: PASSWORD },
      "10.7.201.1",
    );
    assert.equal(!fresh.ok && fresh.reason, "locked");
    // Each address failed once or twice only, and another account from them is unaffected.
    const other = await signIn.signInWithPassword(
      { email: bystander.email, password: PASSWORD },
      "10.7.1.1",
    );
    assert.equal(other.ok, true);
  });

  it("does not lock an account below 50 failures, and a success keeps the account's count", async () => {
    const user = await createUser();
    for (let attempt = 1; attempt < throttle.MAX_ACCOUNT_FAILURES - 1; attempt += 1) {
      await throttle.recordSignInFailure(user.email, `10.8.${attempt}.1`);
    }
    const ok = await signIn.signInWithPassword(
      { email: user.email, password: PASSWORD },
      "10.8.0.1",
    );
    assert.equal(ok.ok, true);
    const row = await prisma.authThrottle.findUniqueOrThrow({
      where: { key: `account:${user.email}` },
    });
    assert.equal(row.failures, throttle.MAX_ACCOUNT_FAILURES - 2);
    assert.equal(row.lockedUntil, null);
  });

  it("upgrades a legacy scrypt hash to argon2id on sign-in", async () => {
    const legacy =
      "scrypt$32768$8$1$" +
      (await new Promise<string>((resolve, reject) => {
        void import("node:crypto").then(({ scrypt, randomBytes }) => {
          const salt = randomBytes(16);
          scrypt(
            PASSWORD,
            salt,
            32,
            { N: 32768, r: 8, p: 1, maxmem: 256 * 32768 * 8 },
            (error, key) =>
              error
                ? reject(error)
                : resolve(`${salt.toString("base64url")}$${key.toString("base64url")}`),
          );
        });
      }));
    const user = await createUser({ passwordHash: legacy });
    const result = await signIn.signInWithPassword(
      { email: user.email, password: PASSWORD },
      "10.0.5.1",
    );
    assert.equal(result.ok, true);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    assert.match(stored.passwordHash ?? "", /^\$argon2id\$/);
  });
});
