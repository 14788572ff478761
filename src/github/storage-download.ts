// Downloads from GitHub's file storage (release asset bytes). The API answers
// an asset request with a redirect to a signed storage URL; following it inside
// the API request would hold one of the scheduler's API slots for the whole
// download, and storage requests are not API requests (another host, outside
// the API's limits). So callers read the redirect through the scheduler and
// fetch the bytes here: bounded on their own, and without the token — the
// signed URL is the credential, and the token must never reach another host.
import PQueue from "p-queue";
import { abortErrorFor, anySignal } from "./abort.js";
import { discardBody } from "./capped-body.js";
import { keepBody } from "./kept-body.js";
import { type HttpAnswer, type HttpFetch, undiciFetch } from "./undici-fetch.js";

/**
 * Downloads in flight at most, on the web host and on file storage each. They
 * spend no API budget, so they are neither paced nor held to the API's slots;
 * 40 keeps an attachment tail (two round trips per file) short without
 * opening a hundred connections to one host.
 */
export const DOWNLOAD_CONCURRENCY = 40;

/** Reads the body; `headers` are the storage answer's (content type, length). */
export type StorageConsumer<T> = (
  body: AsyncIterable<Uint8Array>,
  headers: HttpAnswer["headers"],
) => Promise<T>;

export interface StorageDownloader {
  /** Fetches `url` and hands its body to `consume`; the slot is held until `consume` settles. */
  download<T>(url: string, signal: AbortSignal | undefined, consume: StorageConsumer<T>): Promise<T>;
}

/** A storage answer that is not the file (expired signature, missing object, outage). */
export class StorageDownloadError extends Error {
  override readonly name = "StorageDownloadError";
  constructor(readonly status: number) {
    // The URL is left out: its signature grants access to the file.
    super(`file storage answered ${status}`);
  }
}

export function createStorageDownloader(options: {
  concurrency: number;
  /** Time until the answer's headers arrive. */
  timeoutMs: number;
  /** Default: undiciFetch (undici-fetch.ts). */
  fetch?: HttpFetch;
}): StorageDownloader {
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  const fetchImpl = options.fetch ?? undiciFetch;
  return {
    async download(url, signal, consume) {
      return queue.add(
        async () => {
          if (signal?.aborted) throw abortErrorFor(signal);
          // The timeout covers the wait for the headers only, as the scheduler's
          // does: a large file may take far longer to stream.
          const waiting = new AbortController();
          const timer =
            options.timeoutMs > 0
              ? setTimeout(
                  () => waiting.abort(new Error(`file storage did not answer in ${options.timeoutMs} ms`)),
                  options.timeoutMs,
                )
              : undefined;
          let response: HttpAnswer;
          try {
            response = await fetchImpl(url, { signal: anySignal(signal, waiting.signal) ?? null });
          } finally {
            clearTimeout(timer);
          }
          const { body } = response;
          if (!response.ok || body === null) {
            if (body !== null) await discardBody(body);
            throw new StorageDownloadError(response.status);
          }
          // A fetch Response's body is locked before anything awaits: the Response itself is dropped here.
          const bytes = body instanceof ReadableStream ? keepBody(body) : body;
          return consume(bytes as AsyncIterable<Uint8Array>, response.headers);
        },
        signal ? { signal } : {},
      );
    },
  };
}
