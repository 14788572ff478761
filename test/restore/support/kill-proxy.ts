// A proxy between a restore process and the fake that numbers the API writes
// passing through it and, at a chosen one, kills the process outright: either
// before the write reaches the server, or once the server has applied it but
// before its answer gets back (the object exists, the journal never heard of
// it). Deterministic crash points, no timing involved.
import type { ChildProcess } from "node:child_process";
import type { IncomingMessage } from "node:http";
import { startForwardingProxy } from "../../../bench/forwarding-proxy.js";

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
  let writes = 0;
  let plan: Parameters<KillProxy["arm"]>[0] = null;
  const proxy = await startForwardingProxy(target, (req) => {
    const nth = isApiWrite(req) ? ++writes : 0;
    const kill = plan !== null && nth === plan.nth ? plan : null;
    if (kill === null) return "forward";
    if (kill.mode === "before") {
      killGroup(kill.child());
      return "hold";
    }
    // Applied on the server; the process dies before it hears so.
    return (answer) => {
      answer.resume();
      answer.on("end", () => killGroup(kill.child()));
    };
  });
  return {
    url: proxy.url,
    get writes() {
      return writes;
    },
    arm(next) {
      writes = 0;
      plan = next;
    },
    close: () => proxy.close(),
  };
}
