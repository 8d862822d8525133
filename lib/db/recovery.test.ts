/**
 * A database that goes away and comes back: queries fail with an error that the pages recognise
 * as "database unavailable", and the same client works again once the server is back, with no
 * restart of the app.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { startTcpProxy, type TcpProxy } from "@/seed/tcp-proxy";
import { createTestDatabase, type TestDatabase } from "@/seed/test-database";

import { createPrismaClient, type PrismaClient } from "./create-prisma-client";
import { isDatabaseUnavailableError } from "./is-database-unavailable-error";

let database: TestDatabase;
let proxy: TcpProxy;
let prisma: PrismaClient;

before(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  prisma = createPrismaClient(proxied.toString());
});

after(async () => {
  await prisma.$disconnect();
  await proxy.close();
  await database.drop();
});

describe("when the database goes down and comes back", () => {
  it("fails with a recognisable error while down and recovers by itself", async () => {
    assert.equal(await prisma.article.count(), 0);

    proxy.setUp(false);
    // The pooled connection was cut and new ones are refused.
    await assert.rejects(prisma.article.count(), (error) => {
      assert.ok(isDatabaseUnavailableError(error), `not recognised: ${String(error)}`);
      return true;
    });
    await assert.rejects(prisma.article.count(), (error) => isDatabaseUnavailableError(error));

    proxy.setUp(true);
    assert.equal(await prisma.article.count(), 0);
  });
});

describe("isDatabaseUnavailableError", () => {
  const cases: [name: string, error: unknown, expected: boolean][] = [
    [
      "a refused connection",
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      true,
    ],
    ["a server shutting down", Object.assign(new Error("terminating"), { code: "57P01" }), true],
    [
      "a Prisma error whose driver cause is DatabaseNotReachable",
      { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } },
      true,
    ],
    [
      "a cause chain ending in a reset",
      new Error("outer", { cause: { code: "ECONNRESET" } }),
      true,
    ],
    [
      "a unique-constraint violation",
      { code: "P2002", message: "Unique constraint failed" },
      false,
    ],
    ["a syntax error", Object.assign(new Error("syntax error"), { code: "42601" }), false],
    ["a plain bug", new TypeError("x is undefined"), false],
    ["null", null, false],
  ];
  for (const [name, error, expected] of cases) {
    it(`${expected ? "recognises" : "does not recognise"} ${name}`, () => {
      assert.equal(isDatabaseUnavailableError(error), expected);
    });
  }
});
