import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { SavedSource } from "./create-source";
import { findDuplicatesOfKeys } from "./find-duplicate-sources";
import { findSourceForChange } from "./find-source-for-change";
import { parseSourceInput, updateSourceSchema, type UpdateSourceInput } from "./schemas";
import {
  assertCitationKeyFree,
  recordSourceEvent,
  rethrowKeyRace,
  toSourceData,
} from "./source-records";

/**
 * Edits a source's citation data and critique, from `expectedVersion`: its creator or a
 * moderator. The row is locked and its version compared, so of two edits from one version exactly
 * one lands and the other gets CONFLICT (with the version now stored). The audit event keeps the
 * values before the edit, so every earlier state can be read back from the history.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN / NOT_FOUND, INVALID_INPUT naming the field,
 *   CONFLICT (edited elsewhere, key taken, or merged)
 */
export async function updateSource(
  actor: Actor | null,
  input: UpdateSourceInput,
): Promise<SavedSource> {
  const editor = authorize(actor, "source.create");
  const data = parseSourceInput(updateSourceSchema, input);
  const updated = await prisma
    .$transaction(async (tx) => {
      const current = await findSourceForChange(tx, editor, data.id);
      if (current.version !== data.expectedVersion) {
        throw new AppError(
          "CONFLICT",
          `This source was changed by someone else (now version ${current.version}); reload and reapply your edit.`,
          { currentVersion: current.version },
        );
      }
      const key = data.key ?? current.key;
      if (key !== current.key) {
        await assertCitationKeyFree(tx, key);
      }
      const source = await tx.source.update({
        where: { id: data.id },
        data: {
          ...toSourceData(data.csl, key),
          category: data.category,
          authorPosition: data.authorPosition,
          proximity: data.proximity,
          critique: data.critique,
          version: { increment: 1 },
        },
        select: {
          id: true,
          key: true,
          title: true,
          version: true,
          doi: true,
          isbn: true,
          titleKey: true,
          authorKey: true,
        },
      });
      await recordSourceEvent(tx, {
        action: "source.update",
        actorId: editor.id,
        sourceId: source.id,
        data: {
          fromVersion: current.version,
          toVersion: source.version,
          before: {
            key: current.key,
            csl: current.csl as Prisma.InputJsonObject,
            category: current.category,
            authorPosition: current.authorPosition,
            proximity: current.proximity,
            critique: current.critique,
          },
        },
      });
      return source;
    })
    .catch(rethrowKeyRace);
  const duplicates = await findDuplicatesOfKeys(prisma, updated, updated.id);
  return {
    id: updated.id,
    key: updated.key,
    title: updated.title,
    version: updated.version,
    duplicates,
  };
}
