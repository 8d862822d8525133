"use server";

import { revalidatePath } from "next/cache";

import {
  readOptionalNumber,
  readOptionalText,
  readRequestContext,
  readText,
  toErrorState,
  type ActionState,
} from "@/lib/actions/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/policy";

import { changePassword } from "./change-password";
import { createApiToken } from "./create-api-token";
import { createInvite } from "./create-invite";
import { registerUser } from "./register-user";
import { revokeApiToken } from "./revoke-api-token";
import { revokeInvite } from "./revoke-invite";
import {
  changePasswordSchema,
  createApiTokenSchema,
  createInviteSchema,
  registerUserSchema,
  revokeApiTokenSchema,
  revokeInviteSchema,
  updateProfileSchema,
} from "./schemas";
import { updateProfile } from "./update-profile";

/*
 * Server actions of the accounts domain, one per form. Each one reads the current user, parses the
 * form with the domain's schema, calls one use case and returns an `ActionState` for
 * `useActionState`. Next checks the Origin of every server action (CSRF); the use cases check
 * permissions again, whatever the page showed.
 */

/**
 * Registers an account (the register page). The form signs in with the same credentials when this
 * succeeds. A signed-in visitor is refused by the use case.
 */
export async function registerAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = registerUserSchema.parse({
      email: readText(formData, "email"),
      name: readText(formData, "name"),
      password: readText(formData, "password"),
      inviteSecret: readOptionalText(formData, "inviteSecret"),
    });
    const user = await registerUser(actor, input, await readRequestContext());
    return {
      status: "success",
      message: `Welcome, ${user.name}. Your account has been created; signing you in…`,
    };
  } catch (error) {
    return toErrorState(error, formData);
  }
}

/** Saves the signed-in user's name, affiliation and ORCID iD (the account page). */
export async function updateProfileAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = updateProfileSchema.parse({
      name: readText(formData, "name"),
      affiliation: readText(formData, "affiliation"),
      orcid: readText(formData, "orcid"),
    });
    await updateProfile(actor, input, await readRequestContext());
    // The name also appears in the header on every page.
    revalidatePath("/", "layout");
    return { status: "success", message: "Your profile has been saved." };
  } catch (error) {
    return toErrorState(error, formData);
  }
}

/**
 * Changes the signed-in user's password. Every session, this one included, ends with the change;
 * the form signs in again with the new password to carry on.
 */
export async function changePasswordAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = changePasswordSchema.parse({
      currentPassword: readText(formData, "currentPassword"),
      newPassword: readText(formData, "newPassword"),
    });
    await changePassword(actor, input, await readRequestContext());
    return {
      status: "success",
      message: "Your password has been changed. Sessions on other devices have been signed out.",
    };
  } catch (error) {
    return toErrorState(error, formData);
  }
}

/** Creates a personal API token; the state carries its secret, shown once. */
export async function createApiTokenAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = createApiTokenSchema.parse({
      name: readText(formData, "name"),
      expiresInDays: readOptionalNumber(formData, "expiresInDays"),
    });
    const { token, secret } = await createApiToken(actor, input, await readRequestContext());
    revalidatePath("/account");
    return { status: "success", message: `Token “${token.name}” created.`, secret };
  } catch (error) {
    return toErrorState(error, formData);
  }
}

/** Revokes one of the signed-in user's API tokens (a hidden `id` field). */
export async function revokeApiTokenAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = revokeApiTokenSchema.parse({ id: readText(formData, "id") });
    const token = await revokeApiToken(actor, input, await readRequestContext());
    revalidatePath("/account");
    return { status: "success", message: `Token “${token.name}” revoked.` };
  } catch (error) {
    return toErrorState(error, formData, []);
  }
}

/** Creates an invite (administrators); the state carries its secret for the link, shown once. */
export async function createInviteAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = createInviteSchema.parse({
      email: readOptionalText(formData, "email"),
      role: readOptionalText(formData, "role"),
      expiresInDays: readOptionalNumber(formData, "expiresInDays"),
    });
    const { invite, secret } = await createInvite(actor, input, await readRequestContext());
    revalidatePath("/admin/users");
    const who = invite.email ? `for ${invite.email}` : "for anyone with the link";
    return {
      status: "success",
      message: `Invite ${who} created, with the ${ROLE_LABELS[invite.role].toLowerCase()} role.`,
      secret,
    };
  } catch (error) {
    return toErrorState(error, formData);
  }
}

/** Revokes an unused invite (administrators; a hidden `id` field). */
export async function revokeInviteAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const actor = await getCurrentUser();
    const input = revokeInviteSchema.parse({ id: readText(formData, "id") });
    const invite = await revokeInvite(actor, input, await readRequestContext());
    revalidatePath("/admin/users");
    return {
      status: "success",
      message: `Invite ${invite.email ? `for ${invite.email} ` : ""}revoked.`,
    };
  } catch (error) {
    return toErrorState(error, formData, []);
  }
}
