import { AccountMenu, AnonymousLinks } from "@/components/auth/account-menu";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/policy";

/** Props of {@link UserMenu}. */
export interface UserMenuProps {
  /** The signed-in user, or null for an anonymous visitor. */
  user: CurrentUser | null;
  /** Whether anyone may register (open registration): shows the Register link. */
  canRegister: boolean;
}

/**
 * The account links at the right of the site header. Signed in: a menu under the user's name and
 * role with Account, Groups, Administration (administrators only) and Sign out. Anonymous: Sign in,
 * and Register when registration is open.
 */
export function UserMenu({ user, canRegister }: UserMenuProps) {
  if (!user) {
    return <AnonymousLinks canRegister={canRegister} />;
  }
  return (
    <AccountMenu
      name={user.name}
      email={user.email}
      roleLabel={ROLE_LABELS[user.role]}
      isAdmin={user.role === "ADMIN"}
    />
  );
}
