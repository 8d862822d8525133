/**
 * Who may create an account, set by the operator with `REGISTRATION_MODE`:
 *
 * - `open` (default): anyone; an invite link may still be used to start with the invite's role.
 * - `invite`: only with a valid invite link.
 * - `closed`: nobody (except the very first account, which becomes the administrator).
 */

/** The registration modes an operator can choose. */
export const REGISTRATION_MODES = ["open", "invite", "closed"] as const;

/** One registration mode. */
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/**
 * The configured registration mode. Read on every call so that a changed environment takes
 * effect; call it once at startup too, so that a typo stops the server instead of a registration.
 *
 * @throws Error when `REGISTRATION_MODE` is set to anything but open, invite or closed
 */
export function getRegistrationMode(): RegistrationMode {
  const value = process.env.REGISTRATION_MODE?.trim().toLowerCase() || "open";
  if (!(REGISTRATION_MODES as readonly string[]).includes(value)) {
    throw new Error(
      `REGISTRATION_MODE must be "open", "invite" or "closed" (got "${process.env.REGISTRATION_MODE}").`,
    );
  }
  return value as RegistrationMode;
}
