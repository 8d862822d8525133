import "server-only";

import { getServerSession } from "next-auth";
import { cache } from "react";

import { prisma } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

import { authOptions } from "./options";
import type { Actor } from "./policy";

/** The signed-in user, as pages and route handlers see them. */
export interface CurrentUser extends Actor {
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user of this request, or null. The session token is only a pointer: the account
 * is read fresh from the database, so a disabled account, a changed role, or a session issued
 * before a password change or a forged token all count as signed out. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions).catch(() => null);
  if (!session?.userId) {
    return null;
  }
  return findActiveUser(session.userId, session.sessionVersion);
});

/** The account behind a session, if it is still enabled and the session is still current. */
export async function findActiveUser(
  userId: string,
  sessionVersion: number,
): Promise<CurrentUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) {
    return null;
  }
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      sessionVersion: true,
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) {
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
