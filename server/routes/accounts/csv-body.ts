/** Reading the CSV body of an import request as a stream, with its size limit. */
import type { Context } from "hono";
import { ApiError } from "../../http/errors";

const tooLarge = (maxBytes: number) =>
  new ApiError(413, "too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);

/**
 * The body, chunk by chunk. The size is checked as it is read, so a chunked upload cannot get past
 * the limit, and nothing is buffered (Hono's bodyLimit would buffer a chunked body whole).
 */
export function csvBody(c: Context, maxBytes: number): AsyncIterable<Buffer> {
  const type = c.req.header("content-type") ?? "";
  if (!/^text\/csv\s*(;|$)/i.test(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send the CSV file as the body, with Content-Type: text/csv.",
    );
  }
  if (Number(c.req.header("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const body = c.req.raw.body;
  if (!body) {
    const message = "The body is empty: send the CSV file.";
    throw new ApiError(400, "invalid_request", message, [{ field: "(body)", message }]);
  }
  return (async function* () {
    const reader = body.getReader();
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        size += value.byteLength;
        if (size > maxBytes) throw tooLarge(maxBytes);
        yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
    } finally {
      reader.releaseLock();
    }
  })();
}
