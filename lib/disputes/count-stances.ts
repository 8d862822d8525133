/**
 * How many replies take a side on each account of a claim: one count for the claim page and the
 * annotated editions. Pure.
 */
import type { ReplyStance } from "@/lib/generated/prisma/enums";

/** Replies that support and that oppose one account. */
export interface StanceCounts {
  supports: number;
  opposes: number;
}

/**
 * Counts SUPPORTS and OPPOSES stances per account id. The caller passes only the replies that
 * count (not hidden, not deleted); replies without an account or with another stance are skipped.
 *
 * @returns a lookup that gives zeros for an account no reply takes a side on
 */
export function countStancesByAccount(
  replies: Iterable<{ stance: ReplyStance | null; stanceAccountId: string | null }>,
): (accountId: string) => StanceCounts {
  const counts = new Map<string, StanceCounts>();
  for (const { stance, stanceAccountId } of replies) {
    if (!stanceAccountId || (stance !== "SUPPORTS" && stance !== "OPPOSES")) {
      continue;
    }
    const entry = counts.get(stanceAccountId) ?? { supports: 0, opposes: 0 };
    if (stance === "SUPPORTS") {
      entry.supports += 1;
    } else {
      entry.opposes += 1;
    }
    counts.set(stanceAccountId, entry);
  }
  return (accountId) => counts.get(accountId) ?? { supports: 0, opposes: 0 };
}
