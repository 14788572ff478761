// undici cancels the body of a fetch Response that is garbage-collected while
// its stream is neither locked nor read (nodejs/undici#3199): the reader then
// sees a clean, empty end. Octokit hands on the body without its Response, and
// callers open a file before they read, so a collection in between would save
// an empty download. Piping the body locks it at once; the pipe carries the
// bytes, backpressure, errors and cancellation through unchanged.
export function keepBody(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>());
}
