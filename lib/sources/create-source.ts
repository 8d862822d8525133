import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";

import { findDuplicatesOfItem, type DuplicateCandidate } from "./find-duplicate-sources";
import { createSourceSchema, parseSourceInput, type CreateSourceInput } from "./schemas";
import {
  assertCitationKeyFree,
  chooseCitationKey,
  recordSourceEvent,
  rethrowKeyRace,
  toSourceData,
} from "./source-records";

/** What a use case that writes a source returns. */
export interface SavedSource {
  id: string;
  key: string;
  title: string;
  version: number;
  /** Live sources that look like the same work (a warning: the moderators may merge them). */
  duplicates: DuplicateCandidate[];
}

/**
 * Adds a source to the library: its CSL item, critique fields and a citation key (the one given,
 * which must be free, else one generated from author, year and title). Annotators and above.
 * Writes the source and its audit event in one transaction. Existing sources that look like the
 * same work are returned as a warning; the record is still created (merging is a moderator's call).
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN, INVALID_INPUT naming the field (unknown CSL type,
 *   missing title, …), CONFLICT when the given key is taken
 */
export async function createSource(
  actor: Actor | null,
  input: CreateSourceInput,
): Promise<SavedSource> {
  const author = authorize(actor, "source.create");
  const data = parseSourceInput(createSourceSchema, input);
  const created = await prisma
    .$transaction(async (tx) => {
      if (data.key) {
        await assertCitationKeyFree(tx, data.key);
      }
      const key = data.key ?? (await chooseCitationKey(tx, data.csl, undefined));
      const source = await tx.source.create({
        data: {
          ...toSourceData(data.csl, key),
          category: data.category,
          authorPosition: data.authorPosition,
          proximity: data.proximity,
          critique: data.critique,
          createdById: author.id,
        },
        select: { id: true, key: true, title: true, version: true },
      });
      await recordSourceEvent(tx, {
        action: "source.create",
        actorId: author.id,
        sourceId: source.id,
        data: { key: source.key, type: data.csl.type },
      });
      return source;
    })
    .catch(rethrowKeyRace);
  const duplicates = (await findDuplicatesOfItem(data.csl)).filter(
    (candidate) => candidate.id !== created.id,
  );
  return { ...created, duplicates };
}
