import { describe, expect, it } from "vitest";
import { formatDuration, summaryLine } from "../../src/cli/render/format.js";
import { chooseRendererKind, createRenderer, useColor } from "../../src/cli/render/index.js";
import type { RunSummary, Timers } from "../../src/cli/render/types.js";
import type { OrchestratorEvent } from "../../src/orchestrator/types.js";
import { createRedactor } from "../../src/util/redact.js";
import { memoryStream, stripAnsi } from "./helpers.js";

const TOKEN = "ghp_renderTestToken42";
const redact = createRedactor([TOKEN]);
const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms);

const EVENTS: OrchestratorEvent[] = [
  { type: "queued", job: "labels", at: at(0) },
  { type: "queued", job: "issues", at: at(0) },
  { type: "queued", job: "issue_comments", at: at(0) },
  { type: "started", job: "labels", attempt: 1, at: at(0) },
  { type: "started", job: "issues", attempt: 1, at: at(0) },
  { type: "progress", job: "issues", items: 100, pages: 1, at: at(300) },
  { type: "succeeded", job: "labels", records: 12, durationMs: 400, at: at(400) },
  { type: "retrying", job: "issues", attempt: 2, error: "HTTP 502", delayMs: 1000, at: at(600) },
  { type: "started", job: "issues", attempt: 2, at: at(1600) },
  {
    type: "failed",
    job: "issues",
    error: `HTTP 500 for /issues?access_token=${TOKEN}`,
    durationMs: 2000,
    at: at(2600),
  },
  { type: "skipped", job: "issue_comments", reason: "issues failed", at: at(2600) },
];

const SUMMARY: RunSummary = {
  command: "save",
  target: "o/r",
  outDir: "./r-backup",
  jobs: [
    { name: "labels", status: "succeeded", records: 12, durationMs: 400, requests: 1 },
    {
      name: "issues",
      status: "failed",
      records: 0,
      durationMs: 2000,
      requests: 6,
      error: `HTTP 500 ${TOKEN}`,
    },
    { name: "issue_comments", status: "skipped", records: 0, durationMs: 0, error: "issues failed" },
  ],
  totalMs: 2700,
  requests: { total: 7 },
  exitCode: 1,
};

const SUMMARY_LINE =
  "save o/r finished with failures in 2.7s: 1 succeeded, 1 failed, 1 skipped; 7 requests; folder ./r-backup";

function play(kind: "plain" | "json", quiet = false) {
  const stream = memoryStream();
  let clock = T0 + 2700;
  const renderer = createRenderer(kind, { stream, redact, quiet, now: () => clock });
  renderer.onWarning("issues is not selected, but issue_comments runs anyway");
  for (const event of EVENTS) renderer.onEvent(event);
  clock = T0 + 2700;
  renderer.finish(SUMMARY);
  renderer.dispose();
  return stream;
}

describe("plain renderer", () => {
  it("prints a line per state change and the final table", () => {
    const stream = play("plain");
    expect(stream.lines).toEqual([
      "2026-01-01T00:00:02.700Z WARN issues is not selected, but issue_comments runs anyway",
      "2026-01-01T00:00:00.000Z INFO labels started",
      "2026-01-01T00:00:00.000Z INFO issues started",
      "2026-01-01T00:00:00.400Z INFO labels succeeded: 12 records in 400ms",
      "2026-01-01T00:00:00.600Z WARN issues will retry in 1.0s (attempt 2): HTTP 502",
      "2026-01-01T00:00:01.600Z INFO issues started (attempt 2)",
      "2026-01-01T00:00:02.600Z ERROR issues failed after 2.0s: HTTP 500 for /issues?access_token=***",
      "2026-01-01T00:00:02.600Z INFO issue_comments skipped: issues failed",
      "JOB             STATUS     RECORDS  REQUESTS   TIME",
      "labels          succeeded       12         1  400ms",
      "issues          failed           0         6   2.0s",
      "issue_comments  skipped          0         -    0ms",
      "issues failed: HTTP 500 ***",
      SUMMARY_LINE,
    ]);
    expect(stream.text).not.toContain("\u001B");
  });

  it("reports a long job's progress at most every 15 s", () => {
    const stream = memoryStream();
    let clock = T0;
    const renderer = createRenderer("plain", { stream, redact, now: () => clock });
    renderer.onEvent({ type: "started", job: "issues", attempt: 1, at: at(0) });
    for (let s = 1; s <= 40; s++) {
      clock = T0 + s * 1000;
      renderer.onEvent({
        type: "progress",
        job: "issues",
        items: s * 100,
        pages: s,
        total: 4000,
        at: at(s * 1000),
      });
    }
    expect(stream.lines.slice(1)).toEqual([
      "2026-01-01T00:00:15.000Z INFO issues: 1,500/4,000 items, 15 pages",
      "2026-01-01T00:00:30.000Z INFO issues: 3,000/4,000 items, 30 pages",
    ]);
  });

  it("in quiet mode prints only warnings, errors and the summary line", () => {
    const stream = play("plain", true);
    expect(stream.lines).toEqual([
      "2026-01-01T00:00:02.700Z WARN issues is not selected, but issue_comments runs anyway",
      "2026-01-01T00:00:02.600Z ERROR issues failed after 2.0s: HTTP 500 for /issues?access_token=***",
      SUMMARY_LINE,
    ]);
  });
});

describe("JSON renderer", () => {
  it("prints every event as a JSON line, then the summary", () => {
    const stream = play("json");
    const records = stream.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(1 + EVENTS.length + 1);
    expect(records[0]).toEqual({
      time: "2026-01-01T00:00:02.700Z",
      level: "warn",
      msg: "issues is not selected, but issue_comments runs anyway",
      event: "warning",
    });
    expect(records.slice(1, -1).map((r) => [r.event, r.job, r.level])).toEqual(
      EVENTS.map((e) => [e.type, e.job, expect.any(String)]),
    );
    expect(records[6]).toEqual({
      time: "2026-01-01T00:00:00.300Z",
      level: "info",
      msg: "issues progress",
      event: "progress",
      job: "issues",
      items: 100,
      pages: 1,
    });
    expect(records[10]).toMatchObject({
      event: "failed",
      level: "error",
      error: "HTTP 500 for /issues?access_token=***",
    });
    const summary = records.at(-1)!;
    expect(summary).toMatchObject({
      event: "summary",
      level: "error",
      msg: SUMMARY_LINE,
      exitCode: 1,
      totalMs: 2700,
    });
    expect(summary.jobs).toHaveLength(3);
    expect(stream.text).not.toContain(TOKEN);
  });

  it("in quiet mode keeps warnings, errors and the summary", () => {
    const stream = play("json", true);
    const events = stream.lines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(["warning", "retrying", "failed", "summary"]);
  });
});

function manualTimers() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setInterval(callback) {
      const id = next++;
      callbacks.set(id, callback);
      return id;
    },
    clearInterval(handle) {
      callbacks.delete(handle as number);
    },
  };
  return {
    timers,
    tick: () => {
      for (const callback of callbacks.values()) callback();
    },
    get active() {
      return callbacks.size;
    },
  };
}

describe("TTY renderer", () => {
  function setup(color: boolean) {
    const stream = memoryStream({ isTTY: true, columns: 80, rows: 30 });
    const clock = { now: T0 };
    const timer = manualTimers();
    const renderer = createRenderer("tty", {
      stream,
      redact,
      color,
      now: () => clock.now,
      timers: timer.timers,
    });
    return { stream, clock, timer, renderer };
  }

  it("never shows part of a token when it cuts a long line", () => {
    const { stream, clock, timer, renderer } = setup(false);
    renderer.onEvent({ type: "started", job: "releases", attempt: 1, at: at(0) });
    const padding = "x".repeat(40);
    renderer.onEvent({
      type: "failed",
      job: "releases",
      error: `${padding} ${TOKEN} tail`,
      durationMs: 1,
      at: at(1),
    });
    clock.now = T0 + 100;
    timer.tick();
    expect(stream.text).not.toContain(TOKEN.slice(0, 8));
    renderer.dispose();
  });

  it("shows one live line per job, redrawn on ticks, then the final table", () => {
    const { stream, clock, timer, renderer } = setup(false);
    for (const event of EVENTS.slice(0, 6)) renderer.onEvent(event);
    expect(timer.active).toBe(1);
    clock.now = T0 + 350;
    timer.tick();
    const live = stripAnsi(stream.text);
    expect(live).toContain("· issue_comments  queued");
    expect(live).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] issues {10}100 items, 1 pages · 350ms/);
    expect(live).toMatch(/350ms elapsed/);

    renderer.onRequestStats({ total: 5, inFlight: 2, rateLimit: { remaining: 4990 } });
    for (const event of EVENTS.slice(6)) renderer.onEvent(event);
    clock.now = T0 + 2700;
    timer.tick();
    const later = stripAnsi(stream.text);
    expect(later).toContain("✓ labels          12 records · 400ms");
    expect(later).toContain("✗ issues          failed: HTTP 500 for /issues?access_token=***");
    expect(later).toContain("- issue_comments  skipped: issues failed");
    expect(later).toContain("2.7s elapsed · 5 requests · 2 in flight · rate limit 4,990 left");

    // A pause for the hourly limit shows when requests resume.
    renderer.onRequestStats({ total: 5, inFlight: 0, pausedUntil: new Date(T0 + 2700 + 125_000) });
    timer.tick();
    expect(stripAnsi(stream.text)).toMatch(
      /hourly rate limit: paused until \d\d:\d\d:\d\d UTC \(2m05s left\)/,
    );
    // With the save's estimate, the pause also says when the save should finish.
    const finish = new Date(T0 + 2700 + 3_725_000);
    renderer.onRequestStats({
      total: 5,
      inFlight: 0,
      pausedUntil: new Date(T0 + 2700 + 125_000),
      estimatedFinish: finish,
    });
    timer.tick();
    expect(stripAnsi(stream.text)).toContain(`estimated finish ${finish.toISOString().slice(11, 19)} UTC`);

    const before = stream.text.length;
    renderer.finish(SUMMARY);
    expect(timer.active).toBe(0);
    const final = stripAnsi(stream.text.slice(before));
    expect(final).toContain("  JOB             STATUS     RECORDS  REQUESTS   TIME");
    expect(final).toContain("✓ labels          succeeded       12         1  400ms");
    expect(final).toContain("✗ issues          failed           0         6   2.0s");
    expect(final).toContain("issues failed: HTTP 500 ***");
    expect(final).toContain(SUMMARY_LINE);
    expect(stream.text).not.toContain(TOKEN);
    // The cursor is hidden while drawing and given back at the end.
    expect(stream.text.indexOf("\u001B[?25l")).toBeLessThan(stream.text.lastIndexOf("\u001B[?25h"));
    renderer.dispose();
  });

  it("draws at most once per tick however many events arrive", () => {
    const { stream, timer, renderer } = setup(false);
    renderer.onEvent({ type: "started", job: "labels", attempt: 1, at: at(0) });
    const afterFirst = stream.text.length;
    for (let i = 0; i < 500; i++) {
      renderer.onEvent({ type: "progress", job: "labels", items: i, at: at(0) });
    }
    expect(stream.text.length).toBe(afterFirst);
    timer.tick();
    expect(stripAnsi(stream.text)).toContain("499 items");
    renderer.dispose();
  });

  it("prints warnings and log lines above the live lines", () => {
    const { stream, renderer } = setup(false);
    renderer.onEvent(EVENTS[0]!);
    renderer.onWarning(`careful ${TOKEN}`);
    renderer.print("2026-01-01T00:00:00.000Z INFO hello\n");
    const text = stripAnsi(stream.text);
    expect(text).toContain("! careful ***");
    expect(text).toContain("INFO hello");
    expect(text.lastIndexOf("labels")).toBeGreaterThan(text.indexOf("INFO hello"));
    renderer.dispose();
  });

  it("colors only when asked", () => {
    const plain = setup(false);
    plain.renderer.finish(SUMMARY);
    const colorCode = new RegExp(`${String.fromCharCode(27)}\\[3\\dm`);
    expect(plain.stream.text).not.toMatch(colorCode);
    const colored = setup(true);
    colored.renderer.finish(SUMMARY);
    expect(colored.stream.text).toMatch(colorCode);
  });

  it("dispose stops the timer and restores the cursor", () => {
    const { stream, timer, renderer } = setup(false);
    renderer.onEvent(EVENTS[0]!);
    renderer.dispose();
    renderer.dispose();
    expect(timer.active).toBe(0);
    expect(stream.text.endsWith("\u001B[?25h")).toBe(true);
  });
});

describe("choosing a renderer", () => {
  it("uses JSON when asked, live lines on a terminal, plain lines otherwise", () => {
    expect(chooseRendererKind({ isTTY: true, logFormat: "json" })).toBe("json");
    expect(chooseRendererKind({ isTTY: true, logFormat: "text" })).toBe("tty");
    expect(chooseRendererKind({ isTTY: false, logFormat: "text" })).toBe("plain");
  });

  it("colors only terminals without NO_COLOR", () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(useColor(true, { NO_COLOR: "" })).toBe(true);
    expect(useColor(true, { TERM: "dumb" })).toBe(false);
  });

  it("a quiet terminal gets no live display", () => {
    const stream = memoryStream({ isTTY: true });
    const renderer = createRenderer("tty", { stream, redact, quiet: true, now: () => T0 });
    for (const event of EVENTS) renderer.onEvent(event);
    renderer.finish(SUMMARY);
    expect(stream.text).not.toContain("\u001B[");
    expect(stream.lines.at(-1)).toBe(SUMMARY_LINE);
  });
});

describe("formatting", () => {
  it.each([
    [0, "0ms"],
    [999, "999ms"],
    [1000, "1.0s"],
    [59_949, "59.9s"],
    [60_000, "1m00s"],
    [125_000, "2m05s"],
    [3_600_000, "1h00m"],
    [3_720_000, "1h02m"],
  ])("formatDuration(%d) = %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("summaryLine describes success and interruption", () => {
    const ok: RunSummary = {
      command: "restore",
      target: "o/r",
      jobs: [SUMMARY.jobs[0]!],
      totalMs: 61_000,
      exitCode: 0,
    };
    expect(summaryLine(ok)).toBe("restore o/r finished in 1m01s: 1 succeeded");
    expect(summaryLine({ ...SUMMARY, exitCode: 130, jobs: [] })).toBe(
      "save o/r interrupted in 2.7s: no jobs; 7 requests; folder ./r-backup; continue with --resume",
    );
  });
});
