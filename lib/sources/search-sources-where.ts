import type { Prisma } from "@/lib/generated/prisma/client";

import { foldText } from "./derive-source-columns";

/** Longest query searched; longer ones are cut. */
const MAX_QUERY_LENGTH = 200;

/**
 * Where-clause matching every word of `query` in the key, title, authors, author’s position or year
 * (case- and accent-insensitively for the title, through its folded key).
 */
export function searchSourcesWhere(query: string): Prisma.SourceWhereInput {
  const words = query.trim().slice(0, MAX_QUERY_LENGTH).split(/\s+/).filter(Boolean).slice(0, 8);
  return {
    AND: words.map((word) => {
      const folded = foldText(word);
      const alternatives: Prisma.SourceWhereInput[] = [
        { key: { contains: word, mode: "insensitive" } },
        { title: { contains: word, mode: "insensitive" } },
        { authorsText: { contains: word, mode: "insensitive" } },
        { authorPosition: { contains: word, mode: "insensitive" } },
      ];
      if (folded) {
        alternatives.push({ titleKey: { contains: folded } }, { authorKey: { contains: folded } });
      }
      if (/^\d{4}$/.test(word)) {
        alternatives.push({ year: Number(word) });
      }
      return { OR: alternatives };
    }),
  };
}
