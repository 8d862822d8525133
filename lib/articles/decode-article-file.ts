/**
 * Turn the bytes of an uploaded or seeded article file into text that `parseArticle` accepts.
 *
 * Pure: no React, Prisma or DOM, so the importer, route handlers and tests share it.
 */

import { AppError } from "@/lib/errors";

/** Largest article file we accept: the longest real articles are a few hundred KB. */
export const MAX_ARTICLE_FILE_BYTES = 5 * 1024 * 1024;

/** Options for {@link decodeArticleFile}. */
export interface DecodeArticleFileOptions {
  /** Size limit in bytes; defaults to {@link MAX_ARTICLE_FILE_BYTES}. */
  maxBytes?: number;
}

const BYTES_PER_KB = 1024;
const BYTES_PER_MB = 1024 * 1024;

/**
 * "12 bytes", "3.4 KB", "6.2 MB", "5 MB": one decimal at most, none when it is zero.
 *
 * The file size is rounded up so that a file just over the limit never reads as "5 MB; the limit
 * is 5 MB"; the limit itself is rounded to the nearest tenth.
 */
function formatByteSize(bytes: number, rounding: "up" | "nearest"): string {
  const round = (value: number): number =>
    rounding === "up" ? Math.ceil(value * 10) / 10 : Math.round(value * 10) / 10;
  if (bytes < BYTES_PER_KB) {
    return `${bytes} bytes`;
  }
  if (bytes < BYTES_PER_MB) {
    return `${round(bytes / BYTES_PER_KB)} KB`;
  }
  return `${round(bytes / BYTES_PER_MB)} MB`;
}

/**
 * Refuse a file over the size limit from its size alone, so that callers holding only a file's
 * metadata (the CLI) can refuse it before reading it into memory.
 *
 * @throws AppError `PAYLOAD_TOO_LARGE` when `byteLength` exceeds `maxBytes`.
 */
export function assertArticleFileSize(
  byteLength: number,
  maxBytes: number = MAX_ARTICLE_FILE_BYTES,
): void {
  if (byteLength > maxBytes) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `file is ${formatByteSize(byteLength, "up")}; the limit is ${formatByteSize(maxBytes, "nearest")}`,
      { bytes: byteLength, maxBytes },
    );
  }
}

/**
 * Decode an article file as strict UTF-8 and normalize its line endings.
 *
 * Strips one leading byte-order mark and turns CRLF and lone CR into LF; everything else is kept
 * exactly as written.
 *
 * @param bytes The raw file contents.
 * @param options `maxBytes` overrides the size limit (tests use small limits).
 * @returns The text with LF line endings.
 * @throws AppError `PAYLOAD_TOO_LARGE` when the file is over the limit, `INVALID_INPUT` when it
 *   is empty or whitespace-only, or binary (contains a NUL byte or is not valid UTF-8).
 */
export function decodeArticleFile(
  bytes: Uint8Array,
  options: DecodeArticleFileOptions = {},
): string {
  assertArticleFileSize(bytes.byteLength, options.maxBytes);
  if (bytes.byteLength === 0) {
    throw new AppError("INVALID_INPUT", "file is empty");
  }
  // Valid UTF-8 text can contain NUL, but no article does; it is the surest sign of a binary file.
  if (bytes.includes(0)) {
    throw new AppError("INVALID_INPUT", "file is binary, not UTF-8 text");
  }
  let text: string;
  try {
    // `fatal` makes malformed sequences throw instead of becoming U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("INVALID_INPUT", "file is binary, not UTF-8 text");
  }
  // TextDecoder already drops a BOM; this keeps the guarantee explicit if that default changes.
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
  }
  if (text.trim() === "") {
    throw new AppError("INVALID_INPUT", "file is empty");
  }
  return text.replace(/\r\n?/g, "\n");
}
