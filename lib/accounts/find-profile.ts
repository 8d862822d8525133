import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { profileSelect, type Profile } from "./update-profile";

/**
 * The actor's own profile (name, e-mail, role, affiliation, ORCID iD), for the account page.
 *
 * @throws AppError UNAUTHENTICATED for an anonymous actor; NOT_FOUND when the account is gone
 */
export async function findProfile(
  actor: Actor | null,
  _input: Record<string, never> = {},
): Promise<Profile> {
  const user = authorize(actor, "account.update");
  const profile = await prisma.user.findUnique({ where: { id: user.id }, select: profileSelect });
  if (!profile) {
    throw new AppError("NOT_FOUND", "Your account no longer exists.");
  }
  return profile;
}
