import type { Readable } from "node:stream";
import { discardBody } from "./capped-body.js";

// undici cancels the body of a fetch Response that is garbage-collected while
// its stream is neither locked nor read (nodejs/undici#3199): the reader then
// sees a clean, empty end. Octokit hands on the body without its Response, and
// callers open a file before they read, so a collection in between would save
// an empty download. Piping the body locks it at once; the pipe carries the
// bytes, backpressure, errors and cancellation through unchanged.
export function keepBody(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>());
}

/**
 * A Node stream body (undici-fetch.ts) as the web stream callers of raw bodies
 * read and cancel. Each read pulls one chunk (no queue ahead of the reader),
 * so a body waiting for its reader stays in the socket; cancelling destroys
 * the stream and its connection.
 */
export function webBody(body: Readable): ReadableStream<Uint8Array> {
  const chunks = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        return discardBody(body);
      },
    },
    { highWaterMark: 0 },
  );
}
