/**
 * Turning an export's chunks into bytes for the wire: a web `ReadableStream` for route handlers,
 * pulled chunk by chunk (backpressure), with the first chunk read before the response starts so
 * that a writer failing at once (PDF without Chromium) still gets a proper error status.
 */
import type { ExportChunk } from "./formats/writer";

/** UTF-8 encoder shared by every stream. */
const encoder = new TextEncoder();

/** A chunk as bytes. */
function toBytes(chunk: ExportChunk): Uint8Array {
  return typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}

/**
 * Starts an export stream: reads its first chunk now (so errors thrown before any output are
 * thrown here, to the caller), then streams the rest on demand.
 *
 * @param chunks the writer's output
 * @returns a byte stream that yields the whole export
 */
export async function startExportStream(
  chunks: AsyncIterable<ExportChunk>,
): Promise<ReadableStream<Uint8Array>> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  let pending: IteratorResult<ExportChunk> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const result = pending ?? (await iterator.next());
      pending = null;
      if (result.done) {
        controller.close();
        return;
      }
      controller.enqueue(toBytes(result.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * The Content-Disposition of a download named `filename`: an ASCII fallback plus the exact name
 * (RFC 6266 / RFC 5987), so non-ASCII slugs survive.
 */
export function buildContentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
