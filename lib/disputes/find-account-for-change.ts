import "server-only";

import type { Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { findClaimForChange, isModerator, type ClaimForChange } from "./claim-access";

/** An account about to be changed, with its claim. */
export interface AccountForChange {
  id: string;
  claimId: string;
  title: string;
  version: number;
  createdById: string;
  claim: ClaimForChange;
}

/** The NOT_FOUND error for an account that does not exist, is deleted, or is not visible. */
export function accountNotFound(field = "id"): AppError {
  return new AppError("NOT_FOUND", `${field}: no such account (or you may not see it).`, {
    field,
  });
}

/**
 * Reads a live account of a claim that `actor` may see. With `mustOwn`, only its creator or a
 * moderator may go on (others get FORBIDDEN with `deniedMessage`).
 */
export async function findAccountForChange(
  actor: Actor,
  id: string,
  options: { field?: string; mustOwn?: boolean; deniedMessage?: string } = {},
): Promise<AccountForChange> {
  const field = options.field ?? "id";
  const account = await prisma.claimAccount.findFirst({
    where: { id, deletedAt: null },
    select: { id: true, claimId: true, title: true, version: true, createdById: true },
  });
  if (!account) {
    throw accountNotFound(field);
  }
  const claim = await findClaimForChange(actor, account.claimId, () => accountNotFound(field));
  if (options.mustOwn && account.createdById !== actor.id && !isModerator(actor)) {
    throw new AppError(
      "FORBIDDEN",
      options.deniedMessage ?? "Only the account's author or a moderator can change it.",
    );
  }
  return { ...account, claim };
}
