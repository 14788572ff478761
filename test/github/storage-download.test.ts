// Downloads from file storage: the timeout bounds the wait for the answer's
// headers, never the streaming of a large file after them.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorageDownloader, StorageDownloadError } from "../../src/github/storage-download.js";

// Generous, so a loaded machine still gets its headers in time; the slow body
// outlasts it by waiting for a timer armed after it (timers fire in order).
const TIMEOUT_MS = 1_000;
let server: Server;
let base: string;
let finishSlowBody: () => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/slow-body") {
      // Headers at once; the rest of the body only when the test says so.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write("first ");
      finishSlowBody = () => res.end("last");
    } else if (req.url === "/no-answer") {
      // Never answered: only the header timeout ends the wait.
    } else {
      res.writeHead(403, { "content-type": "text/plain" });
      res.end("Signature mismatch\n");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

describe("storage downloads", () => {
  const storage = createStorageDownloader({ concurrency: 2, timeoutMs: TIMEOUT_MS });

  it("streams a body that takes longer than the header timeout", async () => {
    const body = await storage.download(`${base}/slow-body`, undefined, async (chunks) => {
      const reader = chunks[Symbol.asyncIterator]();
      const first = await reader.next();
      // Armed after the header timeout and longer: were that still armed, it would fire first.
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
      finishSlowBody();
      return `${Buffer.from(first.value ?? []).toString("utf8")}${await text({ [Symbol.asyncIterator]: () => reader })}`;
    });
    expect(body).toBe("first last");
  });

  it("gives up when the headers do not come in time", async () => {
    const impatient = createStorageDownloader({ concurrency: 1, timeoutMs: 20 });
    await expect(impatient.download(`${base}/no-answer`, undefined, text)).rejects.toThrow(
      /did not answer in 20 ms/,
    );
  });

  it("reports a refusal by its status, without the URL", async () => {
    const refused = storage.download(`${base}/x?sig=secret`, undefined, text);
    await expect(refused).rejects.toBeInstanceOf(StorageDownloadError);
    await expect(refused).rejects.toThrow(/^file storage answered 403$/);
  });
});
