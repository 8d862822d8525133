/**
 * Input schemas of the accounts domain: registration, invites, one's own profile and password, and
 * personal API tokens. Use cases parse their input with these even when a route handler already
 * did, because a use case never trusts its caller.
 *
 * The `XInput` types are what callers pass (`z.input`), so that fields with defaults may be left
 * out; the use cases work on the parsed output.
 */
import { z } from "zod";

import { newPasswordSchema } from "@/lib/auth/password-policy";
import { Role } from "@/lib/generated/prisma/enums";

/** Longest e-mail address accepted (the SMTP path limit). */
export const MAX_EMAIL_LENGTH = 254;

/** An e-mail address, trimmed and lower-cased: the form every account and invite stores. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, `email: use at most ${MAX_EMAIL_LENGTH} characters.`)
  .pipe(z.email("email: enter a valid e-mail address."));

/** A person's display name. */
export const personNameSchema = z
  .string()
  .trim()
  .min(1, "name: enter a name.")
  .max(100, "name: use at most 100 characters.");

/** A site role. */
export const roleSchema = z.enum(Role, "role: choose reader, annotator, moderator or admin.");

/** The id of a stored row (all ids are UUIDs). */
export const idSchema = z.uuid("id: not a valid id.");

/**
 * True when `value` is an ORCID iD (`0000-0002-1825-0097`) whose last character is the ISO 7064
 * MOD 11-2 check digit of the other fifteen (10 is written `X`).
 */
export function isValidOrcid(value: string): boolean {
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(value)) {
    return false;
  }
  const digits = value.replace(/-/g, "");
  let total = 0;
  for (const digit of digits.slice(0, 15)) {
    total = (total + Number(digit)) * 2;
  }
  const check = (12 - (total % 11)) % 11;
  return digits[15] === (check === 10 ? "X" : String(check));
}

/**
 * An ORCID iD as typed: a bare iD or its `https://orcid.org/` URL, any case of `x`. The empty
 * string (or null) clears it, so the output is the bare iD or null.
 */
export const orcidSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^https?:\/\/orcid\.org\//i, "").toUpperCase())
  .refine((value) => value === "" || isValidOrcid(value), {
    message: "orcid: enter an ORCID iD such as 0000-0002-1825-0097 (the last digit is a checksum).",
  })
  .nullable()
  .transform((value) => (value ? value : null));

/** What `registerUser` accepts. */
export const registerUserSchema = z.object({
  /** The sign-in e-mail; stored trimmed and lower-cased. */
  email: emailSchema,
  /** The name shown beside the user's work. */
  name: personNameSchema,
  /** The new password (length and common-password rules of `newPasswordSchema`). */
  password: newPasswordSchema,
  /** The secret from an invite link (`/register?invite=<secret>`), when registering by invite. */
  inviteSecret: z.string().trim().max(200).optional(),
});
/** Input of `registerUser`. */
export type RegisterUserInput = z.input<typeof registerUserSchema>;

/** What `createInvite` accepts. */
export const createInviteSchema = z.object({
  /** When given, only this address may register with the invite. */
  email: emailSchema.optional(),
  /** The site role the invited account starts with. */
  role: roleSchema.default("ANNOTATOR"),
  /** Days until the invite expires: 1 to 30, 7 by default. */
  expiresInDays: z
    .number("expiresInDays: enter a number of days.")
    .int("expiresInDays: enter a whole number of days.")
    .min(1, "expiresInDays: at least 1 day.")
    .max(30, "expiresInDays: at most 30 days.")
    .default(7),
});
/** Input of `createInvite`. */
export type CreateInviteInput = z.input<typeof createInviteSchema>;

/** What `revokeInvite` accepts. */
export const revokeInviteSchema = z.object({
  /** The invite to revoke. */
  id: idSchema,
});
/** Input of `revokeInvite`. */
export type RevokeInviteInput = z.input<typeof revokeInviteSchema>;

/** What `listInvites` accepts. */
export const listInvitesSchema = z.object({
  /** 1-based page of the newest-first list. */
  page: z.number().int().min(1, "page: at least 1.").default(1),
});
/** Input of `listInvites`. */
export type ListInvitesInput = z.input<typeof listInvitesSchema>;

/** What `findInvite` accepts. */
export const findInviteSchema = z.object({
  /** The secret from the invite link. */
  secret: z.string().trim().min(1, "secret: the invite link has no secret.").max(200),
});
/** Input of `findInvite`. */
export type FindInviteInput = z.input<typeof findInviteSchema>;

/** What `updateProfile` accepts; fields left out stay as they are. */
export const updateProfileSchema = z.object({
  /** The name shown beside the user's work. */
  name: personNameSchema.optional(),
  /** University, institute or other affiliation; empty or null clears it. */
  affiliation: z
    .string()
    .trim()
    .max(200, "affiliation: use at most 200 characters.")
    .nullable()
    .transform((value) => (value ? value : null))
    .optional(),
  /** ORCID iD; empty or null clears it. */
  orcid: orcidSchema.optional(),
});
/** Input of `updateProfile`. */
export type UpdateProfileInput = z.input<typeof updateProfileSchema>;

/** What `changePassword` accepts. */
export const changePasswordSchema = z
  .object({
    /** The password in use now, to prove that the person at the keyboard owns the account. */
    currentPassword: z.string().min(1, "currentPassword: enter your current password.").max(1024),
    /** The new password (length and common-password rules of `newPasswordSchema`). */
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    message: "newPassword: choose a password different from the current one.",
    path: ["newPassword"],
  });
/** Input of `changePassword`. */
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** What `createApiToken` accepts. */
export const createApiTokenSchema = z.object({
  /** What the token is for ("export script"), to recognise it in the list. */
  name: z
    .string()
    .trim()
    .min(1, "name: enter a name for the token.")
    .max(100, "name: use at most 100 characters."),
  /** Days until the token expires (1 to 365); left out, it never expires. */
  expiresInDays: z
    .number("expiresInDays: enter a number of days.")
    .int("expiresInDays: enter a whole number of days.")
    .min(1, "expiresInDays: at least 1 day.")
    .max(365, "expiresInDays: at most 365 days.")
    .optional(),
});
/** Input of `createApiToken`. */
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** What `revokeApiToken` accepts. */
export const revokeApiTokenSchema = z.object({
  /** The token to revoke; must be one of the actor's own. */
  id: idSchema,
});
/** Input of `revokeApiToken`. */
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenSchema>;
