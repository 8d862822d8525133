/**
 * The end-to-end tests' web server (Playwright's `webServer` runs it): creates a fresh PostgreSQL
 * database, migrates and seeds it, and serves the test build (`.next-test`, made by `npm test`)
 * through a TCP proxy that tests can switch off to simulate a database outage. Drops the database
 * when Playwright stops it.
 *
 * Environment: E2E_PORT (app, default 3100), E2E_CONTROL_PORT (proxy control, default 3101).
 * Control API: POST /database/down, POST /database/up, GET /database (JSON {isUp, url}).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { createRequire } from "node:module";

import { seedDatabase } from "@/seed/seed-database";
import { startTcpProxy } from "@/seed/tcp-proxy";
import { createTestDatabase, projectRoot } from "@/seed/test-database";

const appPort = Number(process.env.E2E_PORT ?? 3100);
const controlPort = Number(process.env.E2E_CONTROL_PORT ?? 3101);
const require = createRequire(import.meta.url);

async function main(): Promise<void> {
  const database = await createTestDatabase("apparatus_e2e");
  const target = new URL(database.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxiedUrl = new URL(database.url);
  proxiedUrl.hostname = "127.0.0.1";
  proxiedUrl.port = String(proxy.port);

  process.env.DATABASE_URL = database.url;
  await seedDatabase({ projectRoot, withDemoAccounts: true });
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();

  const control = http.createServer((request, response) => {
    if (request.method === "POST" && request.url === "/database/down") {
      proxy.setUp(false);
    } else if (request.method === "POST" && request.url === "/database/up") {
      proxy.setUp(true);
    } else if (!(request.method === "GET" && request.url === "/database")) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ isUp: proxy.isUp(), url: database.url }));
  });
  await new Promise<void>((resolve) => control.listen(controlPort, "127.0.0.1", resolve));

  const next = spawn(
    process.execPath,
    [
      require.resolve("next/dist/bin/next"),
      "start",
      "--port",
      String(appPort),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: projectRoot,
      stdio: "inherit",
      env: {
        ...process.env,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
        DATABASE_URL: proxiedUrl.toString(),
        NEXTAUTH_URL: `http://127.0.0.1:${appPort}`,
        NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      },
    },
  );

  let isStopping = false;
  const stop = async (code: number): Promise<void> => {
    if (isStopping) {
      return;
    }
    isStopping = true;
    next.kill("SIGTERM");
    control.close();
    await proxy.close();
    await database
      .drop()
      .catch((error: unknown) => console.error("could not drop", database.name, error));
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
