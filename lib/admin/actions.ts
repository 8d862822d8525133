"use server";

import { revalidatePath } from "next/cache";

import {
  readRequestContext,
  readText,
  toErrorState,
  type ActionState,
} from "@/lib/actions/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/policy";

import { disableUser } from "./disable-user";
import { enableUser } from "./enable-user";
import { disableUserSchema, enableUserSchema, setUserRoleSchema } from "./schemas";
import { setUserRole } from "./set-user-role";

/*
 * Server actions of the administration page, one per form. Each one reads the current user,
 * parses the form with the domain's schema, calls one use case (which refuses anyone but an
 * administrator) and returns an `ActionState` for `useActionState`.
 */

/** The page these actions change. */
const ADMIN_USERS_PATH = "/admin/users";

/** Changes another account's site role (hidden `userId`, `role` select). */
export async function setUserRoleAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = setUserRoleSchema.parse({
      userId: readText(formData, "userId"),
      role: readText(formData, "role"),
    });
    const user = await setUserRole(actor, input, await readRequestContext());
    revalidatePath(ADMIN_USERS_PATH);
    return {
      status: "success",
      message: `${user.name} is now ${withArticle(ROLE_LABELS[user.role].toLowerCase())}.`,
    };
  } catch (error) {
    return toErrorState(error, formData, ["role"]);
  }
}

/** Disables another account (hidden `userId`). */
export async function disableUserAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = disableUserSchema.parse({ userId: readText(formData, "userId") });
    const user = await disableUser(actor, input, await readRequestContext());
    revalidatePath(ADMIN_USERS_PATH);
    return { status: "success", message: `${user.name}’s account has been disabled.` };
  } catch (error) {
    return toErrorState(error, formData, []);
  }
}

/** Enables a disabled account again (hidden `userId`). */
export async function enableUserAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = enableUserSchema.parse({ userId: readText(formData, "userId") });
    const user = await enableUser(actor, input, await readRequestContext());
    revalidatePath(ADMIN_USERS_PATH);
    return { status: "success", message: `${user.name}’s account has been enabled.` };
  } catch (error) {
    return toErrorState(error, formData, []);
  }
}

/** "a reader", "an annotator", "an administrator". */
function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
