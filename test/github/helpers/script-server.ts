// A tiny scripted HTTP server for scheduler unit tests: each request is
// answered by the test's handler; the server records arrivals and tracks how
// many requests it is serving at once.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SeenRequest {
  index: number;
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** Parsed JSON body, when there is one. */
  json: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Wait before answering (real time). */
  delayMs?: number;
  /** Answer only when this settles. */
  until?: Promise<unknown>;
}

export type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

export interface ScriptServer {
  url: string;
  requests: SeenRequest[];
  readonly inFlight: number;
  readonly peakInFlight: number;
  setHandler(handler: Handler): void;
  /** Forgets recorded requests and the peak. */
  reset(): void;
  close(): Promise<void>;
}

export async function startScriptServer(handler: Handler = () => ({ body: {} })): Promise<ScriptServer> {
  let current = handler;
  let inFlight = 0;
  let peak = 0;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const parsed = new URL(req.url ?? "/", "http://localhost");
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const seen: SeenRequest = {
      index: requests.length,
      method: req.method ?? "GET",
      url: req.url ?? "/",
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body,
      json,
    };
    requests.push(seen);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      const reply = await current(seen);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.until) await reply.until.catch(() => undefined);
      if (reply.reset) {
        req.socket.destroy();
        return;
      }
      const status = reply.status ?? 200;
      const headers: Record<string, string> = { ...reply.headers };
      let payload = "";
      if (reply.body !== undefined && status !== 204) {
        payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        headers["content-type"] ??= "application/json; charset=utf-8";
      }
      res.writeHead(status, headers);
      res.end(payload);
    } finally {
      inFlight--;
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peak;
    },
    setHandler(next) {
      current = next;
    },
    reset() {
      requests.length = 0;
      peak = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A promise with its resolver, for holding requests open until a test releases them. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
