// Reads an answer's body into memory up to a limit: a hostile or broken
// server cannot make the process hold an unbounded answer.
import { LimitError, MAX_RESPONSE_BYTES, mebibytes } from "../util/limits.js";

function tooLarge(limit: number): LimitError {
  return new LimitError(`the answer is larger than ${mebibytes(limit)}; refused`);
}

/** The body's bytes; throws LimitError (and stops reading) past `limit` bytes. */
export async function readCapped(
  body: ReadableStream<Uint8Array>,
  contentLength: unknown,
  limit = MAX_RESPONSE_BYTES,
): Promise<Uint8Array> {
  const announced = Number(contentLength);
  if (Number.isFinite(announced) && announced > limit) {
    await body.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const utf8 = new TextDecoder("utf-8");

/** UTF-8 bytes as text, as Response.text() decodes them. */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** The body as text (UTF-8, as Response.text() decodes it), capped. */
export async function readCappedText(
  body: ReadableStream<Uint8Array>,
  contentLength: unknown,
  limit = MAX_RESPONSE_BYTES,
): Promise<string> {
  return utf8.decode(await readCapped(body, contentLength, limit));
}
