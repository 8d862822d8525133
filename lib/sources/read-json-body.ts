import "server-only";

import { readBodyWithLimit } from "@/lib/api/read-body";
import { AppError } from "@/lib/errors";

import { MAX_IMPORT_BYTES } from "./schemas";

/** Room for the JSON envelope around an import's text. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Reads a JSON request body of at most 2 MB (plus envelope) for the sources API.
 *
 * @throws AppError PAYLOAD_TOO_LARGE, INVALID_INPUT (not JSON)
 */
export async function readSourcesJson(request: Request): Promise<unknown> {
  const bytes = await readBodyWithLimit(request, MAX_IMPORT_BYTES + ENVELOPE_BYTES, "body");
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("INVALID_INPUT", "body: must be JSON.");
  }
}
