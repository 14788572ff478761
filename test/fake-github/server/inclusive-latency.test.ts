// The configured latency is the time from a request's arrival to its answer:
// the server works out the answer first and waits only what is left. A manual
// timer stands in for the clock, so every wait is checked exactly (no real time).
import { afterEach, describe, expect, it } from "vitest";
import type { RouteDef } from "../../../fake-github/http/types.js";
import {
  type FakeGitHub,
  type FakeGitHubOptions,
  type ServerTimer,
  startFakeGitHub,
} from "../../../fake-github/index.js";
import { LatencyModel } from "../../../fake-github/limits/latency.js";
import { authHeader } from "./helpers.js";

/** A clock that moves only when told: by simulated work, or by the server's waits. */
class ManualTimer implements ServerTimer {
  value = 1_000;
  /** Every wait the server asked for, in order. */
  readonly waits: number[] = [];
  /** Handler runs and waits, in the order they happened. */
  readonly events: string[] = [];
  /** While set, waits end only on release(). */
  hold = false;
  private held: Array<() => void> = [];
  private onWait: Array<() => void> = [];

  readonly now = (): number => this.value;

  readonly sleep = (ms: number): Promise<void> => {
    this.waits.push(ms);
    this.events.push(`wait ${ms}`);
    this.value += ms;
    for (const notify of this.onWait.splice(0)) notify();
    if (!this.hold) return Promise.resolve();
    return new Promise((resolve) => this.held.push(resolve));
  };

  /** Simulated server work: time passes without a wait. */
  work(ms: number): void {
    this.value += ms;
  }

  /** Resolves once the server asks for its next wait. */
  nextWait(): Promise<void> {
    return new Promise((resolve) => this.onWait.push(resolve));
  }

  release(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }
}

let fake: FakeGitHub | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

interface Harness {
  fake: FakeGitHub;
  timer: ManualTimer;
  /** Writes the test route applied, in order. */
  writes: string[];
}

async function start(options: FakeGitHubOptions = {}): Promise<Harness> {
  const timer = new ManualTimer();
  const writes: string[] = [];
  const routes: RouteDef[] = [
    {
      method: "GET",
      template: "/test/work/{ms}",
      handler: (req) => {
        timer.events.push("handler");
        timer.work(Number(req.params.ms));
        return { status: 200, body: { ok: true } };
      },
    },
    {
      method: "POST",
      template: "/test/write",
      handler: () => {
        writes.push(`write ${writes.length + 1}`);
        timer.events.push("handler");
        return { status: 201, body: { written: writes.length } };
      },
    },
    {
      method: "GET",
      template: "/test/throws",
      handler: () => {
        throw new Error("boom");
      },
    },
  ];
  fake = await startFakeGitHub({ dataset: "small", seed: 11, timer, extraRoutes: routes, ...options });
  return { fake, timer, writes };
}

function get(h: Harness, path: string): Promise<Response> {
  return fetch(`${h.fake.url}${path}`, { headers: authHeader(h.fake.token) });
}

function post(h: Harness, path: string): Promise<Response> {
  return fetch(`${h.fake.url}${path}`, { method: "POST", headers: authHeader(h.fake.token) });
}

function durations(h: Harness, template: string): number[] {
  return h.fake.stats.log.filter((entry) => entry.template === template).map((entry) => entry.durationMs);
}

describe("inclusive latency", () => {
  it("waits only what is left of the latency once the answer is ready", async () => {
    const h = await start({ latencyMs: 50 });
    expect((await get(h, "/test/work/30")).status).toBe(200);
    expect(h.timer.events).toEqual(["handler", "wait 20"]);
    // Work longer than the latency: answered as soon as it is done, no wait at all.
    expect((await get(h, "/test/work/70")).status).toBe(200);
    expect((await get(h, "/test/work/0")).status).toBe(200);
    expect(h.timer.waits).toEqual([20, 50]);
    expect(durations(h, "/test/work/{ms}")).toEqual([50, 70, 50]);
  });

  it("draws the seeded jitter sequence, one draw per request", async () => {
    const h = await start({ latencyMs: 80, jitterMs: 20, seed: 7 });
    for (let i = 0; i < 5; i++) await get(h, "/test/work/0");
    const model = new LatencyModel();
    model.configure(80, 20, 7);
    const expected = Array.from({ length: 5 }, () => model.next());
    expect(h.timer.waits).toEqual(expected);
    expect(durations(h, "/test/work/{ms}")).toEqual(expected);
  });

  it("applies a write before waiting and keeps the request in flight until the answer leaves", async () => {
    const h = await start({ latencyMs: 50 });
    h.timer.hold = true;
    const waiting = h.timer.nextWait();
    let answered = false;
    const response = post(h, "/test/write").then((res) => {
      answered = true;
      return res;
    });
    await waiting;
    expect(h.writes).toEqual(["write 1"]);
    expect(h.fake.stats.inFlight).toBe(1);
    expect(answered).toBe(false);
    h.timer.release();
    expect((await response).status).toBe(201);
    expect(h.fake.stats.inFlight).toBe(0);
    expect(h.timer.events).toEqual(["handler", "wait 50"]);
  });

  it("never runs the route for a fault decided before it, and answers after latency + delay", async () => {
    const h = await start({
      latencyMs: 50,
      script: [
        { route: "POST /test/write", nth: 1, status: 503, delayMs: 10 },
        { route: "POST /test/write", nth: 2, reset: true },
        { route: "POST /test/write", nth: 3, delayMs: 25 },
      ],
    });
    expect((await post(h, "/test/write")).status).toBe(503);
    await expect(post(h, "/test/write")).rejects.toThrow();
    expect(h.writes).toEqual([]);
    // A slow answer: the route runs, the answer leaves at latency + delay.
    expect((await post(h, "/test/write")).status).toBe(201);
    expect(h.writes).toEqual(["write 1"]);
    expect(h.timer.waits).toEqual([60, 50, 75]);
    expect(h.fake.stats.byRouteStatus["POST /test/write"]).toEqual({ "503": 1, "0": 1, "201": 1 });
  });

  it("applies the write of an afterHandler fault, then loses the answer after the latency", async () => {
    const h = await start({
      latencyMs: 50,
      script: [
        { route: "POST /test/write", nth: 1, status: 502, afterHandler: true },
        { route: "POST /test/write", nth: 2, reset: true, afterHandler: true },
      ],
    });
    expect((await post(h, "/test/write")).status).toBe(502);
    await expect(post(h, "/test/write")).rejects.toThrow();
    expect(h.writes).toEqual(["write 1", "write 2"]);
    expect(h.timer.events).toEqual(["handler", "wait 50", "handler", "wait 50"]);
  });

  it("answers a failing route's 500 after the latency too", async () => {
    const h = await start({ latencyMs: 50 });
    expect((await get(h, "/test/throws")).status).toBe(500);
    expect(h.timer.waits).toEqual([50]);
    expect(durations(h, "/test/throws")).toEqual([50]);
  });

  it("times asset downloads from arrival as well", async () => {
    const h = await start({ latencyMs: 40 });
    const release = h.fake.dataset?.repo.releases.find((r) => r.assets.length > 0 && !r.draft);
    const asset = release?.assets[0];
    if (!asset || !h.fake.dataset) throw new Error("dataset has no asset");
    const { ownerLogin, name } = h.fake.dataset.repo;
    const redirect = await fetch(`${h.fake.url}/repos/${ownerLogin}/${name}/releases/assets/${asset.id}`, {
      headers: { ...authHeader(h.fake.token), accept: "application/octet-stream" },
      redirect: "manual",
    });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get("location") ?? "");
    expect(Buffer.from(await download.arrayBuffer()).equals(asset.data)).toBe(true);
    expect(durations(h, "/_storage/assets/{asset_id}")).toEqual([40]);
    expect(h.timer.waits).toEqual([40, 40]);
  });
});

describe("inclusive latency for git", () => {
  it("holds git's answer until the latency has passed", async () => {
    const h = await start({ latencyMs: 40, git: true });
    const repo = h.fake.dataset?.repo;
    if (!repo) throw new Error("no dataset");
    const refs = `${h.fake.url}/${repo.ownerLogin}/${repo.name}.git/info/refs?service=git-upload-pack`;
    h.timer.hold = true;

    const waiting = h.timer.nextWait();
    let answered = false;
    const response = fetch(refs, { headers: { authorization: `Bearer ${h.fake.token}` } }).then((res) => {
      answered = true;
      return res;
    });
    await waiting;
    expect(answered).toBe(false);
    h.timer.release();
    const res = await response;
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith("001e# service=git-upload-pack\n")).toBe(true);
    expect(text).toContain(`${repo.branches.get(repo.default_branch)} refs/heads/${repo.default_branch}`);

    // An early refusal (no credentials) waits out the latency too.
    h.timer.hold = false;
    expect((await fetch(refs)).status).toBe(401);
    expect(h.timer.waits).toEqual([40, 40]);
    expect(durations(h, "/{owner}/{repo}.git/info/refs")).toEqual([40, 40]);
  });
});
