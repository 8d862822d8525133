import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";

import { deriveSourceColumns } from "./derive-source-columns";
import { cslItemSchema, type CslItem, type CslName } from "./schemas";
import { parseNameLine } from "./source-form";
import { chooseCitationKey, recordSourceEvent, toSourceData } from "./source-records";

/**
 * Names of a bibliography line's author part: "Goodson, Larry P.." → family "Goodson", given
 * "Larry P."; several authors separated by " and " or ";"; a name without a comma kept as written.
 */
export function parseBibliographyAuthors(author: string): CslName[] {
  return author
    .split(/\s+and\s+|;/)
    .map((part) => part.trim().replace(/\.{2,}$/, "."))
    .filter(Boolean)
    .map((part) =>
      part.includes(",") ? parseNameLine(part) : { literal: part.replace(/\.$/, "") },
    );
}

/** The CSL item (a book) a bibliography entry stands for, or null when it has no title. */
export function bibliographyEntryToCsl(entry: {
  author: string | null;
  title: string | null;
  year: number | null;
}): CslItem | null {
  if (!entry.title?.trim()) {
    return null;
  }
  const parsed = cslItemSchema.safeParse({
    type: "book",
    title: entry.title.trim(),
    ...(entry.author ? { author: parseBibliographyAuthors(entry.author) } : {}),
    ...(entry.year ? { issued: { "date-parts": [[entry.year]] } } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Links every bibliography entry of a revision to a library source, inside the import's
 * transaction: an existing source with the same folded title and first author (following a merge
 * to its survivor), else a new source created from the entry (a book, with no creator) and
 * audited. Entries without a title stay unlinked.
 *
 * @returns how many entries were linked and how many sources were created
 */
export async function linkBibliographyEntries(
  tx: Prisma.TransactionClient,
  revisionId: string,
): Promise<{ linked: number; created: number }> {
  const entries = await tx.bibliographyEntry.findMany({
    where: { revisionId, sourceId: null },
    select: { id: true, author: true, title: true, year: true },
    orderBy: { position: "asc" },
  });
  const items = entries.flatMap((entry) => {
    const item = bibliographyEntryToCsl(entry);
    return item ? [{ entry, item, columns: deriveSourceColumns(item) }] : [];
  });
  // The matching sources of every entry, read at once; for each title and first author the first
  // row (an unmerged one before merged ones, then the oldest) is the one an entry links to.
  const matches = await tx.source.findMany({
    where: { titleKey: { in: items.map(({ columns }) => columns.titleKey) }, deletedAt: null },
    select: { id: true, mergedIntoId: true, titleKey: true, authorKey: true },
    orderBy: [{ mergedIntoId: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
  });
  const sourceIdByWork = new Map<string, string>();
  for (const match of matches) {
    const work = workKey(match);
    if (!sourceIdByWork.has(work)) {
      sourceIdByWork.set(work, match.mergedIntoId ?? match.id);
    }
  }
  let linked = 0;
  let created = 0;
  for (const { entry, item, columns } of items) {
    const work = workKey(columns);
    let sourceId = sourceIdByWork.get(work);
    if (!sourceId) {
      const key = await chooseCitationKey(tx, item, undefined);
      const source = await tx.source.create({
        data: toSourceData(item, key),
        select: { id: true, key: true },
      });
      await recordSourceEvent(tx, {
        action: "source.create",
        actorId: null,
        sourceId: source.id,
        data: { key: source.key, type: item.type, fromBibliographyEntryId: entry.id },
      });
      sourceId = source.id;
      sourceIdByWork.set(work, sourceId);
      created += 1;
    }
    await tx.bibliographyEntry.update({ where: { id: entry.id }, data: { sourceId } });
    linked += 1;
  }
  return { linked, created };
}

/** The folded title and first author that make two records the same work for the bibliography. */
function workKey(columns: { titleKey: string; authorKey: string }): string {
  return `${columns.titleKey}\n${columns.authorKey}`;
}
