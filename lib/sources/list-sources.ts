import "server-only";

import { prisma } from "@/lib/db";
import type { CitedSourceView } from "@/lib/disputes/claim-page-view";
import type { Prisma } from "@/lib/generated/prisma/client";

import { duplicateCandidateSelect, duplicateReasons } from "./find-duplicate-sources";
import { formatCitation } from "./format-citation";
import {
  listSourcesSchema,
  parseSourceInput,
  type CslItem,
  type ListSourcesInput,
} from "./schemas";
import { searchSourcesWhere } from "./search-sources-where";
import { citedSourceSelect, liveSourceWhere, toCitedSourceView } from "./source-records";

/** One row of the library. */
export interface SourceListItem extends CitedSourceView {
  /** The formatted citation line. */
  citation: string;
  /** Another live source this one looks like a duplicate of (the older one), or null. */
  duplicateOf: { id: string; key: string; title: string } | null;
}

/** Most rows one list returns. */
const LIST_LIMIT = 500;

/**
 * The library: live sources (not deleted, not merged) matching the words of `query` (key, title,
 * authors, year, position) and the category filter, by first author and year, each with its
 * reliability summary and a hint when it duplicates an older record. Anyone may read it.
 *
 * @throws AppError INVALID_INPUT (query too long)
 */
export async function listSources(input: ListSourcesInput = {}): Promise<SourceListItem[]> {
  const data = parseSourceInput(listSourcesSchema, input);
  const filters: Prisma.SourceWhereInput[] = [liveSourceWhere];
  if (data.query) {
    filters.push(searchSourcesWhere(data.query));
  }
  if (data.category) {
    filters.push({ category: data.category });
  }
  const rows = await prisma.source.findMany({
    where: { AND: filters },
    select: {
      ...citedSourceSelect,
      csl: true,
      doi: true,
      isbn: true,
      titleKey: true,
      authorKey: true,
    },
    orderBy: [{ authorKey: "asc" }, { year: "asc" }, { key: "asc" }],
    take: LIST_LIMIT,
  });
  // Only live sources sharing a DOI, ISBN or folded title with a listed row can be its duplicate,
  // read in creation order (the row itself among them) to find the older one.
  const candidates = await prisma.source.findMany({
    where: {
      ...liveSourceWhere,
      OR: [
        { doi: { in: presentValues(rows.map((row) => row.doi)) } },
        { isbn: { in: presentValues(rows.map((row) => row.isbn)) } },
        { titleKey: { in: presentValues(rows.map((row) => row.titleKey)) } },
      ],
    },
    select: duplicateCandidateSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const order = new Map(candidates.map((candidate, index) => [candidate.id, index]));
  return rows.map((row) => {
    const older = candidates
      .slice(0, order.get(row.id) ?? 0)
      .find((other) => duplicateReasons(row, other).length > 0);
    return {
      ...toCitedSourceView(row),
      citation: formatCitation(row.csl as CslItem),
      duplicateOf: older ? { id: older.id, key: older.key, title: older.title } : null,
    };
  });
}

/** The distinct non-empty values of a column, for an `in` filter. */
function presentValues(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}
