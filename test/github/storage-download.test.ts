// Downloads from file storage: the timeout bounds the wait for the answer's
// headers, never the streaming of a large file after them.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorageDownloader, StorageDownloadError } from "../../src/github/storage-download.js";

const TIMEOUT_MS = 50;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/slow-body") {
      // Headers at once, the body well after the header timeout.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write("first ");
      setTimeout(() => res.end("last"), TIMEOUT_MS * 3);
    } else if (req.url === "/no-answer") {
      setTimeout(() => res.end("late"), TIMEOUT_MS * 10);
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
    expect(await storage.download(`${base}/slow-body`, undefined, text)).toBe("first last");
  });

  it("gives up when the headers do not come in time", async () => {
    await expect(storage.download(`${base}/no-answer`, undefined, text)).rejects.toThrow();
  });

  it("reports a refusal by its status, without the URL", async () => {
    const refused = storage.download(`${base}/x?sig=secret`, undefined, text);
    await expect(refused).rejects.toBeInstanceOf(StorageDownloadError);
    await expect(refused).rejects.toThrow(/^file storage answered 403$/);
  });
});
