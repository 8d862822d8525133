"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import {
  readRequestContext,
  readText,
  toErrorState,
  type ActionState,
} from "@/lib/actions/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";

import { addGroupMember } from "./add-group-member";
import { createGroup } from "./create-group";
import { leaveGroup } from "./leave-group";
import { removeGroupMember } from "./remove-group-member";
import {
  addGroupMemberSchema,
  createGroupSchema,
  leaveGroupSchema,
  removeGroupMemberSchema,
  setGroupMemberRoleSchema,
} from "./schemas";
import { setGroupMemberRole } from "./set-group-member-role";

/*
 * Server actions of the group pages, one per form. Each one reads the current user, parses the
 * form with the domain's schema, calls one use case (which checks the actor's site role or group
 * role) and returns an `ActionState` for `useActionState`.
 */

/** The page of one group. */
function groupPath(groupId: string): string {
  return `/groups/${encodeURIComponent(groupId)}`;
}

/** Founds a group with the actor as its moderator, then opens the group's page. */
export async function createGroupAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let groupId: string;
  try {
    const actor = await getCurrentUser();
    const input = createGroupSchema.parse({
      name: readText(formData, "name"),
      description: readText(formData, "description"),
    });
    groupId = (await createGroup(actor, input, await readRequestContext())).id;
    revalidatePath("/groups");
  } catch (error) {
    return toErrorState(error, formData);
  }
  // Outside the try: redirect works by throwing.
  redirect(groupPath(groupId));
}

/** Adds an existing account to a group by e-mail (hidden `groupId`, `email`, `role`). */
export async function addGroupMemberAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = addGroupMemberSchema.parse({
      groupId: readText(formData, "groupId"),
      email: readText(formData, "email"),
      role: readText(formData, "role") || undefined,
    });
    const member = await addGroupMember(actor, input, await readRequestContext());
    revalidatePath(groupPath(input.groupId));
    return { status: "success", message: `${member.name} has been added to the group.` };
  } catch (error) {
    return toErrorState(error, formData, ["email", "role"]);
  }
}

/** Changes a member's role in a group (hidden `groupId`, `userId`; `role` select). */
export async function setGroupMemberRoleAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = setGroupMemberRoleSchema.parse({
      groupId: readText(formData, "groupId"),
      userId: readText(formData, "userId"),
      role: readText(formData, "role"),
    });
    const { role } = await setGroupMemberRole(actor, input, await readRequestContext());
    revalidatePath(groupPath(input.groupId));
    return {
      status: "success",
      message:
        role === "MODERATOR" ? "Now a moderator of the group." : "Now a member of the group.",
    };
  } catch (error) {
    return toErrorState(error, formData, ["role"]);
  }
}

/** Removes a member from a group (hidden `groupId`, `userId`). */
export async function removeGroupMemberAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = removeGroupMemberSchema.parse({
      groupId: readText(formData, "groupId"),
      userId: readText(formData, "userId"),
    });
    await removeGroupMember(actor, input, await readRequestContext());
    revalidatePath(groupPath(input.groupId));
    return { status: "success", message: "The member has been removed from the group." };
  } catch (error) {
    return toErrorState(error, formData, []);
  }
}

/** Takes the actor out of a group (hidden `groupId`), then goes back to the list of groups. */
export async function leaveGroupAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = leaveGroupSchema.parse({ groupId: readText(formData, "groupId") });
    await leaveGroup(actor, input, await readRequestContext());
    revalidatePath("/groups");
  } catch (error) {
    return toErrorState(error, formData, []);
  }
  redirect("/groups?left=1");
}
