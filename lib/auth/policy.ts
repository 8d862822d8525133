/**
 * The one place that decides who may do what. Every route handler, server action and use case
 * asks `authorize(actor, action, subject)` before it reads or writes; the UI may use `can` to hide
 * controls, but hiding is never the protection.
 *
 * Site roles are ordered: reader < annotator < moderator < admin. Each action names the least
 * role it needs; a few also look at the subject (your own account, a group you moderate).
 */
import { AppError } from "@/lib/errors";
import type { GroupRole, Role } from "@/lib/generated/prisma/enums";

/** Who is acting: a signed-in user, or null for an anonymous visitor. */
export interface Actor {
  id: string;
  role: Role;
}

/** Site roles from least to most powerful. */
export const ROLE_ORDER: readonly Role[] = ["READER", "ANNOTATOR", "MODERATOR", "ADMIN"];

/** Human names of the roles, for the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  READER: "Reader",
  ANNOTATOR: "Annotator",
  MODERATOR: "Moderator",
  ADMIN: "Administrator",
};

/** True when `role` is `least` or above. */
export function hasRoleAtLeast(role: Role, least: Role): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(least);
}

/**
 * Actions that need only a minimum site role. Reading public articles needs no account and is not
 * listed; everything listed needs one.
 */
const MINIMUM_ROLE = {
  /** Export an annotated edition. */
  "article.export": "READER",
  /** Filter an edition by someone else's e-mail address (it tells who wrote what). */
  "article.exportByEmail": "MODERATOR",
  /** Import an article file through the app (the CLI is the operator's and needs no account). */
  "article.import": "ADMIN",
  /** Create annotations, replies, sources; edit one's own. */
  "annotation.create": "ANNOTATOR",
  "reply.create": "ANNOTATOR",
  "source.create": "ANNOTATOR",
  /** Moderation. */
  "claim.changeStatus": "MODERATOR",
  "thread.lock": "MODERATOR",
  "content.hide": "MODERATOR",
  "source.merge": "MODERATOR",
  /** Edit or delete a source someone else created. */
  "source.manageAny": "MODERATOR",
  /** Administration. */
  "user.list": "ADMIN",
  "user.setRole": "ADMIN",
  "user.disable": "ADMIN",
  "invite.manage": "ADMIN",
  /** Groups: any annotator may found one. */
  "group.create": "ANNOTATOR",
  /** One's own account: profile, password, API tokens. */
  "account.update": "READER",
  "token.manage": "READER",
} as const satisfies Record<string, Role>;

/** An action decided by role alone. */
export type RoleAction = keyof typeof MINIMUM_ROLE;

/** Actions inside a group, decided by the actor's membership of that group. */
export type GroupAction =
  /** See the group, its members and its content. */
  | "group.read"
  /** Add or remove members, change their group roles, rename the group. */
  | "group.manage"
  /** Leave the group. */
  | "group.leave";

/** Every action the policy knows. */
export type Action = RoleAction | GroupAction;

/** What the policy needs to know about a group to decide a group action. */
export interface GroupSubject {
  /** The actor's role in the group, or null when the actor is not a member. */
  membershipRole: GroupRole | null;
}

/** True when `actor` may perform `action` (on `subject` for group actions). */
export function can(actor: Actor | null, action: RoleAction): boolean;
export function can(actor: Actor | null, action: GroupAction, subject: GroupSubject): boolean;
export function can(actor: Actor | null, action: Action, subject?: GroupSubject): boolean {
  if (!actor) {
    return false;
  }
  if (isGroupAction(action)) {
    const membership = subject?.membershipRole ?? null;
    switch (action) {
      case "group.read":
        return membership !== null || actor.role === "ADMIN";
      case "group.manage":
        return membership === "MODERATOR" || actor.role === "ADMIN";
      case "group.leave":
        return membership !== null;
    }
  }
  return hasRoleAtLeast(actor.role, MINIMUM_ROLE[action as RoleAction]);
}

/**
 * Throws unless `actor` may perform `action`: UNAUTHENTICATED for an anonymous visitor (so the UI
 * can offer to sign in), FORBIDDEN for a signed-in user without the right.
 *
 * @returns the actor, narrowed to non-null
 */
export function authorize(actor: Actor | null, action: RoleAction): Actor;
export function authorize(actor: Actor | null, action: GroupAction, subject: GroupSubject): Actor;
export function authorize(actor: Actor | null, action: Action, subject?: GroupSubject): Actor {
  if (!actor) {
    throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  }
  const allowed = isGroupAction(action)
    ? can(actor, action, subject ?? { membershipRole: null })
    : can(actor, action);
  if (!allowed) {
    throw new AppError("FORBIDDEN", describeDenial(action));
  }
  return actor;
}

function isGroupAction(action: Action): action is GroupAction {
  return action === "group.read" || action === "group.manage" || action === "group.leave";
}

function describeDenial(action: Action): string {
  if (isGroupAction(action)) {
    return action === "group.manage"
      ? "Only the group's moderators can do this."
      : "You are not a member of this group.";
  }
  const least = ROLE_LABELS[MINIMUM_ROLE[action]];
  return `This needs the ${least.toLowerCase()} role or above.`;
}
