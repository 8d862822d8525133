import type { ButtonVariant } from "@/components/auth/button-styles";
import { buttonClassName } from "@/components/auth/form-controls";

import styles from "./disputes.module.css";

/** Props of {@link FormActions}. */
export interface FormActionsProps {
  /** The submit button's text ("Post reply"). */
  label: string;
  /** Its text while the form is being saved ("Posting…"). */
  pendingLabel: string;
  isPending: boolean;
  /** The submit button's look: "primary" by default, "danger" for hiding. */
  variant?: ButtonVariant;
  /** Shows a second button that leaves the form; none without it. */
  onCancel?: () => void;
  /** That button's text: "Cancel" by default. */
  cancelLabel?: string;
}

/**
 * The buttons under a dispute form: submit (disabled and relabelled while saving) and, when the
 * form can be left, a secondary button that leaves it.
 */
export function FormActions({
  label,
  pendingLabel,
  isPending,
  variant = "primary",
  onCancel,
  cancelLabel = "Cancel",
}: FormActionsProps) {
  return (
    <div className={styles.actions}>
      <button type="submit" className={buttonClassName(variant, true)} disabled={isPending}>
        {isPending ? pendingLabel : label}
      </button>
      {onCancel ? (
        <button type="button" className={buttonClassName("secondary", true)} onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  );
}
