// A save that needs three times the primary (hourly) budget: with the fake's
// window shortened to 1 s, it pauses at each spent budget until the reset
// GitHub announces and finishes with the same files as an unlimited save; each
// pause is logged (plain and JSON) with the reset and an estimated finish.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { createLogger } from "../../src/cli/logging.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import type { RequestStats } from "../../src/github/stats.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import type { Logger } from "../../src/util/logger.js";
import { entityFiles, saveRequest } from "./helpers.js";

let fake: FakeGitHub;
let root: string;
const selection = {
  entities: new Set<EntityName>(ENTITY_NAMES.filter((n) => n !== "git_repo")),
  issues: { kind: "all" as const },
  pullRequests: { kind: "all" as const },
};

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "medium", seed: 41 });
  root = mkdtempSync(join(tmpdir(), "gd-budget-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

/** Entity files; GitHub (and the fake) count our own asset downloads. */
function withoutDownloadCounts(dir: string): Record<string, string> {
  const out = entityFiles(dir);
  if (out["releases.jsonl"])
    out["releases.jsonl"] = out["releases.jsonl"].replace(/"download_count":\d+/g, "");
  return out;
}

describe("a save needing three hours' budget", () => {
  it("pauses until each announced reset, shows when it resumes, and ends identical to an unlimited save", async () => {
    const unlimitedDir = join(root, "unlimited");
    fake.resetStats();
    const unlimited = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, unlimitedDir, { selection }),
    );
    expect(unlimited.exitCode).toBe(0);
    const core = fake.stats.total - (fake.stats.byRoute["POST /graphql"] ?? 0);
    const graphql = fake.stats.byRoute["POST /graphql"] ?? 0;

    fake.configure({
      rateLimit: { limit: Math.ceil(core / 3), graphqlLimit: Math.ceil(graphql / 3) * 2, windowMs: 1000 },
    });
    const pauses: number[] = [];
    const finishes: number[] = [];
    const limitedDir = join(root, "limited");
    // The same log in both formats the command line offers.
    const text: string[] = [];
    const json: string[] = [];
    const logger = (format: "text" | "json", lines: string[]) =>
      createLogger({
        format,
        level: "info",
        stream: { write: (l: string) => lines.push(l) },
        redact: (t) => t,
      });
    const plainLog = logger("text", text);
    const jsonLog = logger("json", json);
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: (message, fields) => {
        plainLog.warn(message, fields);
        jsonLog.warn(message, fields);
      },
      error: () => {},
    };
    const limited = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, limitedDir, {
        selection,
        log,
        onStats: (stats: RequestStats) => {
          if (stats.rateLimitPausedUntil !== undefined && pauses.at(-1) !== stats.rateLimitPausedUntil)
            pauses.push(stats.rateLimitPausedUntil);
          if (stats.rateLimitEstimatedFinish !== undefined) finishes.push(stats.rateLimitEstimatedFinish);
        },
      }),
    );
    fake.configure({ rateLimit: null });
    expect(limited.exitCode).toBe(0);
    expect(limited.requests.rateLimitWaits).toBeGreaterThanOrEqual(2);
    expect(pauses.length).toBeGreaterThanOrEqual(2);
    expect(withoutDownloadCounts(limitedDir)).toEqual(withoutDownloadCounts(unlimitedDir));

    // Each pause is logged with the reset and, once the save has progress to go by, an estimated finish.
    const pauseLines = text.filter((l) => l.includes("rate limit reached"));
    expect(pauseLines.length).toBe(limited.requests.rateLimitWaits);
    const plain =
      /WARN GitHub (core|graphql) rate limit reached; waiting .+? until the reset at (\S+Z), then continuing; estimated finish (\S+Z)/;
    const estimated = pauseLines.flatMap((l) => {
      const m = plain.exec(l);
      return m ? [{ reset: Date.parse(m[2] ?? ""), finish: Date.parse(m[3] ?? "") }] : [];
    });
    expect(estimated.length).toBeGreaterThan(0);
    for (const { reset, finish } of estimated) expect(finish).toBeGreaterThanOrEqual(reset);
    const records = json
      .map((l) => JSON.parse(l) as { level: string; msg: string; until?: number; estimatedFinish?: number })
      .filter((r) => r.msg.includes("rate limit reached"));
    expect(records.length).toBe(pauseLines.length);
    const withEta = records.filter((r) => r.estimatedFinish !== undefined);
    expect(withEta.length).toBe(estimated.length);
    for (const r of withEta) {
      expect(r.level).toBe("warn");
      expect(r.estimatedFinish).toBeGreaterThanOrEqual(r.until ?? Number.POSITIVE_INFINITY);
      expect(r.msg).toContain(`estimated finish ${new Date(r.estimatedFinish ?? 0).toISOString()}`);
    }
    // The live view's stats carry the same estimate while paused.
    expect(finishes.length).toBeGreaterThan(0);
  });
});
