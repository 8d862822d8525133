import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { recordSecurityEvent } from "@/lib/auth/record-security-event";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

import { updateProfileSchema, type UpdateProfileInput } from "./schemas";

/** One's own account as the profile page shows it. */
export interface Profile {
  id: string;
  email: string;
  name: string;
  role: Role;
  affiliation: string | null;
  orcid: string | null;
}

/** The Prisma `select` of a `Profile`. */
export const profileSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  affiliation: true,
  orcid: true,
} as const;

/** The profile fields a scholar edits, in the order the audit event lists them. */
const EDITABLE_FIELDS = ["name", "affiliation", "orcid"] as const;

/**
 * Updates the actor's own name, affiliation and ORCID iD. Fields left out stay as they are; an
 * empty affiliation or ORCID iD clears it. A change is recorded as an `auth.profile_update` audit
 * event with each changed field's old and new value (the ORCID iD is printed beside the scholar's
 * work in editions, so who set it and when matters); saving the same values records nothing.
 *
 * @throws AppError NOT_FOUND when the actor's account no longer exists
 */
export async function updateProfile(
  actor: Actor | null,
  input: UpdateProfileInput,
  context: { ip?: string } = {},
): Promise<Profile> {
  const user = authorize(actor, "account.update");
  const data = updateProfileSchema.parse(input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: user.id }, select: profileSelect });
    if (!before) {
      throw new AppError("NOT_FOUND", "Your account no longer exists.");
    }
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    for (const field of EDITABLE_FIELDS) {
      const value = data[field];
      if (value !== undefined && value !== before[field]) {
        changes[field] = { from: before[field], to: value };
      }
    }
    if (Object.keys(changes).length === 0) {
      return before;
    }
    const profile = await tx.user.update({ where: { id: user.id }, data, select: profileSelect });
    await recordSecurityEvent(
      {
        action: "auth.profile_update",
        actorId: user.id,
        subjectType: "User",
        subjectId: user.id,
        data: { changes, ...(context.ip ? { ip: context.ip } : {}) },
      },
      tx,
    );
    return profile;
  });
}
