import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

import {
  assertCanWriteToGroup,
  assertCanWriteToGroupForWrite,
  readCurrentRevisionForWrite,
} from "./annotation-context";
import { annotationViewSelect, toAnnotationView, type AnnotationView } from "./annotation-view";
import { assertTargetMatchesText, findSectionAnchor } from "./check-target";
import { recordAnnotationEvent } from "./record-annotation-event";
import {
  createAnnotationSchema,
  parseAnnotationInput,
  type CreateAnnotationInput,
} from "./schemas";

/** Options of {@link createAnnotation} that are not the author's input. */
export interface CreateAnnotationOptions {
  /** The annotation's IRI in another system (an import, the seed), stored for idempotency. */
  sourceIri?: string;
}

/**
 * Creates an annotation on the current revision of an article: a comment, a question, a highlight
 * or a claim flag. Annotators and above; a group annotation needs membership of the group.
 *
 * The selectors must describe the revision's plain text exactly. In one transaction it writes the
 * annotation, its ORIGINAL anchor on the revision, the Claim (status OPEN) for a claim flag, and
 * the audit event.
 *
 * @throws AppError UNAUTHENTICATED / FORBIDDEN (role or group), INVALID_INPUT naming the field,
 *   NOT_FOUND (article, revision), CONFLICT (the article was revised since it was loaded)
 */
export async function createAnnotation(
  actor: Actor | null,
  input: CreateAnnotationInput,
  options: CreateAnnotationOptions = {},
): Promise<AnnotationView> {
  const author = authorize(actor, "annotation.create");
  const data = parseAnnotationInput(createAnnotationSchema, input);
  await assertCanWriteToGroup(author, data.visibility, data.groupId);

  return prisma.$transaction(async (tx) => {
    await assertCanWriteToGroupForWrite(tx, author, data.visibility, data.groupId);
    const revision = await readCurrentRevisionForWrite(tx, data.articleId, data.revisionId);
    assertTargetMatchesText(revision.plainText, data.target);
    const { quote, position } = data.target;
    const sectionAnchor = findSectionAnchor(revision.sections, position.start);
    const created = await tx.annotation.create({
      data: {
        articleId: data.articleId,
        authorId: author.id,
        kind: data.kind,
        flag: data.kind === "CLAIM" ? data.flag : null,
        body: data.body.doc as Prisma.InputJsonObject,
        bodyText: data.body.text,
        tags: data.tags,
        visibility: data.visibility,
        groupId: data.visibility === "GROUP" ? data.groupId : null,
        revisionId: data.revisionId,
        sectionAnchor,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        start: position.start,
        end: position.end,
        sourceIri: options.sourceIri ?? null,
        anchors: {
          create: {
            revisionId: data.revisionId,
            start: position.start,
            end: position.end,
            sectionAnchor,
            strategy: "ORIGINAL",
          },
        },
        ...(data.kind === "CLAIM"
          ? { claim: { create: { articleId: data.articleId, status: "OPEN" } } }
          : {}),
      },
      select: annotationViewSelect(data.revisionId),
    });
    await recordAnnotationEvent(tx, {
      action: "annotation.create",
      actorId: author.id,
      annotationId: created.id,
      data: {
        articleId: data.articleId,
        revisionId: data.revisionId,
        kind: data.kind,
        flag: created.flag,
        visibility: data.visibility,
        groupId: created.groupId,
        start: position.start,
        end: position.end,
      },
    });
    return toAnnotationView(created);
  });
}
