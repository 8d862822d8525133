import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { parseCitations, type CitationError } from "./convert-citations";
import { deriveSourceColumns, type DerivedSourceColumns } from "./derive-source-columns";
import {
  duplicateCandidateSelect,
  duplicateReasons,
  toDuplicateCandidate,
  type DuplicateCandidate,
} from "./find-duplicate-sources";
import {
  CITATION_KEY_PATTERN,
  importSourcesSchema,
  parseSourceInput,
  type CslItem,
  type ImportSourcesInput,
} from "./schemas";
import {
  chooseCitationKey,
  liveSourceWhere,
  recordSourceEvent,
  rethrowKeyRace,
  toSourceData,
} from "./source-records";

/** One valid entry of an import, and what became of it. */
export interface ImportedEntry {
  /** The entry's key as written (or the title when it had none). */
  entry: string;
  title: string;
  authorsText: string;
  year: number | null;
  /** Existing sources (or earlier entries of the same file) it duplicates; it is then skipped. */
  duplicates: DuplicateCandidate[];
  /** The new source's id and key, once written. */
  createdId: string | null;
  createdKey: string | null;
}

/** What an import returns, as a preview or after writing. */
export interface ImportReport {
  /** True when sources were written; false for a preview. */
  isWritten: boolean;
  /** True when nothing was written because some entries have errors and `confirm` was not set. */
  needsConfirmation: boolean;
  entries: ImportedEntry[];
  errors: CitationError[];
  /** How many sources were created. */
  createdCount: number;
  /** How many valid entries were skipped as duplicates. */
  skippedCount: number;
}

/**
 * Imports a BibTeX, RIS or CSL-JSON text into the library: annotators and above.
 *
 * Every entry is parsed on its own; a malformed one (bad syntax, unknown type, no title) is
 * reported with its key and line. With errors and without `confirm`, nothing is written and the
 * report is a preview; with `confirm` (or no errors), the valid entries are written in ONE
 * transaction with one audit event each and one for the import. Entries that duplicate an existing
 * source (DOI, ISBN, or title and first author) or an earlier entry of the same file are skipped
 * and reported, not re-created.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, INVALID_INPUT (format, empty or too large text)
 */
export async function importSources(
  actor: Actor | null,
  input: ImportSourcesInput,
): Promise<ImportReport> {
  const importer = authorize(actor, "source.create");
  const data = parseSourceInput(importSourcesSchema, input);
  const parsed = parseCitations(data.text, data.format);
  const needsConfirmation = parsed.errors.length > 0 && !data.confirm;

  // Every live source's duplicate keys, read once: a large file is matched in memory.
  const existing = await prisma.source.findMany({
    where: liveSourceWhere,
    select: duplicateCandidateSelect,
    orderBy: { createdAt: "asc" },
  });
  const entries: (ImportedEntry & { item: CslItem; columns: DerivedSourceColumns })[] = [];
  for (const item of parsed.items) {
    const columns = deriveSourceColumns(item);
    const duplicates: DuplicateCandidate[] = [];
    for (const source of existing) {
      const reasons = duplicateReasons(columns, source);
      if (reasons.length > 0) {
        duplicates.push(toDuplicateCandidate(source, reasons));
      }
    }
    for (const earlier of entries) {
      const reasons = duplicateReasons(columns, earlier.columns);
      if (reasons.length > 0) {
        duplicates.push({
          id: "",
          key: earlier.entry,
          title: earlier.title,
          authorsText: earlier.authorsText,
          year: earlier.year,
          reasons,
        });
      }
    }
    entries.push({
      item,
      columns,
      entry: item["citation-key"] ?? item.id ?? item.title,
      title: item.title,
      authorsText: columns.authorsText,
      year: columns.year,
      duplicates,
      createdId: null,
      createdKey: null,
    });
  }

  const report = (isWritten: boolean): ImportReport => ({
    isWritten,
    needsConfirmation,
    entries: entries.map(({ item: _item, columns: _columns, ...entry }) => entry),
    errors: parsed.errors,
    createdCount: entries.filter((entry) => entry.createdId !== null).length,
    skippedCount: entries.filter((entry) => entry.duplicates.length > 0).length,
  });
  const toCreate = entries.filter((entry) => entry.duplicates.length === 0);
  if (needsConfirmation || toCreate.length === 0) {
    return report(false);
  }

  await prisma
    .$transaction(
      async (tx) => {
        const reserved = new Set<string>();
        for (const entry of toCreate) {
          const preferred = entry.item["citation-key"] ?? entry.item.id;
          const key = await chooseCitationKey(
            tx,
            entry.item,
            preferred && CITATION_KEY_PATTERN.test(preferred) ? preferred : undefined,
            reserved,
          );
          reserved.add(key);
          const source = await tx.source.create({
            data: { ...toSourceData(entry.item, key), createdById: importer.id },
            select: { id: true, key: true },
          });
          await recordSourceEvent(tx, {
            action: "source.create",
            actorId: importer.id,
            sourceId: source.id,
            data: { key: source.key, type: entry.item.type, importedFrom: data.format },
          });
          entry.createdId = source.id;
          entry.createdKey = source.key;
        }
        const first = toCreate[0]?.createdId;
        if (first) {
          await recordSourceEvent(tx, {
            action: "source.import",
            actorId: importer.id,
            sourceId: first,
            data: {
              format: data.format,
              createdIds: toCreate.map((entry) => entry.createdId ?? ""),
              skipped: entries
                .filter((entry) => entry.duplicates.length > 0)
                .map((entry) => entry.entry),
              errors: parsed.errors.map(
                (error) => `${error.entry}@${error.line}: ${error.message}`,
              ),
            },
          });
        }
      },
      { timeout: 60_000 },
    )
    .catch(rethrowKeyRace);
  return report(true);
}
