/**
 * What a new password must be: at least 12 characters, at most 256, and not one of the ~49,000
 * most common passwords (the list that ships with zxcvbn-ts).
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (argon2 would take more, but nobody types this much). */
export const MAX_PASSWORD_LENGTH = 256;

const commonPasswords = new Set<string>(
  (dictionary["passwords-common"] as string[]).map((entry) => entry.toLowerCase()),
);

/** True when the password, ignoring case, is on the common-password list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.normalize("NFC").toLowerCase());
}

/** A new password (registration, password change, reset). */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  .refine((password) => !isCommonPassword(password), {
    message: "This password is on a list of commonly used passwords; choose another.",
  });
