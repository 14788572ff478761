import { describe, expect, it } from "vitest";
import { exitCodeFor, formatError } from "../../src/cli/errors.js";
import { createLogger } from "../../src/cli/logging.js";
import {
  AuthError,
  ConfigError,
  EXIT_INTERRUPTED,
  EXIT_JOB_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  InputError,
  InterruptedError,
  UsageError,
} from "../../src/errors.js";
import { createRedactor } from "../../src/util/redact.js";
import { memoryStream } from "./helpers.js";

const TOKEN = "ghp_loggingTestToken0000";
const redact = createRedactor([TOKEN]);
const noRedact = (text: string) => text;

describe("errors", () => {
  it("have the contract's exit codes", () => {
    expect([EXIT_OK, EXIT_JOB_FAILED, EXIT_USAGE, EXIT_INTERRUPTED]).toEqual([0, 1, 2, 130]);
    for (const E of [UsageError, ConfigError, InputError, AuthError]) {
      const err = new E("x");
      expect(err.exitCode).toBe(2);
      expect(err.name).toBe(E.name);
      expect(exitCodeFor(err)).toBe(2);
    }
    expect(exitCodeFor(new InterruptedError())).toBe(130);
    expect(exitCodeFor(Object.assign(new Error("aborted"), { name: "AbortError" }))).toBe(130);
    expect(exitCodeFor(Object.assign(new Error("custom"), { exitCode: 2 }))).toBe(2);
    expect(exitCodeFor(new Error("bug"))).toBe(1);
    expect(exitCodeFor("string")).toBe(1);
  });

  it("format as one line without a stack", () => {
    const err = new UsageError("bad flag\nsecond line", { hint: "see 'github-data --help'" });
    expect(formatError(err, { debug: false, redact: noRedact })).toBe(
      "error: bad flag second line (see 'github-data --help')",
    );
    const plain = new TypeError("boom");
    const line = formatError(plain, { debug: false, redact: noRedact });
    expect(line).toBe("error: boom");
    expect(line).not.toContain("at ");
  });

  it("add the cause when it says something new", () => {
    const err = new ConfigError("cannot read token file", { cause: new Error("ENOENT: no such file") });
    expect(formatError(err, { debug: false, redact: noRedact })).toBe(
      "error: cannot read token file: ENOENT: no such file",
    );
  });

  it("show the stack in debug mode", () => {
    const text = formatError(new Error("boom"), { debug: true, redact: noRedact });
    expect(text.split("\n")[0]).toBe("error: boom");
    expect(text).toMatch(/\n\s+at /);
  });

  it("are redacted, stack included", () => {
    const err = new Error(`request failed with Authorization: token ${TOKEN}`);
    for (const debug of [false, true]) {
      const text = formatError(err, { debug, redact });
      expect(text).not.toContain(TOKEN);
      expect(text).toContain("***");
    }
  });

  it("format non-errors", () => {
    expect(formatError("plain", { debug: false, redact: noRedact })).toBe("error: plain");
    expect(formatError({ code: 1 }, { debug: false, redact: noRedact })).toBe('error: {"code":1}');
  });
});

describe("createLogger", () => {
  const now = () => new Date("2026-01-01T00:00:00.000Z");

  it("writes text lines with fields", () => {
    const stream = memoryStream();
    const logger = createLogger({ format: "text", level: "info", stream, redact: noRedact, now });
    logger.warn("rate limit low", {
      remaining: 12,
      bucket: "core",
      note: "two words",
      when: now(),
      gone: undefined,
    });
    logger.info("multi\nline");
    expect(stream.lines).toEqual([
      '2026-01-01T00:00:00.000Z WARN rate limit low remaining=12 bucket=core note="two words" when=2026-01-01T00:00:00.000Z',
      "2026-01-01T00:00:00.000Z INFO multi line",
    ]);
  });

  it("writes one JSON object per line", () => {
    const stream = memoryStream();
    const logger = createLogger({ format: "json", level: "debug", stream, redact: noRedact, now });
    logger.debug("page fetched", { page: 2, job: "issues", msg: "shadow" });
    logger.error("failed", { error: new Error("HTTP 500") });
    const records = stream.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      {
        time: "2026-01-01T00:00:00.000Z",
        level: "debug",
        msg: "page fetched",
        page: 2,
        job: "issues",
        field_msg: "shadow",
      },
      {
        time: "2026-01-01T00:00:00.000Z",
        level: "error",
        msg: "failed",
        error: { name: "Error", message: "HTTP 500" },
      },
    ]);
  });

  it("drops lines below the level", () => {
    const stream = memoryStream();
    const logger = createLogger({ format: "text", level: "warn", stream, redact: noRedact, now });
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(stream.lines.map((l) => l.split(" ")[1])).toEqual(["WARN", "ERROR"]);
  });

  it("redacts tokens in messages and fields, in both formats", () => {
    for (const format of ["text", "json"] as const) {
      const stream = memoryStream();
      const logger = createLogger({ format, level: "debug", stream, redact, now });
      logger.info(`using ${TOKEN}`, {
        url: `https://x-access-token:${TOKEN}@github.com/o/r.git`,
        nested: { t: TOKEN },
      });
      logger.info("headers", { authorization: "bearer something-else", token: "also-secret" });
      expect(stream.text).not.toContain(TOKEN);
      expect(stream.text).not.toContain("something-else");
      expect(stream.text).not.toContain("also-secret");
      expect(stream.text).toContain("***");
    }
  });
});
