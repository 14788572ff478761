// Downloads (file storage and the web host) have their own bound: at most
// DOWNLOAD_CONCURRENCY in flight, and never more than the client's concurrency,
// the user's bound on requests in flight.
import { describe, expect, it } from "vitest";
import { createGitHubClient, type GitHubClient } from "../../src/github/client.js";
import { DOWNLOAD_CONCURRENCY } from "../../src/github/storage-download.js";

/** A client whose fetch holds every request until released, counting those in flight. */
function holdingClient(concurrency: number) {
  const held: Array<() => void> = [];
  let inFlight = 0;
  const fetch = (() =>
    new Promise<Response>((resolve) => {
      inFlight += 1;
      held.push(() => {
        inFlight -= 1;
        resolve(new Response("x"));
      });
    })) as typeof globalThis.fetch;
  const client = createGitHubClient({ token: "t", apiUrl: "http://127.0.0.1:9", concurrency, fetch });
  return {
    client,
    inFlight: () => inFlight,
    /** Answers the oldest held request. */
    answerOne: () => held.shift()?.(),
  };
}

type Start = (client: GitHubClient, url: string) => Promise<unknown>;
const storage: Start = (client, url) => client.storage.download(url, undefined, async (body) => body);
const web: Start = (client, url) => client.web.get(url).then((res) => res.text());

/** Starts `count` downloads and answers them one at a time; the most in flight at once. */
async function peakInFlight(concurrency: number, count: number, start: Start): Promise<number> {
  const { client, inFlight, answerOne } = holdingClient(concurrency);
  let peak = 0;
  const done = Array.from({ length: count }, (_, i) => start(client, `http://127.0.0.1:9/file-${i}`));
  let finished = 0;
  for (const download of done) void download.then(() => finished++);
  while (finished < count) {
    // Whatever the queue lets through has been handed to fetch by the time the answer is awaited.
    await new Promise<void>((resolve) => setImmediate(resolve));
    peak = Math.max(peak, inFlight());
    answerOne();
  }
  return peak;
}

describe("download concurrency", () => {
  it(`is ${DOWNLOAD_CONCURRENCY} at most when the API's concurrency is higher`, async () => {
    expect(await peakInFlight(100, DOWNLOAD_CONCURRENCY + 10, storage)).toBe(DOWNLOAD_CONCURRENCY);
    expect(await peakInFlight(100, DOWNLOAD_CONCURRENCY + 10, web)).toBe(DOWNLOAD_CONCURRENCY);
  });

  it("follows a lower concurrency set for the client", async () => {
    expect(await peakInFlight(3, 8, storage)).toBe(3);
    expect(await peakInFlight(3, 8, web)).toBe(3);
  });
});
