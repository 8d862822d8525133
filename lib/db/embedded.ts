/**
 * The embedded default database: real PostgreSQL compiled to WebAssembly (PGlite), served over the
 * PostgreSQL wire protocol on a loopback port so that `@prisma/adapter-pg`, `psql` and every other
 * ordinary client can talk to it.
 *
 * Only one process may open a PGlite data directory, so the process that opens it (the owner:
 * usually `npm start`, or a CLI run while no server is up) writes a lock file naming its pid and
 * port. Every other process (the importer while the server runs, a second CLI) attaches to that port
 * instead. A lock left behind by a dead process is taken over.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

/** Name of the folder under the data directory that holds PGlite's files. */
const PGLITE_DIR = "pglite";
/** Name of the lock file that records the owner's pid and port. */
const LOCK_FILE = "pglite.lock.json";
/** Connections one owner accepts; PGlite serialises them, transactions included. */
const MAX_SOCKET_CONNECTIONS = 32;
/** How long a process waits for another owner that is still starting up. */
const ATTACH_TIMEOUT_MS = 60_000;

/** What the lock file holds. */
interface EmbeddedLock {
  pid: number;
  port: number | null;
  startedAt: string;
}

/** A handle on an open database: its URL, and how to let go of it. */
export interface DatabaseHandle {
  /** A `postgresql://` URL for `pg` and Prisma. */
  url: string;
  /** external: DATABASE_URL; embedded-owner: this process serves PGlite; embedded-attached: another does. */
  kind: "external" | "embedded-owner" | "embedded-attached";
  /** Stops serving (owner) and releases the lock; a no-op for the other kinds. */
  close(): Promise<void>;
}

/** The data directory of the embedded default: `APPARATUS_DATA_DIR`, else `<root>/.data`. */
export function resolveDataDir(projectRoot: string): string {
  return path.resolve(process.env.APPARATUS_DATA_DIR ?? path.join(projectRoot, ".data"));
}

/** The URL for a PGlite socket server on a loopback port. */
export function embeddedUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

/**
 * Opens the database this project is configured for: `DATABASE_URL` when set, else the embedded
 * PGlite under the data directory (served by this process, or by the process that already does).
 */
export async function openDatabase(projectRoot: string): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { url: external, kind: "external", close: async () => undefined };
  }
  return openEmbeddedDatabase(resolveDataDir(projectRoot));
}

/** Opens (or attaches to) the embedded database stored in `dataDir`. */
export async function openEmbeddedDatabase(dataDir: string): Promise<DatabaseHandle> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const deadline = Date.now() + ATTACH_TIMEOUT_MS;
  for (;;) {
    const lock = await readLock(lockPath);
    if (lock && isProcessAlive(lock.pid)) {
      if (lock.port !== null && (await isPortOpen(lock.port))) {
        const url = embeddedUrl(lock.port);
        return { url, kind: "embedded-attached", close: async () => undefined };
      }
      // The owner is alive but still starting; wait for it to publish its port.
    } else {
      if (lock) {
        // Left behind by a process that died: take it over.
        await rm(lockPath, { force: true });
      }
      if (await tryCreateLock(lockPath)) {
        return serveEmbeddedDatabase(dataDir, lockPath);
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The embedded database in ${dataDir} is held by process ${lock?.pid ?? "?"}, which did not start serving it within ${ATTACH_TIMEOUT_MS / 1000} s.`,
      );
    }
    await delay(200);
  }
}

/** Starts PGlite and its socket server in this process; the lock file is already ours. */
async function serveEmbeddedDatabase(dataDir: string, lockPath: string): Promise<DatabaseHandle> {
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const db = await PGlite.create(path.join(dataDir, PGLITE_DIR));
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: 0,
      maxConnections: MAX_SOCKET_CONNECTIONS,
    });
    await server.start();
    const port = readServerPort(server);
    await writeLock(lockPath, { pid: process.pid, port, startedAt: new Date().toISOString() });
    let isClosed = false;
    return {
      url: embeddedUrl(port),
      kind: "embedded-owner",
      close: async () => {
        if (isClosed) {
          return;
        }
        isClosed = true;
        await server.stop().catch(() => undefined);
        await db.close().catch(() => undefined);
        await rm(lockPath, { force: true });
      },
    };
  } catch (error) {
    await rm(lockPath, { force: true });
    throw error;
  }
}

/** The port the socket server actually listens on (we asked for port 0: any free one). */
function readServerPort(server: { getServerConn(): string }): number {
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(":") + 1));
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`PGlite socket server reported no port (${conn})`);
  }
  return port;
}

async function readLock(lockPath: string): Promise<EmbeddedLock | null> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, "utf8")) as Partial<EmbeddedLock>;
    if (typeof parsed.pid !== "number") {
      return null;
    }
    return {
      pid: parsed.pid,
      port: typeof parsed.port === "number" ? parsed.port : null,
      startedAt: String(parsed.startedAt ?? ""),
    };
  } catch {
    return null;
  }
}

/** Creates the lock file atomically; false if another process got there first. */
async function tryCreateLock(lockPath: string): Promise<boolean> {
  try {
    const lock: EmbeddedLock = {
      pid: process.pid,
      port: null,
      startedAt: new Date().toISOString(),
    };
    await writeFile(lockPath, JSON.stringify(lock), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return false;
    }
    throw error;
  }
}

async function writeLock(lockPath: string, lock: EmbeddedLock): Promise<void> {
  await writeFile(lockPath, JSON.stringify(lock));
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
