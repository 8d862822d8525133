/**
 * Test support: runs lib/db/embedded-owner.fixture.ts in a separate process, which owns an
 * embedded database the way a running server does, until `stop()`.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { projectRoot } from "./test-database";

/** A running owner process. */
export interface EmbeddedOwner {
  /** The URL other processes attach to. */
  url: string;
  /** Closes the database and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Starts an owner of the embedded database in `dataDir` and waits until it serves. */
export async function spawnEmbeddedOwner(dataDir: string): Promise<EmbeddedOwner> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(projectRoot, "lib/db/embedded-owner.fixture.ts"), dataDir],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    child.stdin.end();
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = output.match(/READY (\S+)/);
        if (match?.[1]) {
          resolve(match[1]);
        }
      });
      child.once("exit", (code) => reject(new Error(`the owner process exited early (${code})`)));
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
