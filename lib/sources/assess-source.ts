import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { ReliabilitySummary } from "./reliability-summary";
import { assessSourceSchema, parseSourceInput, type AssessSourceInput } from "./schemas";
import { readReliability, recordSourceEvent } from "./source-records";

/** What assessing or withdrawing returns: the assessment touched and the new summary. */
export interface AssessmentResult {
  assessmentId: string;
  sourceId: string;
  reliability: ReliabilitySummary;
}

/**
 * Records a scholar's reliability assessment of a source (rating 1–5 and a written rationale).
 * Annotators and above. Each scholar has one current assessment per source: a new one supersedes
 * their previous one (kept, with `supersededAt`), so the summary counts each scholar once while
 * the history stays readable. Assessing a deleted or merged source is refused.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, INVALID_INPUT (rating, rationale), NOT_FOUND,
 *   CONFLICT (merged: assess the survivor)
 */
export async function assessSource(
  actor: Actor | null,
  input: AssessSourceInput,
): Promise<AssessmentResult> {
  const scholar = authorize(actor, "source.create");
  const data = parseSourceInput(assessSourceSchema, input);
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ mergedIntoId: string | null }[]>`
      SELECT "mergedIntoId" FROM "Source"
      WHERE "id" = ${data.sourceId}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
    const source = locked[0];
    if (!source) {
      throw new AppError("NOT_FOUND", "This source does not exist or was deleted.");
    }
    if (source.mergedIntoId) {
      throw new AppError("CONFLICT", "This source was merged into another; assess that one.");
    }
    const now = new Date();
    const superseded = await tx.sourceAssessment.findMany({
      where: { sourceId: data.sourceId, authorId: scholar.id, supersededAt: null },
      select: { id: true },
    });
    await tx.sourceAssessment.updateMany({
      where: { id: { in: superseded.map((row) => row.id) } },
      data: { supersededAt: now },
    });
    const assessment = await tx.sourceAssessment.create({
      data: {
        sourceId: data.sourceId,
        authorId: scholar.id,
        rating: data.rating,
        rationale: data.rationale,
      },
      select: { id: true },
    });
    await recordSourceEvent(tx, {
      action: "source.assess",
      actorId: scholar.id,
      sourceId: data.sourceId,
      data: {
        assessmentId: assessment.id,
        rating: data.rating,
        supersededIds: superseded.map((row) => row.id),
      },
    });
    return {
      assessmentId: assessment.id,
      sourceId: data.sourceId,
      reliability: await readReliability(tx, data.sourceId),
    };
  });
}
