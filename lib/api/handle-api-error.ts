import "server-only";

import { ZodError } from "zod";

import {
  isDatabaseUnavailableError,
  isUnstorableTextError,
  UNSTORABLE_TEXT_MESSAGE,
} from "@/lib/db";
import { isAppError } from "@/lib/errors";

/** The JSON body of every API error: a code, a message for people, and details for programs. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * Turns anything thrown by a route handler into a response: ZodError → 400 naming the fields,
 * AppError → its status and message, text PostgreSQL cannot store (U+0000) → 400, an unreachable
 * database → 503, anything else → 500 with a
 * generic message (the details go to the server log, never to the client).
 */
export function handleApiError(error: unknown): Response {
  if (error instanceof ZodError) {
    const fields = error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    const summary = fields
      .map((field) => (field.path ? `${field.path}: ${field.message}` : field.message))
      .join("; ");
    return json(400, { error: { code: "INVALID_INPUT", message: summary, details: fields } });
  }
  if (isAppError(error)) {
    return json(error.status, {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    });
  }
  if (isUnstorableTextError(error)) {
    return json(400, { error: { code: "INVALID_INPUT", message: UNSTORABLE_TEXT_MESSAGE } });
  }
  if (isDatabaseUnavailableError(error)) {
    return json(503, {
      error: { code: "UNAVAILABLE", message: "The database is unavailable; try again shortly." },
    });
  }
  // eslint-disable-next-line no-console -- the one place unexpected API errors are logged
  console.error(error);
  return json(500, { error: { code: "INTERNAL", message: "Something went wrong on our side." } });
}

function json(status: number, body: ApiErrorBody): Response {
  return Response.json(body, { status });
}
