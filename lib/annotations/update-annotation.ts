import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { assertCanWriteToGroup, assertCanWriteToGroupForWrite } from "./annotation-context";
import {
  annotationNotFound,
  annotationViewSelect,
  toAnnotationView,
  type AnnotationView,
} from "./annotation-view";
import { findAnnotationForChange, versionConflict } from "./find-annotation-for-change";
import { recordAnnotationEvent } from "./record-annotation-event";
import {
  parseAnnotationInput,
  updateAnnotationSchema,
  type UpdateAnnotationInput,
} from "./schemas";

/**
 * Edits an annotation: its kind, flag, body, tags and visibility. Only its author may (others
 * get FORBIDDEN; an annotation they cannot see is NOT_FOUND), and only from the current version:
 * the write is a compare-and-set on `version`, so of two concurrent edits from one version exactly
 * one lands and the other gets CONFLICT, and no edit is ever silently lost.
 *
 * The state before the edit is kept as an AnnotationVersion, the version goes up by one, and the
 * edit is audited, all in one transaction. An edit that changes nothing writes nothing.
 *
 * A claim stays a claim (its disputes hang on it) and nothing else becomes one; the passage is
 * changed by `reattachAnnotation`, not here.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN / NOT_FOUND, INVALID_INPUT naming the field,
 *   CONFLICT "This annotation was changed by someone else (now version N); …"
 */
export async function updateAnnotation(
  actor: Actor | null,
  input: UpdateAnnotationInput,
): Promise<AnnotationView> {
  const editor = authorize(actor, "annotation.create");
  const data = parseAnnotationInput(updateAnnotationSchema, input);
  const target = await findAnnotationForChange(editor, data.id, {
    deniedMessage: "Only the author can edit this annotation.",
  });
  if ((target.kind === "CLAIM") !== (data.kind === "CLAIM")) {
    throw new AppError(
      "INVALID_INPUT",
      target.kind === "CLAIM"
        ? "kind: a claim stays a claim (its disputes depend on it); delete it and annotate again instead."
        : "kind: only a new annotation can be a claim; annotate the passage again with a claim flag.",
      { field: "kind" },
    );
  }
  await assertCanWriteToGroup(editor, data.visibility, data.groupId);

  const next = {
    kind: data.kind,
    flag: data.kind === "CLAIM" ? (data.flag ?? null) : null,
    body: data.body.doc as Prisma.InputJsonObject,
    bodyText: data.body.text,
    tags: data.tags,
    visibility: data.visibility,
    groupId: data.visibility === "GROUP" ? (data.groupId ?? null) : null,
  };

  return prisma.$transaction(async (tx) => {
    await assertCanWriteToGroupForWrite(tx, editor, data.visibility, data.groupId);
    const previous = await tx.annotation.findFirst({
      where: { id: data.id, deletedAt: null },
      select: {
        version: true,
        kind: true,
        flag: true,
        body: true,
        bodyText: true,
        tags: true,
        visibility: true,
        groupId: true,
      },
    });
    if (!previous) {
      throw annotationNotFound();
    }
    if (previous.version !== data.expectedVersion) {
      throw versionConflict(previous.version);
    }
    if (
      previous.kind === "CLAIM" &&
      (previous.visibility !== next.visibility || previous.groupId !== next.groupId)
    ) {
      await assertAudienceMayChange(tx, data.id, target.authorId);
    }
    const select = annotationViewSelect(target.currentRevisionId);
    if (isUnchanged(previous, next)) {
      return toAnnotationView(
        await tx.annotation.findUniqueOrThrow({ where: { id: data.id }, select }),
      );
    }
    // Compare-and-set: only the edit made from the current version gets to write.
    const { count } = await tx.annotation.updateMany({
      where: { id: data.id, version: data.expectedVersion, deletedAt: null },
      data: { ...next, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await tx.annotation.findUnique({
        where: { id: data.id },
        select: { version: true, deletedAt: true },
      });
      if (!now || now.deletedAt) {
        throw annotationNotFound();
      }
      throw versionConflict(now.version);
    }
    await tx.annotationVersion.create({
      data: {
        annotationId: data.id,
        version: previous.version,
        kind: previous.kind,
        flag: previous.flag,
        body: previous.body as Prisma.InputJsonValue,
        bodyText: previous.bodyText,
        tags: previous.tags,
        visibility: previous.visibility,
        groupId: previous.groupId,
        editedById: editor.id,
      },
    });
    await recordAnnotationEvent(tx, {
      action: "annotation.update",
      actorId: editor.id,
      annotationId: data.id,
      data: {
        fromVersion: previous.version,
        toVersion: previous.version + 1,
        changed: changedFields(previous, next),
      },
    });
    return toAnnotationView(
      await tx.annotation.findUniqueOrThrow({ where: { id: data.id }, select }),
    );
  });
}

/**
 * A claim's visibility is its dispute's audience: other scholars' accounts, replies and evidence
 * were written for it. Once anyone but the flagger has contributed, widening it would publish their
 * work to readers they did not write for, and narrowing it would take their own work away from
 * them, so it stays. The claim row is locked for update first, so no contribution (which takes a
 * share lock on it) slips in between this check and the edit.
 *
 * @throws AppError CONFLICT naming `visibility`
 */
async function assertAudienceMayChange(
  tx: Prisma.TransactionClient,
  annotationId: string,
  flaggerId: string,
): Promise<void> {
  const [claim] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Claim" WHERE "annotationId" = ${annotationId}::uuid FOR UPDATE`;
  if (!claim) {
    return;
  }
  const others = { not: flaggerId };
  // One after another: a transaction's queries share one connection.
  const accounts = await tx.claimAccount.count({
    where: { claimId: claim.id, createdById: others },
  });
  const replies = await tx.reply.count({ where: { claimId: claim.id, authorId: others } });
  const evidence = await tx.evidence.count({
    where: {
      createdById: others,
      OR: [{ account: { claimId: claim.id } }, { reply: { claimId: claim.id } }],
    },
  });
  if (accounts + replies + evidence > 0) {
    throw new AppError(
      "CONFLICT",
      "visibility: other scholars have contributed to this claim's dispute for its current audience, so its visibility can no longer change.",
      { field: "visibility" },
    );
  }
}

/** The editable fields, as stored. */
interface EditableState {
  kind: string;
  flag: string | null;
  body: unknown;
  bodyText: string;
  tags: string[];
  visibility: string;
  groupId: string | null;
}

/** JSON with object keys sorted, so that two equal documents compare equal as strings (jsonb reorders keys). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

/** The names of the editable fields that differ. */
function changedFields(previous: EditableState, next: EditableState): string[] {
  const changed: string[] = [];
  for (const field of ["kind", "flag", "visibility", "groupId"] as const) {
    if (previous[field] !== next[field]) {
      changed.push(field);
    }
  }
  if (canonicalJson(previous.body) !== canonicalJson(next.body)) {
    changed.push("body");
  }
  if (canonicalJson(previous.tags) !== canonicalJson(next.tags)) {
    changed.push("tags");
  }
  return changed;
}

function isUnchanged(previous: EditableState, next: EditableState): boolean {
  return changedFields(previous, next).length === 0;
}
