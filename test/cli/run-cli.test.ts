import { describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/cli/command-context.js";
import type { CommandHandlers } from "../../src/cli/commands/index.js";
import type { SaveCommand } from "../../src/cli/commands/save/types.js";
import { runCli, type SignalName, type SignalSource } from "../../src/cli/run-cli.js";
import { InputError } from "../../src/errors.js";
import { memoryStream } from "./helpers.js";

const TOKEN = "ghp_runCliTestToken777";
const ENV = { GITHUB_TOKEN: TOKEN };

function fakeSignals() {
  const listeners = new Map<SignalName, Set<() => void>>();
  const source: SignalSource = {
    on(signal, listener) {
      const set = listeners.get(signal) ?? new Set();
      set.add(listener);
      listeners.set(signal, set);
    },
    off(signal, listener) {
      listeners.get(signal)?.delete(listener);
    },
  };
  return {
    source,
    emit(signal: SignalName) {
      for (const listener of [...(listeners.get(signal) ?? [])]) listener();
    },
    count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

function harness(overrides: Partial<CommandHandlers> = {}) {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const signals = fakeSignals();
  const exits: number[] = [];
  const calls: Array<{ command: string; config: unknown }> = [];
  const unexpected = (command: string) => async (config: unknown) => {
    calls.push({ command, config });
    return 0;
  };
  const handlers: CommandHandlers = {
    save: overrides.save ?? unexpected("save"),
    restore: overrides.restore ?? unexpected("restore"),
    verify: overrides.verify ?? unexpected("verify"),
    site: overrides.site ?? unexpected("site"),
  };
  const run = (argv: string[], env: Record<string, string> = ENV) =>
    runCli(
      argv,
      env,
      { stdout, stderr, isTTY: false, signals: signals.source, exit: (c) => exits.push(c) },
      handlers,
    );
  return { stdout, stderr, signals, exits, calls, run };
}

describe("runCli", () => {
  it.each([
    [["save", "not-a-repo"], /^error: OWNER\/REPO: "not-a-repo" is not OWNER\/REPO/],
    [["save", "o/r", "--bogus"], /^error: unknown option '--bogus' \(see 'github-data save --help'\)$/],
    [["frobnicate"], /^error: unknown command "frobnicate"/],
    [["save", "o/r", "--issues", "5-1"], /^error: --issues: "5-1" is a reversed range; write 1-5$/],
  ])("usage error %j: exit 2, one line, no stack", async (argv, message) => {
    const h = harness();
    expect(await h.run(argv)).toBe(2);
    expect(h.stderr.lines).toHaveLength(1);
    expect(h.stderr.lines[0]).toMatch(message);
    expect(h.stderr.text).not.toMatch(/\n\s+at /);
    expect(h.stdout.text).toBe("");
    expect(h.calls).toEqual([]);
  });

  it("a missing token is exit 2", async () => {
    const h = harness();
    expect(await h.run(["save", "o/r"], {})).toBe(2);
    expect(h.stderr.text).toMatch(/^error: save needs a GitHub token/);
  });

  it("prints help and the version on stdout", async () => {
    const h = harness();
    expect(await h.run(["--help"])).toBe(0);
    expect(h.stdout.text).toContain("USAGE\n  github-data <command> [flags]");
    expect(await h.run(["--version"])).toBe(0);
    expect(h.stdout.text).toMatch(/github-data \d+\.\d+\.\d+\n$/);
    expect(h.stderr.text).toBe("");
  });

  it("dispatches to the handler and returns its exit code", async () => {
    let seen: SaveCommand | undefined;
    const h = harness({
      save: async (config, ctx) => {
        seen = config;
        ctx.logger.info("saving", { repo: config.repo.fullName });
        return 1;
      },
    });
    expect(await h.run(["save", "o/r", "--exclude", "releases"])).toBe(1);
    expect(seen?.repo.fullName).toBe("o/r");
    expect(seen?.token).toBe(TOKEN);
    // The selection warning, then the handler's log line, both on stderr.
    expect(h.stderr.lines[0]).toMatch(/WARN releases is not selected, but release_assets runs anyway/);
    expect(h.stderr.lines[1]).toMatch(/INFO saving repo=o\/r$/);
    expect(h.signals.count()).toBe(0);
  });

  it("passes restore and verify configurations", async () => {
    const h = harness();
    expect(await h.run(["restore", "./b", "o/r", "--dry-run"])).toBe(0);
    expect(await h.run(["verify", "./b"], {})).toBe(0);
    expect(h.calls.map((c) => c.command)).toEqual(["restore", "verify"]);
  });

  it("turns a handler's error into one redacted line and its exit code", async () => {
    const h = harness({
      save: async () => {
        throw new Error(`GET https://x-access-token:${TOKEN}@example.com failed`);
      },
      verify: async () => {
        throw new InputError("./b has no manifest.json");
      },
    });
    expect(await h.run(["save", "o/r"])).toBe(1);
    expect(h.stderr.lines).toEqual(["error: GET https://x-access-token:***@example.com failed"]);
    expect(await h.run(["verify", "./b"], {})).toBe(2);
    expect(h.stderr.lines.at(-1)).toBe("error: ./b has no manifest.json");
  });

  it("shows the stack with --verbose", async () => {
    const h = harness({
      save: async () => {
        throw new Error("boom");
      },
    });
    expect(await h.run(["save", "o/r", "--verbose"])).toBe(1);
    expect(h.stderr.text).toMatch(/error: boom\nError: boom\n\s+at /);
  });

  it("keeps the token out of everything a handler logs or renders", async () => {
    const h = harness({
      save: async (_config, ctx: CommandContext) => {
        ctx.logger.warn(`token is ${TOKEN}`);
        ctx.renderer.onWarning(`again ${TOKEN}`);
        ctx.renderer.finish({
          command: "save",
          target: "o/r",
          jobs: [{ name: "labels", status: "failed", records: 0, durationMs: 1, error: TOKEN }],
          totalMs: 1,
          exitCode: 1,
        });
        return 1;
      },
    });
    for (const format of ["text", "json"]) {
      expect(await h.run(["save", "o/r", "--log-format", format])).toBe(1);
    }
    expect(h.stderr.text).not.toContain(TOKEN);
    expect(h.stderr.text).toContain("***");
  });

  it("aborts on the first interrupt and exits 130; a second one exits at once", async () => {
    let release: () => void = () => {};
    const h = harness({
      save: (_config, ctx) =>
        new Promise<number>((resolve) => {
          ctx.signal.addEventListener("abort", () => {
            release = () => resolve(0);
          });
        }),
    });
    const running = h.run(["save", "o/r"]);
    await Promise.resolve();
    h.signals.emit("SIGINT");
    expect(h.stderr.text).toMatch(/SIGINT: stopping cleanly; continue later with --resume/);
    h.signals.emit("SIGINT");
    expect(h.exits).toEqual([130]);
    release();
    expect(await running).toBe(130);
    expect(h.signals.count()).toBe(0);
  });

  it("a handler that rejects after an interrupt still exits 130, quietly", async () => {
    const h = harness({
      save: (_config, ctx) =>
        new Promise<number>((_resolve, reject) => {
          ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason));
        }),
    });
    const running = h.run(["save", "o/r"]);
    await Promise.resolve();
    h.signals.emit("SIGTERM");
    expect(await running).toBe(130);
    expect(h.stderr.text).not.toMatch(/^error:/m);
  });
});
