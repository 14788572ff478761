// An HTTP proxy in front of the fake server for the kill sweep: it counts the
// API requests, git requests and asset-storage requests that pass, and calls
// a hook as each API request arrives, which may hold it unanswered (the
// process is being killed). It keeps the Host header, so the URLs the fake
// builds (the clone URL, the storage redirect) point back at the proxy.
import { startForwardingProxy } from "./forwarding-proxy.js";
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
  /** Drops, unread, what a killed save wrote just before it died (see ForwardingProxy). */
  dropClients(): Promise<void>;
  close(): Promise<void>;
}

export async function startKillProxy(target: string): Promise<KillProxy> {
  let counts: ProxyCounts = { api: 0, git: 0, storage: 0 };
  let hook: ((n: number) => "forward" | "hold") | undefined;
  const proxy = await startForwardingProxy(target, (req) => {
    const route = `${req.method} ${req.url ?? ""}`;
    if (/\.git\//.test(route)) counts.git += 1;
    else if (!isApiRoute(route)) counts.storage += 1;
    else {
      counts.api += 1;
      if (hook?.(counts.api) === "hold") return "hold";
    }
    return "forward";
  });
  return {
    url: proxy.url,
    get counts() {
      return { ...counts };
    },
    reset(onApiRequest) {
      counts = { api: 0, git: 0, storage: 0 };
      hook = onApiRequest;
    },
    dropClients: () => proxy.dropClients(),
    close: () => proxy.close(),
  };
}
