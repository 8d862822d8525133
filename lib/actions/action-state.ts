import "server-only";

import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";

import { clientIpFromHeaders } from "@/lib/auth/options";
import {
  isDatabaseUnavailableError,
  isUnstorableTextError,
  UNSTORABLE_TEXT_MESSAGE,
} from "@/lib/db";
import { isAppError } from "@/lib/errors";

/**
 * What every server action returns to its form (`useActionState`): plain, serialisable data.
 *
 * Clients import this type only (`import type`), never the module.
 */
export interface ActionState {
  /** "idle" before the first submission. */
  status: "idle" | "success" | "error";
  /** A sentence for the form's status region: what happened, or what went wrong overall. */
  message?: string;
  /** Messages for single fields, keyed by the field's `name`. */
  fieldErrors?: Record<string, string>;
  /** A secret shown once (an API token, an invite's secret); never stored in clear anywhere. */
  secret?: string;
  /**
   * The submitted text fields, so that a form can refill itself after React resets it. Passwords
   * and secrets are never echoed.
   */
  values?: Record<string, string>;
}

/** Message for failures that are bugs, not the user's doing; the details go to the server log. */
const UNEXPECTED_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

/** Message when the database cannot be reached. */
const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable; try again shortly.";

/** Message above the fields when some of them are invalid. */
const FIELD_ERRORS_MESSAGE = "Please correct the fields marked below.";

/** Field names whose values must never travel back to the browser. */
const SENSITIVE_FIELD = /password|secret/i;

/**
 * A form field's text, or "" when it is missing or a file: required fields then fail with their
 * schema's own "enter a …" message instead of a type error.
 */
export function readText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** A form field's text, or undefined when it is missing or blank (for optional fields). */
export function readOptionalText(formData: FormData, name: string): string | undefined {
  const value = readText(formData, name);
  return value.trim() === "" ? undefined : value;
}

/**
 * A numeric form field (a `<select>` of days, a number input): undefined when blank, else the
 * number typed (NaN for text, which the schema then refuses with its own message).
 */
export function readOptionalNumber(formData: FormData, name: string): number | undefined {
  const value = readOptionalText(formData, name);
  return value === undefined ? undefined : Number(value);
}

/** The request's client IP, for the audit context that use cases accept. */
export async function readRequestContext(): Promise<{ ip: string }> {
  return { ip: clientIpFromHeaders(await headers()) };
}

/**
 * Splits a message written as `field: text` (the convention of our schemas and use cases) into
 * the field and the text; a message without such a prefix has no field.
 */
function splitFieldMessage(message: string): { field: string | null; text: string } {
  const match = /^([A-Za-z][A-Za-z0-9]*): (.+)$/s.exec(message);
  if (!match?.[1] || !match[2]) {
    return { field: null, text: message };
  }
  return { field: match[1], text: match[2].charAt(0).toUpperCase() + match[2].slice(1) };
}

/** The submitted non-sensitive text fields (Next's own `$ACTION_…` fields left out). */
function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !name.startsWith("$") && !SENSITIVE_FIELD.test(name)) {
      values[name] = value;
    }
  }
  return values;
}

/** The error state of a server action that the client calls with plain data, not a form. */
export interface DataActionErrorState {
  status: "error";
  /** A sentence for the status region: what went wrong overall. */
  message?: string;
  /** Messages for single fields. */
  fieldErrors?: Record<string, string>;
  /** The AppError's code ("CONFLICT", "NOT_FOUND", …), so that the UI can react to it. */
  code?: string;
}

/**
 * Turns whatever a server action called with plain data (the reader's annotation editor, the
 * claim page) caught into its error state: the message and field errors of {@link toErrorState}
 * (no values, there being no form to refill), the AppError's code, and the message of an AppError
 * whose `field` detail names a shown field or a part of one (`passage.start` → `passage`) on that
 * field.
 *
 * @param shownFields the fields that show their own errors
 */
export function toDataActionErrorState(
  error: unknown,
  shownFields: readonly string[],
): DataActionErrorState {
  const state = toErrorState(error, new FormData(), shownFields);
  const result: DataActionErrorState = { status: "error", message: state.message };
  if (state.fieldErrors && Object.keys(state.fieldErrors).length > 0) {
    result.fieldErrors = state.fieldErrors;
  }
  if (isAppError(error)) {
    result.code = error.code;
    const field = typeof error.details?.field === "string" ? error.details.field : null;
    const topField = field?.split(".")[0];
    if (topField && shownFields.includes(topField) && !result.fieldErrors?.[topField]) {
      result.fieldErrors = {
        ...result.fieldErrors,
        [topField]: error.message.replace(/^[\w.]+: /, ""),
      };
    }
  }
  return result;
}

/**
 * Turns whatever a server action caught into the form's error state: a ZodError names its fields,
 * an AppError carries its message (on the field it names, when that field is in the form), an
 * unreachable database says so, and anything else is logged and reported generically. Next's own
 * control-flow errors (redirect, notFound) are rethrown.
 *
 * @param formData the submitted form, to know its fields and to refill them
 * @param shownFields the fields that show their own errors; by default every submitted field.
 *   Pass `[]` for forms of hidden fields only (a "Revoke" button), so that every error becomes
 *   the message.
 */
export function toErrorState(
  error: unknown,
  formData: FormData,
  shownFields: readonly string[] = Array.from(formData.keys()),
): ActionState {
  unstable_rethrow(error);
  const formFields = new Set(shownFields);
  const values = echoValues(formData);
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    const general: string[] = [];
    for (const issue of error.issues) {
      const pathField = typeof issue.path[0] === "string" ? issue.path[0] : null;
      const { field: prefixField, text } = splitFieldMessage(issue.message);
      const field = pathField ?? prefixField;
      if (field && formFields.has(field)) {
        fieldErrors[field] ??= text;
      } else {
        general.push(text);
      }
    }
    return {
      status: "error",
      message: general.length > 0 ? general.join(" ") : FIELD_ERRORS_MESSAGE,
      fieldErrors,
      values,
    };
  }
  if (isAppError(error)) {
    const { field, text } = splitFieldMessage(error.message);
    if (field && formFields.has(field)) {
      return {
        status: "error",
        message: FIELD_ERRORS_MESSAGE,
        fieldErrors: { [field]: text },
        values,
      };
    }
    return { status: "error", message: text, values };
  }
  if (isUnstorableTextError(error)) {
    return { status: "error", message: UNSTORABLE_TEXT_MESSAGE, values };
  }
  if (isDatabaseUnavailableError(error)) {
    return { status: "error", message: DATABASE_UNAVAILABLE_MESSAGE, values };
  }
  // eslint-disable-next-line no-console -- the one place unexpected server-action errors are logged
  console.error(error);
  return { status: "error", message: UNEXPECTED_ERROR_MESSAGE, values };
}
