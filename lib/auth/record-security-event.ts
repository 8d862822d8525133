import "server-only";

import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Security-relevant actions written to the audit table. */
export type SecurityAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.lockout"
  | "auth.sign_out"
  | "auth.register"
  | "auth.password_change"
  | "auth.profile_update"
  | "auth.token_created"
  | "auth.token_revoked"
  | "auth.token_used"
  | "admin.role_change"
  | "admin.user_disabled"
  | "admin.user_enabled"
  | "admin.invite_created"
  | "admin.invite_revoked"
  | "group.created"
  | "group.member_added"
  | "group.member_removed"
  | "group.member_role_changed";

/**
 * Appends a security event (who, what, on which subject, from where) to the audit table. Pass the
 * transaction client when the event belongs to a write, so that both land or neither does.
 */
export async function recordSecurityEvent(
  event: {
    action: SecurityAction;
    actorId: string | null;
    subjectType: string;
    subjectId: string;
    data?: Prisma.InputJsonObject;
  },
  db: Prisma.TransactionClient = prisma,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      data: event.data ?? {},
    },
  });
}
