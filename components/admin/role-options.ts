import type { SelectOption } from "@/components/auth/form-controls";
import { ROLE_LABELS, ROLE_ORDER } from "@/lib/auth/policy";

/** The site roles as select options, least powerful first. */
export const SITE_ROLE_OPTIONS: readonly SelectOption[] = ROLE_ORDER.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));
