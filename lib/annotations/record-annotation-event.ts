import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";

/** What happened to an annotation, as written to the audit table. */
export type AnnotationAuditAction =
  | "annotation.create"
  | "annotation.update"
  | "annotation.delete"
  | "annotation.hide"
  | "annotation.unhide"
  | "annotation.reattach";

/**
 * Appends an annotation event to the audit table inside the transaction of the write it records,
 * so that both land or neither does.
 */
export async function recordAnnotationEvent(
  tx: Prisma.TransactionClient,
  event: {
    action: AnnotationAuditAction;
    actorId: string;
    annotationId: string;
    data?: Prisma.InputJsonObject;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId,
      subjectType: "Annotation",
      subjectId: event.annotationId,
      data: event.data ?? {},
    },
  });
}
