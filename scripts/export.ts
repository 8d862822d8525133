/**
 * `npm run -s export -- <slug> --format <f> [filters] > file`: writes an annotated edition of an
 * article from the configured database (DATABASE_URL, or the embedded default, whether or not the
 * server is running) to standard output or `--out <file>`.
 *
 * Formats: html, pdf, md, tei, jsonld, csl, bibtex, claimreview. Filters: `--revision N`,
 * `--only claims|open|resolved`, `--tag t`, `--author id-or-email`, `--section anchor` (repeatable),
 * `--no-threads`, `--anonymise`, `--exported-at <ISO date>` (for reproducible files). The edition
 * holds public annotations only, unless `--as <email>` exports what that account may read.
 *
 * Exit codes: 0 written; 2 bad arguments, unknown article, revision, section or account (a one-line
 * message, nothing written); 1 anything else (database unreachable, PDF without Chromium, …).
 */
import { createWriteStream } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";

import type { Actor } from "@/lib/auth/policy";
import { isAppError } from "@/lib/errors";
import { EXPORT_FORMATS, parseExportOptions, type ExportOptions } from "@/lib/export/options";

import { findScriptAccount, withMigratedDatabase } from "./with-migrated-database";

const USAGE = `usage: npm run -s export -- <slug> --format <${EXPORT_FORMATS.join("|")}> [--revision N] [--only claims|open|resolved] [--tag t]… [--author id|email]… [--section anchor]… [--no-threads] [--anonymise] [--exported-at ISO-date] [--as email] [--out file]`;

/** The parsed command line. */
interface ExportCommand {
  slug: string;
  options: ExportOptions;
  asEmail: string | undefined;
  out: string | undefined;
}

/** Reads the command line; throws with a message for the user on anything unusable. */
function readCommand(): ExportCommand {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f" },
      revision: { type: "string" },
      only: { type: "string" },
      tag: { type: "string", multiple: true },
      author: { type: "string", multiple: true },
      section: { type: "string", multiple: true },
      "no-threads": { type: "boolean" },
      anonymise: { type: "boolean" },
      anonymize: { type: "boolean" },
      "exported-at": { type: "string" },
      as: { type: "string" },
      out: { type: "string", short: "o" },
    },
  });
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) {
    throw new Error(slug ? `unexpected argument "${extra[0]}"` : "the article's slug is missing");
  }
  if (!values.format) {
    throw new Error("--format is missing");
  }
  if (values.revision !== undefined && !/^\d+$/.test(values.revision)) {
    throw new Error("--revision must be a revision number (1, 2, …)");
  }
  const options = parseExportOptions({
    format: values.format,
    ...(values.revision !== undefined ? { revision: Number(values.revision) } : {}),
    ...(values.only !== undefined ? { only: values.only } : {}),
    tags: values.tag ?? [],
    authors: values.author ?? [],
    sections: values.section ?? [],
    threads: !values["no-threads"],
    anonymise: Boolean(values.anonymise || values.anonymize),
    ...(values["exported-at"] !== undefined ? { exportedAt: values["exported-at"] } : {}),
  });
  return { slug, options, asEmail: values.as, out: values.out };
}

/** Writes a chunk, waiting for the stream to drain when its buffer is full. */
async function writeChunk(stream: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        stream.off("error", onError);
        resolve();
      };
      const onError = (error: Error) => {
        stream.off("drain", onDrain);
        reject(error);
      };
      stream.once("drain", onDrain);
      stream.once("error", onError);
    });
  }
}

/** The active account `--as` names, as an actor. */
async function findActor(email: string): Promise<Actor> {
  const account = await findScriptAccount(email);
  if (!account || account.isDisabled) {
    throw new CommandError(`--as: no active account with the e-mail "${email}"`);
  }
  return account.actor;
}

/** A problem with the command (exit 2). */
class CommandError extends Error {}

async function main(): Promise<number> {
  let command: ExportCommand;
  try {
    command = readCommand();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }

  return withMigratedDatabase(async () => {
    try {
      const { exportEdition } = await import("@/lib/export/export-edition");
      const actor = command.asEmail ? await findActor(command.asEmail) : null;
      const result = await exportEdition(actor, command.slug, command.options);
      const iterator = result.stream[Symbol.asyncIterator]();
      // Read the first chunk before opening the output, so a failing export leaves no empty file.
      let next = await iterator.next();
      const output: Writable = command.out
        ? createWriteStream(path.resolve(process.env.INIT_CWD ?? process.cwd(), command.out))
        : process.stdout;
      while (!next.done) {
        await writeChunk(output, next.value);
        next = await iterator.next();
      }
      if (output !== process.stdout) {
        await new Promise<void>((resolve, reject) =>
          output.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        console.error(`${result.filename}: written to ${command.out}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof CommandError) {
        console.error(`error: ${error.message}`);
        return 2;
      }
      if (isAppError(error)) {
        // The command line's "signing in" is --as.
        const hint = error.code === "UNAUTHENTICATED" ? " Add --as <email>." : "";
        console.error(`error: ${error.message}${hint}`);
        return error.code === "UNAVAILABLE" ? 1 : 2;
      }
      throw error;
    }
  });
}

main().then(
  (code) => {
    process.exitCode = code;
    // Let stdout flush before leaving (a pipe may still hold the tail of the export).
    process.stdout.end(() => process.exit(code));
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
