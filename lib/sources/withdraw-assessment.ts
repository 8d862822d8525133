import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { AssessmentResult } from "./assess-source";
import {
  parseSourceInput,
  withdrawAssessmentSchema,
  type WithdrawAssessmentInput,
} from "./schemas";
import { readReliability, recordSourceEvent } from "./source-records";

/**
 * Withdraws one's own current assessment: it is kept (marked superseded) and no longer counts in
 * the summary. Only its author may.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (someone else's), NOT_FOUND, CONFLICT (already
 *   superseded or withdrawn)
 */
export async function withdrawAssessment(
  actor: Actor | null,
  input: WithdrawAssessmentInput,
): Promise<AssessmentResult> {
  const scholar = authorize(actor, "source.create");
  const data = parseSourceInput(withdrawAssessmentSchema, input);
  return prisma.$transaction(async (tx) => {
    const assessment = await tx.sourceAssessment.findUnique({
      where: { id: data.assessmentId },
      select: { id: true, sourceId: true, authorId: true, supersededAt: true },
    });
    if (!assessment) {
      throw new AppError("NOT_FOUND", "This assessment does not exist.");
    }
    if (assessment.authorId !== scholar.id) {
      throw new AppError("FORBIDDEN", "Only its author can withdraw an assessment.");
    }
    const { count } = await tx.sourceAssessment.updateMany({
      where: { id: assessment.id, supersededAt: null },
      data: { supersededAt: new Date() },
    });
    if (count === 0) {
      throw new AppError("CONFLICT", "This assessment was already replaced or withdrawn.");
    }
    await recordSourceEvent(tx, {
      action: "source.withdrawAssessment",
      actorId: scholar.id,
      sourceId: assessment.sourceId,
      data: { assessmentId: assessment.id },
    });
    return {
      assessmentId: assessment.id,
      sourceId: assessment.sourceId,
      reliability: await readReliability(tx, assessment.sourceId),
    };
  });
}
