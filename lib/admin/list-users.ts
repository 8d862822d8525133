import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

import { listUsersSchema, type ListUsersInput } from "./schemas";

/** Users per page of the admin list. */
export const USERS_PAGE_SIZE = 50;

/** An account as administrators see it; never its password hash. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  affiliation: string | null;
  orcid: string | null;
  disabledAt: Date | null;
  createdAt: Date;
}

/** The Prisma `select` of a `UserSummary`. */
export const userSummarySelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  affiliation: true,
  orcid: true,
  disabledAt: true,
  createdAt: true,
} as const;

/** Lists accounts by name, a page at a time, optionally searching names and e-mails. Admins only. */
export async function listUsers(
  actor: Actor | null,
  input: ListUsersInput = {},
): Promise<{ users: UserSummary[]; page: number; pageSize: number; total: number }> {
  authorize(actor, "user.list");
  const { query, page } = listUsersSchema.parse(input);
  const where: Prisma.UserWhereInput = query
    ? {
        OR: [
          { name: { contains: query, mode: "insensitive" } },
          { email: { contains: query, mode: "insensitive" } },
        ],
      }
    : {};
  const [users, total] = await Promise.all([
    prisma.user.findMany({
      where,
      select: userSummarySelect,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
    prisma.user.count({ where }),
  ]);
  return { users, page, pageSize: USERS_PAGE_SIZE, total };
}
