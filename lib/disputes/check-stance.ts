import "server-only";

import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Checks that a stance's account is a live account of THIS claim and returns its title (for the
 * timeline), or null when the stance names no account.
 *
 * @throws AppError INVALID_INPUT "stanceAccountId: …"
 */
export async function checkStanceAccount(
  tx: Prisma.TransactionClient,
  claimId: string,
  stanceAccountId: string | null | undefined,
): Promise<string | null> {
  if (!stanceAccountId) {
    return null;
  }
  const account = await tx.claimAccount.findFirst({
    where: { id: stanceAccountId, claimId, deletedAt: null },
    select: { title: true },
  });
  if (!account) {
    throw new AppError(
      "INVALID_INPUT",
      "stanceAccountId: choose one of this claim's accounts (that account is not one of them).",
      { field: "stanceAccountId" },
    );
  }
  return account.title;
}
