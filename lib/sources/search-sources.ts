import "server-only";

import { prisma } from "@/lib/db";
import type { CitedSourceView } from "@/lib/disputes/claim-page-view";

import { searchSourcesWhere } from "./search-sources-where";
import { citedSourceSelect, liveSourceWhere, toCitedSourceView } from "./source-records";

/** Most results a picker shows. */
export const SEARCH_LIMIT = 20;

/**
 * Finds sources for a picker (the claim page's evidence form): live sources only (not deleted,
 * not merged), matching every word of `query`, with their reliability summary. Anyone may read the
 * library. An empty query returns nothing.
 */
export async function searchSources(query: string): Promise<CitedSourceView[]> {
  if (typeof query !== "string" || query.trim() === "") {
    return [];
  }
  const rows = await prisma.source.findMany({
    where: { AND: [liveSourceWhere, searchSourcesWhere(query)] },
    select: citedSourceSelect,
    orderBy: [{ authorKey: "asc" }, { year: "asc" }, { key: "asc" }],
    take: SEARCH_LIMIT,
  });
  return rows.map(toCitedSourceView);
}
