import "server-only";

import { findSectionAnchor, type SectionSpan } from "@/lib/annotations/check-target";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { citedSourceSelect, toCitedSourceView } from "@/lib/sources/source-records";

import type { EvidenceView } from "./claim-page-view";

/**
 * The evidence's own columns, which every reader of evidence needs: the claim page adds its source
 * and author, the edition export its source id and author.
 */
export const evidenceColumnsSelect = {
  id: true,
  relation: true,
  locatorLabel: true,
  locator: true,
  quote: true,
  passageRevisionId: true,
  passageExact: true,
  passageStart: true,
  passageEnd: true,
  note: true,
  createdAt: true,
} satisfies Prisma.EvidenceSelect;

/** The columns an EvidenceView is made from. */
export const evidenceViewSelect = {
  ...evidenceColumnsSelect,
  createdBy: { select: { id: true, name: true } },
  source: { select: citedSourceSelect },
} satisfies Prisma.EvidenceSelect;

/** A row selected with {@link evidenceViewSelect}. */
export type EvidenceViewRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceViewSelect }>;

/** The sections of each revision that evidence passages point into, keyed by revision id. */
export type SectionsByRevision = Map<string, SectionSpan[]>;

/** Reads the sections of the revisions that `rows` cite passages of. */
export async function loadPassageSections(
  rows: readonly EvidenceViewRow[],
): Promise<SectionsByRevision> {
  const revisionIds = [
    ...new Set(rows.map((row) => row.passageRevisionId).filter((id): id is string => !!id)),
  ];
  const sections = new Map<string, SectionSpan[]>();
  if (revisionIds.length === 0) {
    return sections;
  }
  const found = await prisma.section.findMany({
    where: { revisionId: { in: revisionIds } },
    select: { revisionId: true, anchor: true, level: true, startOffset: true, endOffset: true },
  });
  for (const section of found) {
    const list = sections.get(section.revisionId) ?? [];
    list.push(section);
    sections.set(section.revisionId, list);
  }
  return sections;
}

/** Turns an evidence row into the view that leaves `lib/`. */
export function toEvidenceView(row: EvidenceViewRow, sections: SectionsByRevision): EvidenceView {
  const hasPassage =
    row.passageRevisionId !== null &&
    row.passageExact !== null &&
    row.passageStart !== null &&
    row.passageEnd !== null;
  return {
    id: row.id,
    relation: row.relation,
    source: row.source ? toCitedSourceView(row.source) : null,
    locatorLabel: row.locatorLabel,
    locator: row.locator,
    quote: row.quote,
    passage:
      hasPassage && row.passageRevisionId && row.passageExact !== null
        ? {
            revisionId: row.passageRevisionId,
            exact: row.passageExact,
            start: row.passageStart ?? 0,
            end: row.passageEnd ?? 0,
            sectionAnchor: findSectionAnchor(
              sections.get(row.passageRevisionId) ?? [],
              row.passageStart,
            ),
          }
        : null,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
