import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import {
  mergeSourcesSchema,
  parseSourceInput,
  type CslItem,
  type MergeSourcesInput,
} from "./schemas";
import { recordSourceEvent, toSourceData } from "./source-records";

/** What a merge moved, as listed in its audit event. */
export interface MergeResult {
  survivorId: string;
  duplicateId: string;
  evidenceIds: string[];
  assessmentIds: string[];
  bibliographyEntryIds: string[];
  /** Sources earlier merged into the duplicate, now pointing at the survivor (no chains). */
  mergedSourceIds: string[];
  /** CSL and critique fields the survivor lacked and took from the duplicate. */
  filledFields: string[];
}

/** True when a CSL value says nothing (absent, blank text, empty list). */
function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Merges a duplicate record into the one that survives: moderators only (`source.merge`). In one
 * transaction every Evidence, SourceAssessment and BibliographyEntry of the duplicate is re-pointed
 * to the survivor (so no citation is lost), records earlier merged into the duplicate are
 * re-pointed too, the survivor's empty CSL and critique fields are filled from the duplicate, and
 * the duplicate is kept with `mergedIntoId` set, never deleted. A scholar who assessed both keeps
 * one current assessment: the newer; the older is marked superseded. One audit event lists the
 * moved ids.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, INVALID_INPUT (into itself), NOT_FOUND,
 *   CONFLICT (survivor deleted or merged, duplicate already merged)
 */
export async function mergeSources(
  actor: Actor | null,
  input: MergeSourcesInput,
): Promise<MergeResult> {
  const moderator = authorize(actor, "source.merge");
  const data = parseSourceInput(mergeSourcesSchema, input);
  return prisma.$transaction(async (tx) => {
    const ids = [data.survivorId, data.duplicateId].sort();
    await tx.$queryRaw`SELECT "id" FROM "Source" WHERE "id" IN (${ids[0]}::uuid, ${ids[1]}::uuid) ORDER BY "id" FOR UPDATE`;
    const rows = await tx.source.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        key: true,
        csl: true,
        category: true,
        authorPosition: true,
        proximity: true,
        critique: true,
        deletedAt: true,
        mergedIntoId: true,
      },
    });
    const survivor = rows.find((row) => row.id === data.survivorId);
    const duplicate = rows.find((row) => row.id === data.duplicateId);
    if (!survivor || !duplicate) {
      throw new AppError("NOT_FOUND", "One of the two sources does not exist.");
    }
    if (survivor.deletedAt) {
      throw new AppError(
        "CONFLICT",
        "survivorId: the source to keep was deleted; choose another.",
        {
          field: "survivorId",
        },
      );
    }
    if (survivor.mergedIntoId) {
      throw new AppError(
        "CONFLICT",
        "survivorId: the source to keep was itself merged into another; merge into that one.",
        { field: "survivorId" },
      );
    }
    if (duplicate.mergedIntoId) {
      throw new AppError("CONFLICT", "duplicateId: this source was already merged.", {
        field: "duplicateId",
      });
    }

    const evidence = await tx.evidence.findMany({
      where: { sourceId: duplicate.id },
      select: { id: true },
    });
    const assessments = await tx.sourceAssessment.findMany({
      where: { sourceId: duplicate.id },
      select: { id: true },
    });
    const entries = await tx.bibliographyEntry.findMany({
      where: { sourceId: duplicate.id },
      select: { id: true },
    });
    const merged = await tx.source.findMany({
      where: { mergedIntoId: duplicate.id },
      select: { id: true },
    });
    const evidenceIds = evidence.map((row) => row.id);
    const assessmentIds = assessments.map((row) => row.id);
    const bibliographyEntryIds = entries.map((row) => row.id);
    const mergedSourceIds = merged.map((row) => row.id);

    await tx.evidence.updateMany({
      where: { id: { in: evidenceIds } },
      data: { sourceId: survivor.id },
    });
    await tx.sourceAssessment.updateMany({
      where: { id: { in: assessmentIds } },
      data: { sourceId: survivor.id },
    });
    await tx.bibliographyEntry.updateMany({
      where: { id: { in: bibliographyEntryIds } },
      data: { sourceId: survivor.id },
    });
    await tx.source.updateMany({
      where: { id: { in: mergedSourceIds } },
      data: { mergedIntoId: survivor.id },
    });
    const supersededIds = await supersedeDoubleAssessments(tx, survivor.id);

    const survivorCsl = survivor.csl as CslItem;
    const duplicateCsl = duplicate.csl as CslItem;
    const filledCsl: CslItem = { ...survivorCsl };
    const filledFields: string[] = [];
    for (const [field, value] of Object.entries(duplicateCsl)) {
      if (
        field !== "id" &&
        field !== "citation-key" &&
        isEmptyValue(filledCsl[field]) &&
        !isEmptyValue(value)
      ) {
        filledCsl[field] = value;
        filledFields.push(field);
      }
    }
    const critique: Prisma.SourceUpdateInput = {};
    if (survivor.category === null && duplicate.category !== null) {
      critique.category = duplicate.category;
      filledFields.push("category");
    }
    if (survivor.proximity === "UNKNOWN" && duplicate.proximity !== "UNKNOWN") {
      critique.proximity = duplicate.proximity;
      filledFields.push("proximity");
    }
    if (!survivor.authorPosition && duplicate.authorPosition) {
      critique.authorPosition = duplicate.authorPosition;
      filledFields.push("authorPosition");
    }
    if (!survivor.critique && duplicate.critique) {
      critique.critique = duplicate.critique;
      filledFields.push("critique");
    }
    await tx.source.update({
      where: { id: survivor.id },
      data: {
        ...(filledFields.length > 0 ? toSourceData(filledCsl, survivor.key) : {}),
        ...critique,
        version: { increment: 1 },
      },
    });
    await tx.source.update({
      where: { id: duplicate.id },
      data: { mergedIntoId: survivor.id, version: { increment: 1 } },
    });
    const result: MergeResult = {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      evidenceIds,
      assessmentIds,
      bibliographyEntryIds,
      mergedSourceIds,
      filledFields,
    };
    await recordSourceEvent(tx, {
      action: "source.merge",
      actorId: moderator.id,
      sourceId: survivor.id,
      data: {
        ...result,
        duplicateKey: duplicate.key,
        supersededAssessmentIds: supersededIds,
        survivorCslBefore: survivor.csl as Prisma.InputJsonObject,
      },
    });
    return result;
  });
}

/**
 * After assessments moved, a scholar may hold two current ones on the survivor: keeps the newer
 * and marks the others superseded.
 *
 * @returns the ids marked superseded
 */
async function supersedeDoubleAssessments(
  tx: Prisma.TransactionClient,
  sourceId: string,
): Promise<string[]> {
  const current = await tx.sourceAssessment.findMany({
    where: { sourceId, supersededAt: null },
    select: { id: true, authorId: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const seen = new Set<string>();
  const older: string[] = [];
  for (const assessment of current) {
    if (seen.has(assessment.authorId)) {
      older.push(assessment.id);
    }
    seen.add(assessment.authorId);
  }
  if (older.length > 0) {
    await tx.sourceAssessment.updateMany({
      where: { id: { in: older } },
      data: { supersededAt: new Date() },
    });
  }
  return older;
}
