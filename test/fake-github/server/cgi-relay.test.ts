// The fake's git backend relays `git http-backend` output once the simulated
// latency has passed. Output that piled up meanwhile — more than a socket
// takes at once — must still reach the client whole (a large clone once hung).
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relayCgiOutput } from "../../../fake-github/http/git-backend.js";

const BODY_BYTES = 4 * 1024 * 1024;
let server: Server;
let base: string;
const relayed: Array<number | null> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/exited") {
      // A program that has exited (and closed its output) before the answer may leave.
      const child = spawn(process.execPath, [
        "-e",
        "process.stdout.write('Content-Type: text/plain\\r\\n\\r\\nwritten before exit')",
      ]);
      const exited = new Promise<void>((resolve) => child.on("exit", () => setImmediate(resolve)));
      void relayCgiOutput(child.stdout, res, exited).then((status) => {
        relayed.push(status);
        res.end();
      });
      return;
    }
    const output = new PassThrough({ highWaterMark: BODY_BYTES * 2 });
    if (req.url === "/whole") {
      // Everything is waiting before the relay starts, in one chunk with the head.
      output.end(
        Buffer.concat([
          Buffer.from("Status: 201 Created\r\nContent-Type: application/x-git-upload-pack-result\r\n\r\n"),
          Buffer.alloc(BODY_BYTES, 7),
        ]),
      );
    } else {
      output.end("Content-Type: text/plain\r\n");
    }
    void relayCgiOutput(output, res).then((status) => {
      relayed.push(status);
      if (status === null) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("CGI output relay", () => {
  it("sends a backlog larger than the socket buffer whole, head first", async () => {
    const response = await fetch(`${base}/whole`);
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/x-git-upload-pack-result");
    expect((await response.arrayBuffer()).byteLength).toBe(BODY_BYTES);
    expect(relayed).toContain(201);
  });

  it("keeps the output of a program that exited before the answer time", async () => {
    const response = await fetch(`${base}/exited`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("written before exit");
  });

  it("reports output that ends before its head is complete", async () => {
    const response = await fetch(`${base}/no-head`);
    expect(response.status).toBe(500);
    await response.arrayBuffer();
    expect(relayed).toContain(null);
  });
});
