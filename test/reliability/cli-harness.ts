// Runs the built command line (dist/src/cli/main.js, built by `npm ci`'s
// prepare step) as a real process, talking to the fake server through a
// counting proxy that can kill the process when its Nth request arrives — a
// deterministic crash point, with no timing involved.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { startForwardingProxy } from "../../bench/forwarding-proxy.js";

/** The CLI under test; GITHUB_DATA_CLI overrides it (e.g. a private build). */
export function cliPath(): string {
  const path = process.env.GITHUB_DATA_CLI ?? resolve("dist/src/cli/main.js");
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run 'npm run build' (npm ci does) before the reliability suite`);
  }
  return path;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Wrap the command: e.g. a shell that lowers the file-size limit first. */
  shell?: string;
  uid?: number;
  gid?: number;
  cwd?: string;
  /** Receives the child as soon as it is spawned. */
  onChild?: (child: ChildProcess) => void;
}

/**
 * Kills the CLI and everything it started (git) at once, as a machine going
 * down or a supervisor stopping the process tree would: `runCli` starts every
 * CLI in a process group of its own.
 */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** A clean environment: nothing from the caller's GitHub Actions variables leaks in. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    LANG: "C.UTF-8",
    NO_COLOR: "1",
    // Each test file's own restore state folder (test/support/state-dir.ts).
    ...(process.env.GITHUB_DATA_STATE_DIR
      ? { GITHUB_DATA_STATE_DIR: process.env.GITHUB_DATA_STATE_DIR }
      : {}),
    ...extra,
  };
}

export function runCli(args: string[], options: SpawnOptions = {}): Promise<CliRun> {
  const env = options.env ?? baseEnv();
  const [command, argv] = options.shell
    ? ["/bin/sh", ["-c", `${options.shell}; exec "$0" "$@"`, process.execPath, cliPath(), ...args]]
    : [process.execPath, [cliPath(), ...args]];
  return new Promise((done, fail) => {
    const child = spawn(command as string, argv as string[], {
      env,
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so killTree reaches git too.
      detached: true,
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
    options.onChild?.(child);
  });
}

export interface CountingProxy {
  url: string;
  /** Requests received since the last `reset`. */
  readonly count: number;
  /** Request lines received since the last `reset` ("GET /repos/…"). */
  readonly requests: readonly string[];
  /**
   * Starts a new count; `onRequest` is called as each request arrives, before
   * it is forwarded, and may answer "hold" to keep it unanswered forever.
   */
  reset(onRequest?: (n: number, line: string) => "forward" | "hold"): void;
  /**
   * Forgets a killed client: what it wrote just before it died (at up to 100
   * requests in flight, some still unread, or on connections not yet
   * accepted) is dropped unread instead of arriving, and counting, after the
   * next `reset`.
   */
  dropClients(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An `onChild` for `runCli`: the CLI's requests before the `killAt`-th reach
 * the server; that one is held and the CLI's process tree killed, as a crash
 * at that point would.
 */
export function killAtRequest(proxy: CountingProxy, killAt: number): (child: ChildProcess) => void {
  return (child) =>
    proxy.reset((n) => {
      if (n < killAt) return "forward";
      killTree(child);
      return "hold";
    });
}

/** An `onChild` for `runCli`: the first request whose line matches is held, and the CLI's process tree killed. */
export function killAtFirst(proxy: CountingProxy, pattern: RegExp): (child: ChildProcess) => void {
  return (child) =>
    proxy.reset((_n, line) => {
      if (!pattern.test(line)) return "forward";
      killTree(child);
      return "hold";
    });
}

/**
 * Runs the CLI with `args` until `kill` (an `onChild` such as killAtFirst)
 * kills it, then again with `--resume` on a fresh count, after dropping what
 * the killed process left in flight: both runs.
 */
export async function killThenResume(
  proxy: CountingProxy,
  args: string[],
  env: Record<string, string>,
  kill: (child: ChildProcess) => void,
): Promise<{ killed: CliRun; resumed: CliRun }> {
  const killed = await runCli(args, { env, onChild: kill });
  await proxy.dropClients();
  proxy.reset();
  const resumed = await runCli([...args, "--resume"], { env });
  return { killed, resumed };
}

/** An HTTP proxy in front of `target` that keeps the Host header, so URLs the fake builds point back at it. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  let count = 0;
  let lines: string[] = [];
  let hook: ((n: number, line: string) => "forward" | "hold") | undefined;
  const proxy = await startForwardingProxy(target, (req) => {
    count += 1;
    const line = `${req.method} ${req.url}`;
    lines.push(line);
    return hook?.(count, line) === "hold" ? "hold" : "forward";
  });
  return {
    url: proxy.url,
    get count() {
      return count;
    },
    get requests() {
      return lines;
    },
    reset(onRequest) {
      count = 0;
      lines = [];
      hook = onRequest;
    },
    dropClients: () => proxy.dropClients(),
    close: () => proxy.close(),
  };
}

/** A small seeded generator (mulberry32), for reproducible crash points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
