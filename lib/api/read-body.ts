import "server-only";

import { AppError } from "@/lib/errors";

/**
 * Reads a request body, refusing it (413) as soon as it grows past `maxBytes`, so an oversized or
 * endless upload never sits in memory whole. The Content-Length header is checked first.
 */
export async function readBodyWithLimit(
  request: Request,
  maxBytes: number,
  label: string,
): Promise<Uint8Array> {
  const tooLarge = (): AppError =>
    new AppError("PAYLOAD_TOO_LARGE", `${label} is larger than the ${formatLimit(maxBytes)} limit`);
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) {
    throw tooLarge();
  }
  if (!request.body) {
    return new Uint8Array();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}
