/**
 * Input schemas of the groups domain: founding groups and managing their members.
 * `XInput` types are what callers pass (`z.input`); the use cases work on the parsed output.
 */
import { z } from "zod";

import { emailSchema } from "@/lib/accounts/schemas";
import { GroupRole } from "@/lib/generated/prisma/enums";

/** The id of a group. */
export const groupIdSchema = z.uuid("groupId: not a valid group id.");

/** A role inside a group. */
const groupRoleSchema = z.enum(GroupRole, "role: choose member or moderator.");

/** What `createGroup` accepts. */
export const createGroupSchema = z.object({
  /** The group's name, as members see it. */
  name: z
    .string()
    .trim()
    .min(1, "name: enter a name for the group.")
    .max(100, "name: use at most 100 characters."),
  /** What the group works on; may be empty. */
  description: z.string().trim().max(2000, "description: use at most 2000 characters.").default(""),
});
/** Input of `createGroup`. */
export type CreateGroupInput = z.input<typeof createGroupSchema>;

/** What `findGroup` accepts. */
export const findGroupSchema = z.object({
  /** The group to show. */
  groupId: groupIdSchema,
});
/** Input of `findGroup`. */
export type FindGroupInput = z.input<typeof findGroupSchema>;

/** What `findMembership` accepts. */
export const findMembershipSchema = z.object({
  /** The group whose membership of the actor is wanted. */
  groupId: groupIdSchema,
});
/** Input of `findMembership`. */
export type FindMembershipInput = z.input<typeof findMembershipSchema>;

/** What `addGroupMember` accepts. */
export const addGroupMemberSchema = z.object({
  /** The group to add to. */
  groupId: groupIdSchema,
  /** The e-mail address of an existing, enabled account. */
  email: emailSchema,
  /** The new member's role in the group; member by default. */
  role: groupRoleSchema.default("MEMBER"),
});
/** Input of `addGroupMember`. */
export type AddGroupMemberInput = z.input<typeof addGroupMemberSchema>;

/** What `removeGroupMember` accepts. */
export const removeGroupMemberSchema = z.object({
  /** The group to remove from. */
  groupId: groupIdSchema,
  /** The member to remove. */
  userId: z.uuid("userId: not a valid user id."),
});
/** Input of `removeGroupMember`. */
export type RemoveGroupMemberInput = z.input<typeof removeGroupMemberSchema>;

/** What `setGroupMemberRole` accepts. */
export const setGroupMemberRoleSchema = z.object({
  /** The group. */
  groupId: groupIdSchema,
  /** The member whose role changes. */
  userId: z.uuid("userId: not a valid user id."),
  /** The member's new role in the group. */
  role: groupRoleSchema,
});
/** Input of `setGroupMemberRole`. */
export type SetGroupMemberRoleInput = z.input<typeof setGroupMemberRoleSchema>;

/** What `leaveGroup` accepts. */
export const leaveGroupSchema = z.object({
  /** The group to leave. */
  groupId: groupIdSchema,
});
/** Input of `leaveGroup`. */
export type LeaveGroupInput = z.input<typeof leaveGroupSchema>;
