import styles from "./forms.module.css";

/*
 * Button looks, outside the client-only form controls so that server components (links styled as
 * buttons) can use them too.
 */

/** The looks a button can have. */
export type ButtonVariant = "primary" | "secondary" | "danger";

/** The class names of a button of the given look. */
export function buttonClassName(variant: ButtonVariant = "primary", isSmall = false): string {
  return [
    styles.button,
    variant === "secondary" ? styles.secondary : "",
    variant === "danger" ? styles.danger : "",
    isSmall ? styles.small : "",
  ]
    .filter(Boolean)
    .join(" ");
}
