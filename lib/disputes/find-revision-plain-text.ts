import "server-only";

import { prisma } from "@/lib/db";

/**
 * The stored plain text of an article revision (the importer's `projectDocText` projection), which
 * passage evidence's offsets point into and `checkEvidence` checks them against; "" when there is
 * no such revision. The claim page hands it to its evidence forms; the caller has checked that the
 * viewer may see the claim on that revision's article.
 */
export async function findRevisionPlainText(revisionId: string): Promise<string> {
  const revision = await prisma.articleRevision.findUnique({
    where: { id: revisionId },
    select: { plainText: true },
  });
  return revision?.plainText ?? "";
}
