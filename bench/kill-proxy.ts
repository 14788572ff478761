// An HTTP proxy in front of the fake server for the kill sweep: it counts the
// API requests, git requests and asset-storage requests that pass, and calls
// a hook as each API request arrives, which may hold it unanswered (the
// process is being killed). It keeps the Host header, so the URLs the fake
// builds (the clone URL, the storage redirect) point back at the proxy.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { isApiRoute } from "./server.js";

export interface ProxyCounts {
  api: number;
  git: number;
  storage: number;
}

export interface KillProxy {
  url: string;
  readonly counts: ProxyCounts;
  /** Starts a new count; `onApiRequest` sees the number of each API request as it arrives. */
  reset(onApiRequest?: (n: number) => "forward" | "hold"): void;
  close(): Promise<void>;
}

export async function startKillProxy(target: string): Promise<KillProxy> {
  const upstream = new URL(target);
  let counts: ProxyCounts = { api: 0, git: 0, storage: 0 };
  let hook: ((n: number) => "forward" | "hold") | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = `${req.method} ${req.url ?? ""}`;
    if (/\.git\//.test(route)) counts.git += 1;
    else if (!isApiRoute(route)) counts.storage += 1;
    else {
      counts.api += 1;
      if (hook?.(counts.api) === "hold") return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get counts() {
      return { ...counts };
    },
    reset(onApiRequest) {
      counts = { api: 0, git: 0, storage: 0 };
      hook = onApiRequest;
    },
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
