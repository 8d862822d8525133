"use client";

import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from "react";
import { useFormStatus } from "react-dom";

import type { ActionState } from "@/lib/actions/action-state";

import { buttonClassName, type ButtonVariant } from "./button-styles";
import styles from "./forms.module.css";

export { buttonClassName, type ButtonVariant } from "./button-styles";

/** The state a form starts with, before its first submission. */
export const IDLE_STATE: ActionState = { status: "idle" };

/** Props of {@link TextField}. */
export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "name" | "aria-describedby" | "aria-invalid"
> {
  /** The visible label. */
  label: string;
  /** The field's name in the submitted form (and in `fieldErrors`). */
  name: string;
  /** A short rule or example shown under the label, linked to the input. */
  hint?: ReactNode;
  /** The field's error, shown under it and linked to the input. */
  error?: string;
  /** Marks the label "(optional)". */
  isOptional?: boolean;
}

/** The ids and attributes a {@link FieldFrame} hands to its control. */
interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * The frame every field shares: the label (marked "(optional)" when asked), the hint and the error,
 * both linked to the control through `aria-describedby`, and `aria-invalid` while there is an
 * error. `children` renders the control itself with the props it is given.
 */
function FieldFrame({
  label,
  hint,
  error,
  isOptional = false,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  isOptional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
        {isOptional ? <span className={styles.optional}> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A labelled text input with its hint and error linked through `aria-describedby`, and
 * `aria-invalid` while it has an error.
 */
export function TextField({ label, name, hint, error, isOptional, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} isOptional={isOptional}>
      {(control) => <input {...input} {...control} name={name} className={styles.input} />}
    </FieldFrame>
  );
}

/** Props of {@link TextAreaField}. */
export interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "id" | "name" | "aria-describedby" | "aria-invalid"
> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  isOptional?: boolean;
}

/** A labelled multi-line field, linked to its hint and error like {@link TextField}. */
export function TextAreaField({
  label,
  name,
  hint,
  error,
  isOptional,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} isOptional={isOptional}>
      {(control) => (
        <textarea
          {...textarea}
          {...control}
          name={name}
          className={`${styles.input} ${styles.textarea}`}
        />
      )}
    </FieldFrame>
  );
}

/** One choice of a {@link SelectField}. */
export interface SelectOption {
  value: string;
  label: string;
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  label: string;
  name: string;
  options: readonly SelectOption[];
  defaultValue?: string;
  hint?: ReactNode;
  error?: string;
}

/** A labelled `<select>` with its hint and error linked like {@link TextField}'s. */
export function SelectField({ label, name, options, defaultValue, hint, error }: SelectFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} name={name} className={styles.select} defaultValue={defaultValue}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** Props of {@link SubmitButton}. */
export interface SubmitButtonProps {
  children: ReactNode;
  /** Shown instead of the label while the form is being sent. */
  pendingLabel?: string;
  variant?: ButtonVariant;
  isSmall?: boolean;
  /** Pending state from outside the form (`useActionState`'s), for forms submitted by script. */
  isPending?: boolean;
  /** An accessible name fuller than the visible label ("Revoke token ‘CI’"). */
  "aria-label"?: string;
}

/**
 * A form's submit button, disabled while its form is being sent (`useFormStatus`), so that a
 * double click cannot submit twice.
 */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  isSmall = false,
  isPending = false,
  "aria-label": ariaLabel,
}: SubmitButtonProps) {
  const { pending } = useFormStatus();
  const isBusy = pending || isPending;
  return (
    <button
      type="submit"
      className={buttonClassName(variant, isSmall)}
      disabled={isBusy}
      aria-label={ariaLabel}
    >
      {isBusy && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** Props of {@link FormStatus}. */
export interface FormStatusProps {
  state: ActionState;
  /** Smaller, for the one-line forms in tables. */
  isInline?: boolean;
  /** Hide success messages (when the form shows its own success view). */
  hideSuccess?: boolean;
}

/**
 * The form's overall outcome: errors in an `alert` region (read out at once), successes in a
 * `status` region (read out politely). Nothing before the first submission.
 */
export function FormStatus({ state, isInline = false, hideSuccess = false }: FormStatusProps) {
  if (!state.message || state.status === "idle") {
    return null;
  }
  if (state.status === "success" && hideSuccess) {
    return null;
  }
  const className = [
    styles.status,
    state.status === "error" ? styles.statusError : styles.statusSuccess,
    isInline ? styles.statusInline : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <p role={state.status === "error" ? "alert" : "status"} className={className}>
      {state.message}
    </p>
  );
}

/** The text the password fields show under their label. */
export const PASSWORD_RULE = "At least 12 characters, not a common password.";
