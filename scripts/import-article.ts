/**
 * `npm run import -- <file> [--slug <slug>]`: imports an article file into the configured database
 * (DATABASE_URL, or the embedded default, whether or not the server is running).
 *
 * Prints the slug, what happened and the counts. Exit codes: 0 imported or unchanged; 2 the file or
 * the arguments are unusable (nothing was written); 1 anything else (database unreachable, …).
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import { assertArticleFileSize } from "@/lib/articles/decode-article-file";
import { importPreparedArticle, prepareArticle } from "@/lib/articles/import-article";
import { isAppError } from "@/lib/errors";

import { withMigratedDatabase } from "./with-migrated-database";

const USAGE = "usage: npm run import -- <file> [--slug <slug>]";

async function main(): Promise<number> {
  let file: string | undefined;
  let slug: string | undefined;
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { slug: { type: "string" } },
    });
    if (positionals.length !== 1) {
      console.error(USAGE);
      return 2;
    }
    file = positionals[0];
    slug = values.slug;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  // npm runs scripts in the project root; INIT_CWD is where the user typed the command.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file ?? "");
  const label = path.basename(filePath);

  let prepared;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) {
      throw new Error("not a regular file");
    }
    // Refuse an oversized file before reading it into memory.
    assertArticleFileSize(info.size);
    prepared = prepareArticle(new Uint8Array(await readFile(filePath)));
  } catch (error) {
    const reason = isAppError(error)
      ? error.message
      : `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    console.error(`error: ${label}: ${reason}`);
    return 2;
  }

  return withMigratedDatabase(async () => {
    try {
      const result = await importPreparedArticle(prepared, { sourceName: label, slug });
      const { sections, infoboxFields, bibliographyEntries } = result.counts;
      const what =
        result.status === "unchanged"
          ? `unchanged, still revision ${result.revisionNumber}`
          : `${result.status === "created" ? "created" : "new"} revision ${result.revisionNumber}`;
      console.log(
        `${result.slug}: ${what} (${sections} sections, ${infoboxFields} infobox fields, ${bibliographyEntries} bibliography entries)`,
      );
      const { placed, orphaned } = result.reanchored;
      if (placed + orphaned > 0) {
        console.log(
          `Re-anchored ${placed + orphaned} annotation(s): ${placed} placed, ${orphaned} orphaned (kept and listed).`,
        );
      }
      for (const warning of result.warnings) {
        console.warn(`warning: ${label}: ${warning}`);
      }
      return 0;
    } catch (error) {
      if (isAppError(error)) {
        console.error(`error: ${label}: ${error.message}`);
        return 2;
      }
      throw error;
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
