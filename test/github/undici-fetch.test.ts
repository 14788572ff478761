// The client's HTTP transport (src/github/undici-fetch.ts) against the fake
// server: what fetch did for the tool must still hold — redirects followed
// with the token dropped when they leave the origin, compressed answers
// decoded, and the scheduler's hooks (rate-limit headers, retries, aborts,
// the answer byte budget) as before.
import { deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeRequest, FakeResponse, RouteDef } from "../../fake-github/http/types.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { readCapped } from "../../src/github/capped-body.js";
import { createGitHubClient, type GitHubClient } from "../../src/github/client.js";
import { undiciFetch } from "../../src/github/undici-fetch.js";
import { LimitError } from "../../src/util/limits.js";

/** What a request arrived with, as the echo routes answer it. */
interface Seen {
  token: string | null;
  acceptEncoding: string | null;
}

function echo(req: FakeRequest): FakeResponse {
  const seen: Seen = { token: req.token, acceptEncoding: req.headers["accept-encoding"] ?? null };
  return { status: 200, body: seen };
}

const PAYLOAD = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `item ${i} ✓` })) };

/** The payload compressed with `coding` when the request asked for it, else as is. */
function compressed(coding: "gzip" | "deflate") {
  return (req: FakeRequest): FakeResponse => {
    const accepted = (req.headers["accept-encoding"] ?? "").includes(coding);
    const json = Buffer.from(JSON.stringify(PAYLOAD));
    return {
      status: 200,
      headers: {
        "content-type": "application/json; charset=utf-8",
        ...(accepted ? { "content-encoding": coding } : {}),
      },
      body: accepted ? (coding === "gzip" ? gzipSync(json) : deflateSync(json)) : json,
    };
  };
}

let storage: FakeGitHub;
let api: FakeGitHub;
let failuresLeft = 0;

function route(template: string, handler: RouteDef["handler"]): RouteDef {
  return { method: "GET", template, handler, resource: "none" };
}

beforeAll(async () => {
  // Another origin (another port), as file storage is another host than the API.
  storage = await startFakeGitHub({ extraRoutes: [route("/echo", echo)] });
  api = await startFakeGitHub({
    dataset: "small",
    seed: 1,
    rateLimit: {},
    extraRoutes: [
      route("/echo", echo),
      route("/hop/same-origin", () => ({ status: 302, headers: { location: "/echo" } })),
      route("/hop/other-origin", () => ({ status: 302, headers: { location: `${storage.url}/echo` } })),
      route("/hop/twice", () => ({ status: 301, headers: { location: "/hop/other-origin" } })),
      route("/compressed/gzip", compressed("gzip")),
      route("/compressed/deflate", compressed("deflate")),
      route("/flaky", () =>
        failuresLeft-- > 0
          ? { status: 502, body: { message: "Server Error" } }
          : { status: 200, body: { ok: true } },
      ),
    ],
  });
});

afterAll(async () => {
  await api?.close();
  await storage?.close();
});

function client(extra: Partial<Parameters<typeof createGitHubClient>[0]> = {}): GitHubClient {
  return createGitHubClient({
    token: api.token,
    apiUrl: api.url,
    concurrency: 4,
    schedulerOptions: { backoff: { baseMs: 1, capMs: 4 } },
    ...extra,
  });
}

async function get(c: GitHubClient, path: string) {
  return c.octokit.request(`GET ${path}`);
}

describe("redirects", () => {
  it("keep the token on the same origin", async () => {
    const response = await get(client(), "/hop/same-origin");
    expect((response.data as Seen).token).toBe(api.token);
    expect(response.url).toBe(`${api.url}/echo`);
  });

  it("drop the token when they leave the origin, also after a same-origin hop", async () => {
    for (const path of ["/hop/other-origin", "/hop/twice"]) {
      const response = await get(client(), path);
      expect(response.status).toBe(200);
      expect((response.data as Seen).token).toBeNull();
      expect(response.url).toBe(`${storage.url}/echo`);
    }
  });

  it("are answered as they are with redirect: manual (release assets, the web host)", async () => {
    const response = await client().octokit.request("GET /hop/other-origin", {
      request: { redirect: "manual", parseSuccessResponseBody: false },
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${storage.url}/echo`);
    await (response.data as unknown as ReadableStream | null)?.cancel();
    const web = await client().web.get(`${api.url}/hop/other-origin`);
    expect(web.status).toBe(302);
    expect(web.headers.get("location")).toBe(`${storage.url}/echo`);
  });

  it("fail the request with redirect: error, as fetch", async () => {
    await expect(undiciFetch(`${api.url}/hop/same-origin`, { redirect: "error" })).rejects.toThrow(
      "fetch failed",
    );
    const direct = await undiciFetch(`${api.url}/echo`, { redirect: "error" });
    expect(direct.status).toBe(200);
    await direct.text();
  });

  it("a download from storage carries no token", async () => {
    const seen = await client().storage.download(`${storage.url}/echo`, undefined, async (body) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of body) chunks.push(chunk);
      return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Seen;
    });
    expect(seen.token).toBeNull();
  });
});

describe("compressed answers", () => {
  it("are asked for and decoded (gzip, deflate)", async () => {
    for (const coding of ["gzip", "deflate"]) {
      const response = await get(client(), `/compressed/${coding}`);
      expect(response.headers["content-encoding"]).toBe(coding);
      expect(response.data).toEqual(PAYLOAD);
    }
    const seen = (await get(client(), "/echo")).data as Seen;
    expect(seen.acceptEncoding).toBe("gzip, deflate");
  });

  it("are capped by their decoded size, and the connection is usable afterwards", async () => {
    const answer = await undiciFetch(`${api.url}/compressed/gzip`);
    const encodedLength = Number(answer.headers.get("content-length"));
    const decodedLength = Buffer.byteLength(JSON.stringify(PAYLOAD));
    expect(encodedLength).toBeLessThan(decodedLength / 2);
    if (answer.body === null) throw new Error("no body");
    await expect(readCapped(answer.body, encodedLength, decodedLength - 1)).rejects.toBeInstanceOf(
      LimitError,
    );
    const again = await undiciFetch(`${api.url}/compressed/gzip`);
    expect(JSON.parse(await again.text())).toEqual(PAYLOAD);
  });
});

describe("the scheduler's hooks", () => {
  it("read the rate-limit headers of every answer", async () => {
    const c = client();
    await c.octokit.request("GET /repos/{owner}/{repo}/labels", { owner: "octo-org", repo: "sample" });
    const core = c.stats().rateLimits.core;
    expect(core?.limit).toBe(5000);
    expect(core?.remaining).toBeLessThan(5000);
  });

  it("retry a server error until it answers", async () => {
    failuresLeft = 2;
    const c = client();
    const response = await get(c, "/flaky");
    expect(response.data).toEqual({ ok: true });
    expect(c.stats().retries).toBe(2);
  });

  it("retry an answer cut off halfway through its body, as a connection error", async () => {
    const cutting = await startFakeGitHub({
      dataset: "small",
      seed: 1,
      script: [{ route: "/repos/{owner}/{repo}/labels", cut: true }],
    });
    try {
      const c = createGitHubClient({
        token: cutting.token,
        apiUrl: cutting.url,
        schedulerOptions: { backoff: { baseMs: 1, capMs: 4 } },
      });
      const labels = await c.octokit.request("GET /repos/{owner}/{repo}/labels", {
        owner: "octo-org",
        repo: "sample",
      });
      expect((labels.data as unknown[]).length).toBeGreaterThan(0);
      expect(c.stats().retries).toBe(1);
      expect(cutting.stats.byRoute["GET /repos/{owner}/{repo}/labels"]).toBe(2);
    } finally {
      await cutting.close();
    }
  });

  it("stop at once when the caller aborts, without a retry", async () => {
    const slow = await startFakeGitHub({ dataset: "small", seed: 1, latencyMs: 5_000 });
    try {
      const controller = new AbortController();
      const c = createGitHubClient({ token: slow.token, apiUrl: slow.url });
      const pending = c.octokit.request("GET /repos/{owner}/{repo}/labels", {
        owner: "octo-org",
        repo: "sample",
        request: { signal: controller.signal },
      });
      controller.abort(new Error("stopped by the test"));
      await expect(pending).rejects.toThrow();
      expect(c.stats().retries).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it("read one answer at a time with a one-byte answer budget, the others waiting unread", async () => {
    const c = client({ concurrency: 8, schedulerOptions: { answerBudgetBytes: 1 } });
    const pages = await Promise.all(
      Array.from({ length: 8 }, (_, page) =>
        c.octokit.request("GET /repos/{owner}/{repo}/issues", {
          owner: "octo-org",
          repo: "sample",
          state: "all",
          per_page: 3,
          page: page + 1,
        }),
      ),
    );
    const ids = pages.flatMap((p) => (p.data as Array<{ id: number }>).map((issue) => issue.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(24);
  });
});
