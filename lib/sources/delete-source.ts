import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { findSourceForChange } from "./find-source-for-change";
import { deleteSourceSchema, parseSourceInput, type DeleteSourceInput } from "./schemas";
import { recordSourceEvent } from "./source-records";

/**
 * Deletes a source softly: its creator or a moderator. It leaves the library and the pickers, but
 * the row stays, so evidence and bibliography entries citing it keep their link (shown as
 * deleted). Audited in the same transaction.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN / NOT_FOUND, CONFLICT (merged)
 */
export async function deleteSource(
  actor: Actor | null,
  input: DeleteSourceInput,
): Promise<{ id: string; key: string }> {
  const editor = authorize(actor, "source.create");
  const data = parseSourceInput(deleteSourceSchema, input);
  return prisma.$transaction(async (tx) => {
    const current = await findSourceForChange(tx, editor, data.id);
    await tx.source.update({
      where: { id: current.id },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    await recordSourceEvent(tx, {
      action: "source.delete",
      actorId: editor.id,
      sourceId: current.id,
      data: { key: current.key },
    });
    return { id: current.id, key: current.key };
  });
}
