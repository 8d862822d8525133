/**
 * Input schemas of the administration domain: the user list, site roles, disabling accounts.
 * `XInput` types are what callers pass (`z.input`); the use cases work on the parsed output.
 */
import { z } from "zod";

import { Role } from "@/lib/generated/prisma/enums";

/** The id of a user. */
const userIdSchema = z.uuid("userId: not a valid user id.");

/** What `listUsers` accepts. */
export const listUsersSchema = z.object({
  /** Part of a name or e-mail address to search for (any case); empty lists everyone. */
  query: z.string().trim().max(200, "query: use at most 200 characters.").optional(),
  /** 1-based page of the list, sorted by name. */
  page: z.number().int().min(1, "page: at least 1.").default(1),
});
/** Input of `listUsers`. */
export type ListUsersInput = z.input<typeof listUsersSchema>;

/** What `setUserRole` accepts. */
export const setUserRoleSchema = z.object({
  /** The account whose site role changes; never the actor's own. */
  userId: userIdSchema,
  /** The new site role. */
  role: z.enum(Role, "role: choose reader, annotator, moderator or admin."),
});
/** Input of `setUserRole`. */
export type SetUserRoleInput = z.input<typeof setUserRoleSchema>;

/** What `disableUser` and `enableUser` accept. */
export const userStatusSchema = z.object({
  /** The account to disable or enable; never the actor's own. */
  userId: userIdSchema,
});

/** What `disableUser` accepts. */
export const disableUserSchema = userStatusSchema;
/** Input of `disableUser`. */
export type DisableUserInput = z.input<typeof disableUserSchema>;

/** What `enableUser` accepts. */
export const enableUserSchema = userStatusSchema;
/** Input of `enableUser`. */
export type EnableUserInput = z.input<typeof enableUserSchema>;
