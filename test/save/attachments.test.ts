// Saving attachments: every link the fake seeded in bodies, compared byte for
// byte with the fake's files on small, tricky and medium; hostile names kept
// inside the folder; 404s recorded; links elsewhere left alone; the token
// sent to the web host only, never to storage or another host; private
// repositories downloaded with the token.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { verifyBackup } from "../../src/backup/verify.js";
import type { AttachmentRecord } from "../../src/entities/attachments/record.js";
import { RECORD_FILES } from "../../src/entities/index.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import * as E from "./expected.js";
import { saveRequest } from "./helpers.js";

const roots: string[] = [];
function freshBackupDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-attachments-"));
  roots.push(dir);
  return join(dir, "backup");
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

const BODY_TYPES: EntityName[] = [
  "issues",
  "pull_requests",
  "issue_comments",
  "pr_comments",
  "pr_reviews",
  "pr_review_comments",
  "releases",
];

/** Every attachment link in the fake's bodies, as the tool should find them. */
function seededLinks(fake: FakeGitHub): Set<string> {
  const repo = findRepo(fake.store, "octo-org", "sample");
  if (!repo) throw new Error("no sample repository");
  const bodies = [
    ...[...repo.issues.values()].map((i) => i.body),
    ...repo.comments.map((c) => c.body),
    ...repo.reviews.map((r) => r.body),
    ...repo.reviewComments.map((c) => c.body),
    ...repo.releases.map((r) => r.body),
  ];
  const links = new Set<string>();
  const pattern = new RegExp(
    `${fake.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/(user-attachments|octo-org/sample/(files|assets))/[^\\s)"]+`,
    "g",
  );
  for (const body of bodies) for (const m of (body ?? "").matchAll(pattern)) links.add(m[0]);
  return links;
}

async function save(fake: FakeGitHub, entities: EntityName[] = [...BODY_TYPES, "attachments"]) {
  const dir = freshBackupDir();
  const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir, { entities }));
  expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
  return { dir, result, records: E.readJsonl(dir, "attachments.jsonl") as unknown as AttachmentRecord[] };
}

describe.each(["small", "tricky", "medium"] as const)("attachments of the %s dataset", (dataset) => {
  it("saves every linked file once, byte for byte, inside attachments/, and records the 404s", async () => {
    const fake = await startFakeGitHub({ dataset, seed: 3 });
    try {
      const { dir, records } = await save(fake);
      const links = seededLinks(fake);
      expect(records.map((r) => r.url)).toEqual([...links].sort());
      const root = resolve(dir, "attachments");
      let saved = 0;
      for (const record of records) {
        const served = fake.store.attachments.get(new URL(record.url).pathname);
        if (!served) {
          expect(record).toMatchObject({ status: "not_found", path: null, sha256: null });
          continue;
        }
        saved++;
        expect(record.status).toBe("saved");
        const path = resolve(dir, record.path ?? "");
        expect(path.startsWith(`${root}${sep}${record.sha256}${sep}`)).toBe(true);
        expect(readFileSync(path).equals(served.data)).toBe(true);
        expect(record.size).toBe(served.data.length);
        expect(record.content_type).toBe(served.content_type);
        expect(record.referenced_by.length).toBeGreaterThan(0);
      }
      expect(saved).toBe(fake.store.attachments.size);
      expect(records.filter((r) => r.status === "not_found")).toHaveLength(2);
      // Two links with the same bytes share one file.
      const paths = new Set(records.flatMap((r) => (r.path ? [r.path] : [])));
      expect(paths.size).toBe(
        new Set([...fake.store.attachments.values()].map((a) => a.data.toString("hex"))).size,
      );
      // Links that are no attachments were never asked for.
      const asked = fake.stats.log.map((entry) => entry.path);
      expect(asked.some((p) => p.includes("/blob/"))).toBe(false);
      const report = await verifyBackup(dir, RECORD_FILES);
      expect(report.problems).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe("attachment downloads", () => {
  it("lists every record that links a file, with its type and id", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 3 });
    try {
      const { records } = await save(fake);
      const shared = records.filter((r) => r.referenced_by.length > 1);
      expect(shared.length).toBeGreaterThan(0);
      const types = new Set(records.flatMap((r) => r.referenced_by.map((ref) => ref.type)));
      for (const type of types)
        expect([
          "issue",
          "pull_request",
          "issue_comment",
          "pr_comment",
          "pr_review",
          "pr_review_comment",
          "release",
        ]).toContain(type);
    } finally {
      await fake.close();
    }
  });

  it("downloads a private repository's attachments with the token, and never sends it to storage or another host", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "image/png" });
      res.end("elsewhere");
    });
    await new Promise<void>((done) => elsewhere.listen(0, "127.0.0.1", done));
    const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    const fake = await startFakeGitHub({ dataset: "small", seed: 3 });
    try {
      const repo = findRepo(fake.store, "octo-org", "sample");
      if (!repo) throw new Error("no sample repository");
      repo.private = true;
      // One attachment stored on another host (the web host redirects there),
      // and a body that links the other host directly (not an attachment host).
      const [first] = fake.store.attachments.values();
      if (!first) throw new Error("no attachment");
      first.location = `${other}/storage/signed?sig=abc`;
      const issue = repo.issues.get(1);
      if (!issue) throw new Error("no issue #1");
      issue.body = `${issue.body ?? ""}\n\n![elsewhere](${other}/user-attachments/assets/not-github)`;
      const { records } = await save(fake);
      expect(records.filter((r) => r.status === "saved")).toHaveLength(
        new Set([...fake.store.attachments.values()].map((a) => a.path)).size,
      );
      const moved = records.find((r) => new URL(r.url).pathname === first.path);
      expect(moved?.status).toBe("saved");
      // The other host was asked once: the redirect from the web host, without any credential.
      expect(seen).toHaveLength(1);
      expect(seen[0]?.authorization).toBeUndefined();
      expect(JSON.stringify(seen)).not.toContain(fake.token);
      // Storage requests on the fake carry no token either: a private repository's
      // attachment link without the token is a 404, so every saved file went through the token-less storage.
      const storage = fake.stats.log.filter((e) => e.template === "/_storage/attachments/{key}");
      expect(storage.length).toBeGreaterThan(0);
    } finally {
      await fake.close();
      await new Promise<void>((done) => elsewhere.close(() => done()));
    }
  });

  it("asks the link again for a fresh storage URL when storage refuses one (an expired signature)", async () => {
    let asked = 0;
    const storage = createServer((_req, res) => {
      asked++;
      if (asked === 1) {
        res.writeHead(403, { "content-type": "text/plain" });
        res.end("Request has expired");
        return;
      }
      res.writeHead(200, { "content-type": "image/png" });
      res.end("fresh bytes");
    });
    await new Promise<void>((done) => storage.listen(0, "127.0.0.1", done));
    const fake = await startFakeGitHub({ dataset: "small", seed: 3 });
    try {
      const [first] = fake.store.attachments.values();
      if (!first) throw new Error("no attachment");
      first.location = `http://127.0.0.1:${(storage.address() as AddressInfo).port}/signed?sig=x`;
      const { dir, records } = await save(fake);
      const record = records.find((r) => new URL(r.url).pathname === first.path);
      expect(record?.status).toBe("saved");
      expect(readFileSync(join(dir, record?.path ?? "")).toString()).toBe("fresh bytes");
      expect(asked).toBe(2);
      // The web host was asked twice for that link: once per storage URL.
      expect(fake.stats.log.filter((e) => e.path === first.path)).toHaveLength(2);
    } finally {
      await fake.close();
      await new Promise<void>((done) => storage.close(() => done()));
    }
  });

  it("reads the bodies of the selected types only", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 3 });
    try {
      const { records } = await save(fake, ["issues", "attachments"]);
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((r) => r.referenced_by.every((ref) => ref.type === "issue"))).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
