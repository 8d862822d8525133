/**
 * Who may read what a scholar wrote (annotations, replies, sources): PUBLIC items are for everyone,
 * GROUP items for the members of their group, PRIVATE items for their author alone.
 *
 * A request first works out the reader's scope once (`getVisibilityScope`), then filters lists
 * with `visibleWhere` and checks single items with `isVisibleTo`, so both always agree.
 */
import "server-only";

import { prisma } from "@/lib/db";
import type { Visibility } from "@/lib/generated/prisma/enums";

import type { Actor } from "./policy";

/** What a reader can see beyond public items: their own id and the live groups they belong to. */
export interface VisibilityScope {
  /** The reader's id; null for an anonymous visitor. */
  userId: string | null;
  /** Groups the reader is a member of, deleted groups left out. */
  groupIds: string[];
}

/** The fields of any model whose rows carry a visibility. */
export interface VisibleItem {
  visibility: Visibility;
  groupId: string | null;
  authorId: string;
}

/** One way an item can be visible, as a Prisma `where` clause. */
export type VisibilityClause =
  | { visibility: "PUBLIC" }
  | { visibility: "GROUP"; groupId: { in: string[] } }
  | { visibility: "PRIVATE"; authorId: string };

/** A Prisma `where` fragment for any model with `visibility`, `groupId` and `authorId`. */
export type VisibilityWhere = { OR: VisibilityClause[] };

/** The scope of `actor`: nothing beyond public items for an anonymous visitor. */
export async function getVisibilityScope(actor: Actor | null): Promise<VisibilityScope> {
  if (!actor) {
    return { userId: null, groupIds: [] };
  }
  const memberships = await prisma.groupMembership.findMany({
    where: { userId: actor.id, group: { deletedAt: null } },
    select: { groupId: true },
    orderBy: { groupId: "asc" },
  });
  return { userId: actor.id, groupIds: memberships.map((membership) => membership.groupId) };
}

/**
 * The `where` fragment selecting the items `scope` may see. Combine it with other conditions with
 * `AND: [visibleWhere(scope), …]` so that its `OR` is not overwritten.
 */
export function visibleWhere(scope: VisibilityScope): VisibilityWhere {
  const clauses: VisibilityClause[] = [{ visibility: "PUBLIC" }];
  if (scope.groupIds.length > 0) {
    clauses.push({ visibility: "GROUP", groupId: { in: scope.groupIds } });
  }
  if (scope.userId) {
    clauses.push({ visibility: "PRIVATE", authorId: scope.userId });
  }
  return { OR: clauses };
}

/** True when `scope` may see `item`; the same rule as `visibleWhere`, for one object in memory. */
export function isVisibleTo(scope: VisibilityScope, item: VisibleItem): boolean {
  switch (item.visibility) {
    case "PUBLIC":
      return true;
    case "GROUP":
      return item.groupId !== null && scope.groupIds.includes(item.groupId);
    case "PRIVATE":
      return scope.userId !== null && item.authorId === scope.userId;
  }
}
