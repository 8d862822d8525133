/**
 * `npm run -s import:annotations -- <slug> <file> --as <email> [--confirm] [--preview] [--json]`:
 * imports W3C Web Annotation JSON-LD (one annotation, an array, an AnnotationPage or an
 * AnnotationCollection, at most 10 MB) onto an article's current revision, in the configured
 * database (DATABASE_URL, or the embedded default, whether or not the server is running).
 *
 * The CLI has no signed-in user: `--as` names the existing account (annotator or above) the
 * annotations are imported as. Without `--confirm`, a file with rejected items writes nothing.
 * Prints the report (`--json`: as JSON). Exit codes: 0 imported, unchanged or previewed; 2 the
 * arguments, the account or the file are unusable (nothing written); 3 some items were rejected
 * and `--confirm` was not given (nothing written); 1 anything else (database unreachable, …).
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import { MAX_IMPORT_BYTES } from "@/lib/annotations/import-schemas";
import type { ImportReport } from "@/lib/annotations/import-web-annotations";
import { isAppError } from "@/lib/errors";

import { findScriptAccount, withMigratedDatabase } from "./with-migrated-database";

const USAGE =
  "usage: npm run -s import:annotations -- <slug> <file> --as <email> [--confirm] [--preview] [--json]";

/** The report as lines for people. */
function describeReport(report: ImportReport, label: string): string[] {
  const lines = [
    `${label} → ${report.articleSlug} (revision ${report.revisionNumber}): ${report.total} item(s): ${report.placed.length} placed, ${report.orphaned.length} orphaned, ${report.rejected.length} rejected, ${report.alreadyPresent.length} already present.`,
  ];
  for (const item of report.placed) {
    lines.push(`  placed   #${item.index} ${item.sourceIri} (${item.strategy.toLowerCase()})`);
  }
  for (const item of report.orphaned) {
    lines.push(`  orphaned #${item.index} ${item.sourceIri}: "${item.quote.slice(0, 60)}"`);
  }
  for (const item of report.rejected) {
    lines.push(`  rejected #${item.index} ${item.sourceIri ?? "(no id)"}: ${item.reason}`);
  }
  for (const item of report.alreadyPresent) {
    const standing =
      item.replyId !== null
        ? `reply ${item.replyId}`
        : item.annotationId !== null
          ? `annotation ${item.annotationId}`
          : "yours, deleted, hidden or out of your reach";
    lines.push(`  present  #${item.index} ${item.sourceIri} (${standing})`);
  }
  const outcome: Record<ImportReport["status"], string> = {
    imported: `Imported ${report.placed.length + report.orphaned.length} annotation(s).`,
    unchanged: "Nothing new to import; nothing was written.",
    preview: "Preview only; nothing was written.",
    "needs-confirmation":
      "Some items cannot be imported; nothing was written. Run again with --confirm to import the usable ones.",
  };
  lines.push(outcome[report.status]);
  return lines;
}

async function main(): Promise<number> {
  let slug: string;
  let file: string;
  let email: string;
  let confirm: boolean;
  let preview: boolean;
  let isJson: boolean;
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: {
        as: { type: "string" },
        confirm: { type: "boolean", default: false },
        preview: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    if (positionals.length !== 2 || !values.as) {
      console.error(USAGE);
      return 2;
    }
    [slug, file] = positionals as [string, string];
    email = values.as.trim().toLowerCase();
    confirm = values.confirm;
    preview = values.preview;
    isJson = values.json;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  // npm runs scripts in the project root; INIT_CWD is where the user typed the command.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const label = path.basename(filePath);

  let json: string;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) {
      throw new Error("not a regular file");
    }
    if (info.size > MAX_IMPORT_BYTES) {
      console.error(
        `error: ${label}: the file is over the ${MAX_IMPORT_BYTES / (1024 * 1024)} MB limit of an import; split it.`,
      );
      return 2;
    }
    json = await readFile(filePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    console.error(`error: ${label}: cannot read the file (${code})`);
    return 2;
  }

  return withMigratedDatabase(async () => {
    try {
      const { importWebAnnotations } = await import("@/lib/annotations/import-web-annotations");
      const account = await findScriptAccount(email);
      if (!account || account.isDisabled) {
        console.error(
          `error: --as ${email}: no ${account ? "enabled " : ""}account with this address.`,
        );
        return 2;
      }
      const report = await importWebAnnotations(account.actor, { slug, json, confirm, preview });
      if (isJson) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        const lines = describeReport(report, label);
        for (const line of lines) {
          console.log(line);
        }
      }
      return report.status === "needs-confirmation" ? 3 : 0;
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
