import type { SelectOption } from "@/components/auth/form-controls";
import type { GroupRole } from "@/lib/generated/prisma/enums";

/** Human names of the roles inside a group. */
export const GROUP_ROLE_LABELS: Record<GroupRole, string> = {
  MEMBER: "Member",
  MODERATOR: "Moderator",
};

/** The group roles as select options. */
export const GROUP_ROLE_OPTIONS: readonly SelectOption[] = [
  { value: "MEMBER", label: GROUP_ROLE_LABELS.MEMBER },
  { value: "MODERATOR", label: GROUP_ROLE_LABELS.MODERATOR },
];
