// The fake's Git LFS batch API and object storage, spoken to directly: what
// the real git-lfs client relies on (tested end to end in
// test/entities/wiki-lfs/), and GitHub's refusals.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";

const MEDIA = "application/vnd.git-lfs+json";
const READER = "ghp_lfs_reader_only_token_0123456789abcdef";

interface BatchAnswer {
  objects: Array<{
    oid: string;
    size: number;
    actions?: Record<string, { href: string; header: Record<string, string> }>;
    error?: { code: number; message: string };
  }>;
}

describe("the fake's LFS API", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  const batchUrl = () => `${fake.url}/octo-org/sample.git/info/lfs/objects/batch`;
  const batch = (body: unknown, token: string | null = fake.token) =>
    fetch(batchUrl(), {
      method: "POST",
      headers: {
        accept: MEDIA,
        "content-type": MEDIA,
        ...(token ? { authorization: `Basic ${Buffer.from(`x:${token}`).toString("base64")}` } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 1, git: true });
    repo = fake.store.repos.get("octo-org/sample") as FakeRepo;
    addToken(fake.store, READER, { userId: fake.dataset?.tokenUser.id ?? 0, read: "*", write: [] });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("downloads a stored object through a signed action the token alone does not open", async () => {
    const [oid, data] = [...(repo.lfsObjects ?? new Map<string, Buffer>())][0] as [string, Buffer];
    const answer = await batch({
      operation: "download",
      transfers: ["basic"],
      objects: [{ oid, size: data.length }],
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe(MEDIA);
    const action = ((await answer.json()) as BatchAnswer).objects[0]?.actions?.download;
    if (!action) throw new Error("no download action");
    expect(action.header.Authorization).toMatch(/^RemoteAuth /);
    const bytes = Buffer.from(await (await fetch(action.href, { headers: action.header })).arrayBuffer());
    expect(bytes.equals(data)).toBe(true);
    const withToken = await fetch(action.href, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(withToken.status).toBe(403);
  });

  it("answers per object: 404 for a missing one, 422 for a malformed oid", async () => {
    const missing = "0".repeat(64);
    const answer = (await (
      await batch({
        operation: "download",
        objects: [
          { oid: missing, size: 1 },
          { oid: "not-an-oid", size: 1 },
        ],
      })
    ).json()) as BatchAnswer;
    expect(answer.objects.map((o) => o.error?.code)).toEqual([404, 422]);
  });

  it("uploads through upload and verify actions; a stored object needs none; bytes must match the oid", async () => {
    const data = Buffer.from("a new LFS object\n");
    const oid = createHash("sha256").update(data).digest("hex");
    const first = (
      (await (
        await batch({ operation: "upload", objects: [{ oid, size: data.length }] })
      ).json()) as BatchAnswer
    ).objects[0];
    const upload = first?.actions?.upload;
    const verify = first?.actions?.verify;
    if (!upload || !verify) throw new Error("no upload or verify action");
    const wrong = await fetch(upload.href, { method: "PUT", headers: upload.header, body: "other bytes" });
    expect(wrong.status).toBe(422);
    const put = await fetch(upload.href, { method: "PUT", headers: upload.header, body: data });
    expect(put.status).toBe(200);
    const verified = await fetch(verify.href, {
      method: "POST",
      headers: { ...verify.header, "content-type": MEDIA },
      body: JSON.stringify({ oid, size: data.length }),
    });
    expect(verified.status).toBe(200);
    expect(repo.lfsObjects?.get(oid)?.equals(data)).toBe(true);
    const again = (
      (await (
        await batch({ operation: "upload", objects: [{ oid, size: data.length }] })
      ).json()) as BatchAnswer
    ).objects[0];
    expect(again?.actions).toBeUndefined();
  });

  it("refuses without a token (401), an unknown repository (404), an upload without write access (403)", async () => {
    const request = { operation: "upload", objects: [{ oid: "1".repeat(64), size: 1 }] };
    expect((await batch(request, null)).status).toBe(401);
    const unknown = await fetch(`${fake.url}/octo-org/nothing.git/info/lfs/objects/batch`, {
      method: "POST",
      headers: { "content-type": MEDIA, authorization: `Bearer ${fake.token}` },
      body: JSON.stringify(request),
    });
    expect(unknown.status).toBe(404);
    expect((await batch(request, READER)).status).toBe(403);
    expect((await batch({ ...request, operation: "download" }, READER)).status).toBe(200);
  });
});
