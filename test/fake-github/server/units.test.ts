import { describe, expect, it } from "vitest";
import { Router } from "../../../fake-github/http/router.js";
import type { HttpMethod } from "../../../fake-github/http/types.js";
import { parseKnobPatch } from "../../../fake-github/limits/knobs.js";
import { LatencyModel, type ServerTimer, waitUntil } from "../../../fake-github/limits/latency.js";
import { decodeCursor, encodeCursor } from "../../../fake-github/rest/read/issues.js";

function router(...templates: Array<[HttpMethod, string]>) {
  const r = new Router<{ method: HttpMethod; template: string }>();
  for (const [method, template] of templates) r.add({ method, template });
  return r;
}

describe("router", () => {
  const r = router(
    ["GET", "/repos/{owner}/{repo}/issues/{issue_number}"],
    ["GET", "/repos/{owner}/{repo}/issues/comments"],
    ["GET", "/repos/{owner}/{repo}/git/ref/{ref}"],
    ["POST", "/repos/{owner}/{repo}/issues"],
  );

  it("prefers literal segments over parameters and decodes parameters", () => {
    expect(r.match("GET", "/repos/o/r/issues/comments")?.route.template).toBe(
      "/repos/{owner}/{repo}/issues/comments",
    );
    expect(r.match("GET", "/repos/o/r%20x/issues/12")).toMatchObject({
      route: { template: "/repos/{owner}/{repo}/issues/{issue_number}" },
      params: { owner: "o", repo: "r x", issue_number: "12" },
    });
  });

  it("lets a trailing ref parameter span slashes, encoded or not", () => {
    expect(r.match("GET", "/repos/o/r/git/ref/heads/feature/x")?.params.ref).toBe("heads/feature/x");
    expect(r.match("GET", "/repos/o/r/git/ref/heads%2Ffeature%2Fx")?.params.ref).toBe("heads/feature/x");
  });

  it("matches the method, falls back from HEAD to GET, and ignores one trailing slash", () => {
    expect(r.match("DELETE", "/repos/o/r/issues/1")).toBeNull();
    expect(r.match("HEAD", "/repos/o/r/issues/1")?.route.method).toBe("GET");
    expect(r.match("POST", "/repos/o/r/issues/")?.route.method).toBe("POST");
    expect(r.match("GET", "/repos/o/r/issues/1/extra")).toBeNull();
  });

  it("refuses duplicate routes", () => {
    expect(() => router(["GET", "/a/{x}"], ["GET", "/a/{x}"])).toThrow(/duplicate/);
  });
});

describe("knob validation", () => {
  it("accepts a valid patch and rejects unknown or malformed knobs", () => {
    expect(
      parseKnobPatch({
        latencyMs: 5,
        faults: { rate: 0.1, statuses: [502] },
        script: [{ nth: 2, status: 500 }],
      }),
    ).toEqual({
      latencyMs: 5,
      faults: { rate: 0.1, statuses: [502] },
      script: [{ nth: 2, status: 500 }],
    });
    expect(() => parseKnobPatch({ latency: 5 })).toThrow(/unknown knob/);
    expect(() => parseKnobPatch({ faults: { rate: 2 } })).toThrow(/0\.\.1/);
    expect(() => parseKnobPatch({ rateLimitStatus: 500 })).toThrow(/403 or 429/);
    expect(() => parseKnobPatch({ script: [{ bogus: true }] })).toThrow(/unknown field/);
  });
});

describe("latency model", () => {
  it("draws a seeded jitter sequence within ± jitterMs", () => {
    const draw = (seed: number) => {
      const model = new LatencyModel();
      model.configure(80, 20, seed);
      return Array.from({ length: 50 }, () => model.next());
    };
    const first = draw(1);
    expect(draw(1)).toEqual(first);
    expect(draw(2)).not.toEqual(first);
    expect(first.every((ms) => ms >= 60 && ms <= 100)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(40);
  });

  it("waits again when a timer fires early, so no answer leaves before its deadline", async () => {
    // A clock whose timers fire 3 ms early, as Node's do on a busy event loop.
    let now = 0;
    const sleeps: number[] = [];
    const early: ServerTimer = {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += Math.max(ms - 3, 0.5);
      },
    };
    await waitUntil(early, 40);
    expect(now).toBeGreaterThanOrEqual(40);
    expect(sleeps[0]).toBe(40);
    expect(sleeps.length).toBeGreaterThan(1);
    sleeps.length = 0;
    await waitUntil(early, 10);
    expect(sleeps).toEqual([]);
  });
});

describe("issue cursors", () => {
  it("round-trip and reject foreign strings", () => {
    expect(decodeCursor(encodeCursor("2026-01-01T00:00:00Z", 12))).toEqual({
      key: "2026-01-01T00:00:00Z",
      tie: 12,
    });
    expect(decodeCursor("not a cursor")).toBeNull();
  });
});
