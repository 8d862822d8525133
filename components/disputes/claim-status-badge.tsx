import { CLAIM_STATUS_LABELS } from "@/lib/disputes/labels";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

import { CLAIM_STATUS_GLYPHS } from "./dispute-display";
import styles from "./disputes.module.css";

/** Props of {@link ClaimStatusBadge}. */
export interface ClaimStatusBadgeProps {
  status: ClaimStatus;
  /** Smaller, for the reader's sidebar. */
  isSmall?: boolean;
}

/**
 * A claim's status as a badge: a glyph, the status in words and a colour per status, so that the
 * colour never carries the meaning alone. Screen readers hear "Status: Contested".
 */
export function ClaimStatusBadge({ status, isSmall = false }: ClaimStatusBadgeProps) {
  return (
    <span
      className={`${styles.statusBadge} ${isSmall ? styles.statusBadgeSmall : ""}`}
      data-status={status.toLowerCase().replace("_", "-")}
    >
      <span aria-hidden="true" className={styles.statusGlyph}>
        {CLAIM_STATUS_GLYPHS[status]}
      </span>
      <span className="visually-hidden">Status: </span>
      {CLAIM_STATUS_LABELS[status]}
    </span>
  );
}
