// A proxy between a restore process and the fake that numbers the API writes
// passing through it and, at a chosen one, kills the process outright: either
// before the write reaches the server, or once the server has applied it but
// before its answer gets back (the object exists, the journal never heard of
// it). Deterministic crash points, no timing involved.
import type { ChildProcess } from "node:child_process";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type KillMode = "before" | "after";

export interface KillProxy {
  url: string;
  /** Writes (non-GET API requests) seen since the last `arm`. */
  readonly writes: number;
  /** Kills `child`'s process group at write `nth` (1-based), `mode` as above; `null` = pass everything. */
  arm(plan: { nth: number; mode: KillMode; child: () => ChildProcess | undefined } | null): void;
  close(): Promise<void>;
}

export function killGroup(child: ChildProcess | undefined): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function isApiWrite(req: IncomingMessage): boolean {
  return req.method !== "GET" && req.method !== "HEAD" && !/\.git(\/|$|\?)/.test(req.url ?? "");
}

export async function startKillProxy(target: string): Promise<KillProxy> {
  const upstream = new URL(target);
  let writes = 0;
  let plan: Parameters<KillProxy["arm"]>[0] = null;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const nth = isApiWrite(req) ? ++writes : 0;
    const kill = plan !== null && nth === plan.nth ? plan : null;
    if (kill?.mode === "before") {
      killGroup(kill.child());
      return;
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
        if (kill) {
          // Applied on the server; the process dies before it hears so.
          answer.resume();
          answer.on("end", () => killGroup(kill.child()));
          return;
        }
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
    get writes() {
      return writes;
    },
    arm(next) {
      writes = 0;
      plan = next;
    },
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
