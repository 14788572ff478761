// openRenderer (used by the command line, loading the terminal renderer only
// when chosen) must build the same renderer as createRenderer for every kind.
import { describe, expect, it } from "vitest";
import { openRenderer } from "../../src/cli/render/choose.js";
import { createRenderer } from "../../src/cli/render/index.js";
import type { Renderer, RendererKind, RendererOptions, Timers } from "../../src/cli/render/types.js";
import { createRedactor } from "../../src/util/redact.js";
import { memoryStream } from "./helpers.js";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms);

/** Timers that never fire on their own; `tick` runs every active one. */
function manualTimers() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setInterval(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    clearInterval(handle) {
      callbacks.delete(handle as number);
    },
  };
  const tick = () => {
    for (const callback of callbacks.values()) callback();
  };
  return { timers, tick };
}

async function transcript(
  build: (kind: RendererKind, options: RendererOptions) => Renderer | Promise<Renderer>,
  kind: RendererKind,
  quiet: boolean,
): Promise<string> {
  const stream = memoryStream({ isTTY: kind === "tty", columns: 80, rows: 30 });
  const timer = manualTimers();
  const options = { stream, redact: createRedactor([]), quiet, now: () => T0 + 500, timers: timer.timers };
  const renderer = await build(kind, options);
  renderer.onWarning("a warning");
  renderer.onEvent({ type: "queued", job: "labels", at: at(0) });
  renderer.onEvent({ type: "started", job: "labels", attempt: 1, at: at(0) });
  timer.tick();
  renderer.print("a log line\n");
  renderer.onEvent({ type: "succeeded", job: "labels", records: 3, durationMs: 400, at: at(400) });
  renderer.finish({
    command: "save",
    target: "o/r",
    jobs: [{ name: "labels", status: "succeeded", records: 3, durationMs: 400 }],
    totalMs: 500,
    exitCode: 0,
  });
  renderer.dispose();
  return stream.text;
}

describe("openRenderer", () => {
  it.each([
    ["tty", false],
    ["tty", true],
    ["plain", false],
    ["plain", true],
    ["json", false],
  ] as const)("%s (quiet: %s) renders like createRenderer", async (kind, quiet) => {
    const expected = await transcript(createRenderer, kind, quiet);
    expect(expected).toContain("save o/r finished in 500ms");
    expect(await transcript(openRenderer, kind, quiet)).toBe(expected);
  });
});
