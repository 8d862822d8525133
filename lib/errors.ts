/**
 * The single error type that `lib/` throws on purpose.
 *
 * Every entry point (route handler, server action, CLI) turns an `AppError` into its own kind of
 * answer: an HTTP status with the message, or a one-line message with a non-zero exit code.
 * Anything that is not an `AppError` (or a `ZodError`) is a bug and is reported generically.
 */

/** What went wrong, coarse enough to map onto HTTP statuses and exit codes. */
export type AppErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNAVAILABLE";

/** HTTP status for each code. */
export const appErrorStatus: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};

/** An expected failure with a message that is safe to show to the user as it is. */
export class AppError extends Error {
  /** The machine-readable kind of failure. */
  readonly code: AppErrorCode;
  /** Optional structured detail (the offending field, line number, …) for API responses. */
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  /** The HTTP status that this error maps onto. */
  get status(): number {
    return appErrorStatus[this.code];
  }
}

/** Type guard usable across module boundaries (no `instanceof` surprises with duplicated bundles). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && "code" in error;
}
