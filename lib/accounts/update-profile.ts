import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
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

/**
 * Updates the actor's own name, affiliation and ORCID iD. Fields left out stay as they are; an
 * empty affiliation or ORCID iD clears it.
 *
 * @throws AppError NOT_FOUND when the actor's account no longer exists
 */
export async function updateProfile(
  actor: Actor | null,
  input: UpdateProfileInput,
  _context: { ip?: string } = {},
): Promise<Profile> {
  const user = authorize(actor, "account.update");
  const data = updateProfileSchema.parse(input);
  const { count } = await prisma.user.updateMany({ where: { id: user.id }, data });
  if (count === 0) {
    throw new AppError("NOT_FOUND", "Your account no longer exists.");
  }
  return prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: profileSelect });
}
