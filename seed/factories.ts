/**
 * Builders of test input, reused by integration and end-to-end tests.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { GroupRole, Role } from "@/lib/generated/prisma/enums";

import { projectRoot } from "./test-database";

/** The shipped seed article's path. */
export const SEED_ARTICLE_PATH = path.join(
  projectRoot,
  "seed",
  "articles",
  "afghan-civil-war-1989-1992.txt",
);

/** The shipped seed article's text. */
export function readSeedArticle(): string {
  return readFileSync(SEED_ARTICLE_PATH, "utf8");
}

/**
 * A small article in the seed format, with a unique title unless one is given, so that tests can
 * run side by side in one database.
 */
export function buildArticleText(overrides: { title?: string; body?: string } = {}): string {
  const title = overrides.title ?? `Test article ${Math.random().toString(36).slice(2, 10)}`;
  const body =
    overrides.body ??
    [
      "Infobox",
      "- Conflict: A test conflict",
      "- Date: 1989 – 1992",
      "",
      "The lead paragraph, with Pashto: له ۱۹۸۹ څخه.",
      "",
      "== Background ==",
      "A paragraph with <hr> and <script>alert(1)</script> kept as text.",
      "",
      "== Bibliography ==",
      '- Coll, Steve.. "Ghost Wars" (2004)',
    ].join("\n");
  return `= ${title} =\n\n${body}\n`;
}

/** UTF-8 bytes of a string, as a file would hold them. */
export function toBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A unique e-mail address for a test account (lower-case, as accounts store them). */
export function buildEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** An account written by `buildUser`; also usable as an `Actor` (it has `id` and `role`). */
export interface BuiltUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Writes an account straight to the database: READER with a unique e-mail unless told otherwise.
 * A password is hashed (and so takes a few milliseconds) only when one is given.
 */
export async function buildUser(
  db: PrismaClient,
  overrides: {
    role?: Role;
    email?: string;
    name?: string;
    password?: string;
    isDisabled?: boolean;
  } = {},
): Promise<BuiltUser> {
  const role = overrides.role ?? "READER";
  return db.user.create({
    data: {
      email: overrides.email ?? buildEmail(role.toLowerCase()),
      name: overrides.name ?? `Test ${role.toLowerCase()}`,
      role,
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
      disabledAt: overrides.isDisabled ? new Date() : null,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

/**
 * Writes a group with the given moderators and members (a fresh annotator moderates it when no
 * moderator is given); the first moderator is recorded as its creator.
 */
export async function buildGroup(
  db: PrismaClient,
  options: {
    moderators?: { id: string }[];
    members?: { id: string }[];
    name?: string;
    isDeleted?: boolean;
  } = {},
): Promise<{ id: string; name: string; moderatorIds: string[] }> {
  const moderators = options.moderators?.length
    ? options.moderators
    : [await buildUser(db, { role: "ANNOTATOR" })];
  const memberships: { userId: string; role: GroupRole }[] = [
    ...moderators.map((user) => ({ userId: user.id, role: "MODERATOR" as const })),
    ...(options.members ?? []).map((user) => ({ userId: user.id, role: "MEMBER" as const })),
  ];
  const group = await db.group.create({
    data: {
      name: options.name ?? `Test group ${randomUUID().slice(0, 8)}`,
      createdById: moderators[0]!.id,
      deletedAt: options.isDeleted ? new Date() : null,
      memberships: { createMany: { data: memberships } },
    },
    select: { id: true, name: true },
  });
  return { ...group, moderatorIds: moderators.map((user) => user.id) };
}
