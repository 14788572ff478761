// Reads an answer's body into memory up to a limit: a hostile or broken
// server cannot make the process hold an unbounded answer. The body is a web
// stream (a fetch Response's) or a Node stream (undici-fetch.ts's answers).
import { Readable } from "node:stream";
import { LimitError, MAX_RESPONSE_BYTES, mebibytes } from "../util/limits.js";

/** An answer body as a fetch gives it: a web stream, or a Node stream from undici-fetch.ts. */
export type AnswerBody = ReadableStream<Uint8Array> | Readable;

/** True for a body this module reads (either kind of stream). */
export function isAnswerBody(body: unknown): body is AnswerBody {
  return body instanceof ReadableStream || body instanceof Readable;
}

/** Drops a body unread, releasing its connection. */
export async function discardBody(body: AnswerBody): Promise<void> {
  // A destroyed undici body emits an abort error; nobody reads it any more.
  if (body instanceof Readable) body.on("error", () => {}).destroy();
  else await body.cancel().catch(() => {});
}

function tooLarge(limit: number): LimitError {
  return new LimitError(`the answer is larger than ${mebibytes(limit)}; refused`);
}

/** The body's chunks, read one at a time. */
async function* chunksOf(body: AnswerBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Readable) {
    yield* body as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Left early (over the limit, or failed): stop the transfer.
    await reader.cancel().catch(() => {});
  }
}

/** The body's bytes; throws LimitError (and stops reading) past `limit` bytes. */
export async function readCapped(
  body: AnswerBody,
  contentLength: unknown,
  limit = MAX_RESPONSE_BYTES,
): Promise<Uint8Array> {
  const announced = Number(contentLength);
  if (Number.isFinite(announced) && announced > limit) {
    await discardBody(body);
    throw tooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunksOf(body)) {
    total += chunk.byteLength;
    // Leaving the loop stops the read: the reader is cancelled, the Node stream destroyed.
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
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
  body: AnswerBody,
  contentLength: unknown,
  limit = MAX_RESPONSE_BYTES,
): Promise<string> {
  return utf8.decode(await readCapped(body, contentLength, limit));
}
