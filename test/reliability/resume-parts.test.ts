// The parts of --resume on their own: the response journal, which jobs a
// resumed save skips, the sweep of temporary files, the disk-error wording,
// and an in-process save stopped by its signal (Ctrl-C: exit 130) and resumed.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import type { SaveState } from "../../src/backup/save-state.js";
import type { EntitySaver } from "../../src/entities/types.js";
import { createGitHubClient } from "../../src/github/client.js";
import { describeDiskError, explainDiskErrors, writeOrExplain } from "../../src/save/disk-errors.js";
import { removeLeftoverTempFiles } from "../../src/save/leftovers.js";
import {
  journaledAnswers,
  journalPath,
  openResponseJournal,
  responsesDir,
} from "../../src/save/response-journal.js";
import { skippableJobs } from "../../src/save/resume-plan.js";
import {
  backupContent,
  failures,
  OWNER,
  REPO,
  removeTempRoots,
  save,
  saveRequest,
  tempDir,
} from "./helpers.js";

afterAll(() => removeTempRoots());

describe("the response journal", () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 2 });
  });
  afterAll(() => fake.close());

  function client() {
    return createGitHubClient({ token: fake.token, apiUrl: fake.url, maxRetries: 0 });
  }

  it("answers a repeated read from disk, in a later process too, and never keeps a write or an error", async () => {
    const dir = join(tempDir(), "backup");
    const first = client();
    const journal = await openResponseJournal(dir, { keep: false });
    journal.install(first.octokit);
    const labels = await first.octokit.request("GET /repos/{owner}/{repo}/labels", {
      owner: OWNER,
      repo: REPO,
    });
    await expect(
      first.octokit.request("GET /repos/{owner}/{repo}/labels/{name}", {
        owner: OWNER,
        repo: REPO,
        name: "nope",
      }),
    ).rejects.toMatchObject({ status: 404 });
    await first.octokit.request("POST /repos/{owner}/{repo}/labels", {
      owner: OWNER,
      repo: REPO,
      name: "journal-test",
      color: "ffffff",
    });
    const query = `query { repository(owner: "${OWNER}", name: "${REPO}") { name } }`;
    await first.octokit.graphql(query);
    // Each answer is in the file before the caller sees it.
    expect(journal.stats()).toEqual({ replayed: 0, recorded: 2 });
    expect(journaledAnswers(dir)).toBe(2);

    // A resumed save: same requests, no network for what was answered.
    fake.resetStats();
    const second = client();
    const again = await openResponseJournal(dir, { keep: true });
    again.install(second.octokit);
    const replayed = await second.octokit.request("GET /repos/{owner}/{repo}/labels", {
      owner: OWNER,
      repo: REPO,
    });
    await second.octokit.graphql(query);
    expect(replayed.data).toEqual(labels.data);
    expect(replayed.headers.link).toEqual(labels.headers.link);
    expect(again.stats().replayed).toBe(2);
    expect(fake.stats.total).toBe(0);

    // A fresh save starts with an empty journal; discard removes it.
    await openResponseJournal(dir, { keep: false });
    expect(existsSync(responsesDir(dir))).toBe(false);
    await again.discard();
  });

  it("writes nothing before the folder is claimed, and nothing at all if it never is", async () => {
    for (const claimed of [true, false]) {
      const dir = join(tempDir(), "backup");
      let settle: (ok: boolean) => void = () => {};
      const writable = new Promise<void>((resolve, reject) => {
        settle = (ok) => (ok ? resolve() : reject(new Error("check failed")));
      });
      const c = client();
      const journal = await openResponseJournal(dir, { keep: false, writable });
      journal.install(c.octokit);
      await c.octokit.request("GET /repos/{owner}/{repo}/labels", { owner: OWNER, repo: REPO });
      expect(existsSync(dir)).toBe(false);
      if (claimed) mkdirSync(dir, { recursive: true });
      settle(claimed);
      await journal.flush();
      expect(journal.stats().recorded).toBe(claimed ? 1 : 0);
      expect(existsSync(responsesDir(dir))).toBe(claimed);
    }
  });

  it("treats a damaged entry as missing", async () => {
    const dir = join(tempDir(), "backup");
    const c = client();
    const journal = await openResponseJournal(dir, { keep: false });
    journal.install(c.octokit);
    await c.octokit.request("GET /repos/{owner}/{repo}/labels", { owner: OWNER, repo: REPO });
    expect(journaledAnswers(dir)).toBe(1);
    writeFileSync(journalPath(dir), '{"v":3,"k":"tor');
    expect(journaledAnswers(dir)).toBe(0);
    fake.resetStats();
    const again = await openResponseJournal(dir, { keep: true });
    const d = client();
    again.install(d.octokit);
    const answer = await d.octokit.request("GET /repos/{owner}/{repo}/labels", { owner: OWNER, repo: REPO });
    expect(answer.status).toBe(200);
    expect(fake.stats.total).toBe(1);
  });
  it("keeps a release asset's redirect, and asks again past it when told to", async () => {
    const dir = join(tempDir(), "backup");
    const c = client();
    const releases = await c.octokit.request("GET /repos/{owner}/{repo}/releases", {
      owner: OWNER,
      repo: REPO,
    });
    const asset = (releases.data as Array<{ assets: Array<{ id: number }> }>).flatMap((r) => r.assets)[0];
    expect(asset).toBeDefined();
    const journal = await openResponseJournal(dir, { keep: false });
    const redirect = (o: typeof c.octokit, replay?: false) =>
      o.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        owner: OWNER,
        repo: REPO,
        asset_id: asset?.id ?? 0,
        headers: { accept: "application/octet-stream" },
        request: {
          parseSuccessResponseBody: false,
          redirect: "manual",
          ...(replay === false ? { replay } : {}),
        },
      });
    journal.install(c.octokit);
    const first = await redirect(c.octokit);
    expect(first.status).toBe(302);
    expect(journaledAnswers(dir)).toBe(1);

    fake.resetStats();
    const again = await openResponseJournal(dir, { keep: true });
    const d = client();
    again.install(d.octokit);
    const replayed = await redirect(d.octokit);
    expect(replayed.status).toBe(302);
    expect(replayed.headers.location).toBe(first.headers.location);
    expect(fake.stats.total).toBe(0);
    const fresh = await redirect(d.octokit, false);
    expect(fresh.status).toBe(302);
    expect(fake.stats.total).toBe(1);
    await again.discard();
  });

  it("cuts off a torn last entry, replays the whole ones before it and appends after them", async () => {
    const dir = join(tempDir(), "backup");
    const c = client();
    const journal = await openResponseJournal(dir, { keep: false });
    journal.install(c.octokit);
    const request = (route: "labels" | "milestones" | "releases") =>
      c.octokit.request(`GET /repos/{owner}/{repo}/${route}`, { owner: OWNER, repo: REPO });
    await request("labels");
    await request("milestones");
    journal.mark("asset 7", "done");
    // The process died inside a write: half a metadata line, then nothing.
    appendFileSync(journalPath(dir), '{"v":3,"k":"abc","status":200,"n":90');
    expect(journaledAnswers(dir)).toBe(2);

    fake.resetStats();
    const again = await openResponseJournal(dir, { keep: true });
    const d = client();
    again.install(d.octokit);
    const replay = (route: "labels" | "milestones" | "releases") =>
      d.octokit.request(`GET /repos/{owner}/{repo}/${route}`, { owner: OWNER, repo: REPO });
    await replay("labels");
    await replay("milestones");
    expect(fake.stats.total).toBe(0);
    expect(again.marked("asset 7")).toBe("done");
    expect(again.marked("asset 8")).toBeUndefined();
    await replay("releases");
    expect(fake.stats.total).toBe(1);
    // The new answer follows the whole entries, so a third run reads all three.
    expect(journaledAnswers(dir)).toBe(3);
    await again.discard();
    expect(existsSync(responsesDir(dir))).toBe(false);
  });
});

describe("which jobs a resumed save skips", () => {
  const saver = (name: string, dependsOn: string[] = []) => ({ name, dependsOn }) as unknown as EntitySaver;
  const state = (complete: string[], running: string[] = []): SaveState => ({
    format: "github-data-save-state",
    started_at: "2026-01-01T00:00:00.000Z",
    source: { owner: OWNER, repo: REPO, api_url: "http://x" },
    selection: { include: [], issues: "all", pull_requests: "all" },
    jobs: Object.fromEntries([
      ...complete.map((n) => [n, { status: "complete", files: [] }]),
      ...running.map((n) => [n, { status: "running" }]),
    ]),
  });
  const savers = [saver("labels"), saver("issues"), saver("sub_issues", ["issues"])];

  it("skips complete jobs and runs the rest", () => {
    expect([...skippableJobs(state(["labels", "issues", "sub_issues"]), savers)].sort()).toEqual([
      "issues",
      "labels",
      "sub_issues",
    ]);
    expect([...skippableJobs(state(["labels"], ["issues"]), savers)]).toEqual(["labels"]);
    expect(skippableJobs(null, savers).size).toBe(0);
  });

  it("runs a complete job again when a job depending on it still has to run", () => {
    expect([...skippableJobs(state(["labels", "issues"], ["sub_issues"]), savers)]).toEqual(["labels"]);
  });

  it("keeps a complete job skipped when its dependent reads only its finished file", () => {
    const reader = {
      name: "attachments",
      dependsOn: ["issues"],
      readsDependencyFiles: true,
    } as unknown as EntitySaver;
    expect(
      [
        ...skippableJobs(state(["labels", "issues"], ["attachments"]), [
          saver("labels"),
          saver("issues"),
          reader,
        ]),
      ].sort(),
    ).toEqual(["issues", "labels"]);
  });
});

describe("leftovers of a killed save", () => {
  it("removes temporary files and half-cloned mirrors, and nothing inside the finished mirror", async () => {
    const dir = join(tempDir(), "backup");
    const keep = [
      "issues.jsonl",
      "release-assets/1/a.bin",
      "git-repo/objects/pack/x.tmp-0123456789ab",
      ".github-data/state.json",
    ];
    const gone = [
      "issues.jsonl.tmp-0123456789ab",
      "release-assets/1/a.bin.tmp-abcdefabcdef",
      "git-repo.tmp-a1b2c3d4e5f6/HEAD",
      ".github-data/responses/f.json.tmp-000000000000",
    ];
    for (const rel of [...keep, ...gone]) {
      mkdirSync(join(dir, rel, ".."), { recursive: true });
      writeFileSync(join(dir, rel), "x");
    }
    const removed = await removeLeftoverTempFiles(dir);
    expect(removed).toHaveLength(4);
    for (const rel of keep) expect(existsSync(join(dir, rel)), rel).toBe(true);
    for (const rel of gone) expect(existsSync(join(dir, rel)), rel).toBe(false);
  });
});

describe("disk errors", () => {
  const fsError = (code: string) => Object.assign(new Error(`${code}: boom, write`), { code });

  it("names the cause in words and keeps the code", () => {
    expect(describeDiskError(fsError("ENOSPC"))).toBe("no space left on the disk (ENOSPC)");
    expect(describeDiskError(fsError("EACCES"))).toBe("permission denied (EACCES)");
    expect(describeDiskError(new Error("other"))).toBeNull();
  });

  it("fails a job at once with the folder named, and leaves other errors alone", async () => {
    const job = explainDiskErrors({ name: "labels", run: () => Promise.reject(fsError("ENOSPC")) }, "/b");
    const ctx = { signal: new AbortController().signal, attempt: 1, progress: () => undefined };
    await expect(job.run(ctx)).rejects.toMatchObject({
      message: "cannot write to the backup folder /b: no space left on the disk (ENOSPC)",
      retryable: false,
    });
    const other = explainDiskErrors(
      { name: "labels", run: () => Promise.reject(new Error("HTTP 500")) },
      "/b",
    );
    await expect(other.run(ctx)).rejects.toThrow("HTTP 500");
    await expect(
      writeOrExplain("/b/manifest.json", "retry", () => Promise.reject(fsError("EROFS"))),
    ).rejects.toThrow("cannot write /b/manifest.json: the file system is read-only (EROFS); retry");
  });
});

describe("a save stopped by its signal (Ctrl-C) and resumed in-process", () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "medium", seed: 6 });
  });
  afterAll(() => fake.close());

  it("exits 130, then --resume finishes it identically with only the remaining requests", async () => {
    const reference = join(tempDir(), "reference");
    const complete = await save(saveRequest(fake, reference));
    expect(failures(complete)).toEqual([]);
    // API requests as each save sent them: the server's counters would also
    // count answers to the stopped save that it finishes after the stop.
    const full = complete.requests.requests;

    const dir = join(tempDir(), "backup");
    const stop = new AbortController();
    fake.resetStats();
    const stopped = await save(
      saveRequest(fake, dir, {
        signal: stop.signal,
        onStats: (stats) => {
          if (stats.requests >= 40) stop.abort();
        },
      }),
    );
    expect(stopped.exitCode).toBe(130);
    expect(existsSync(join(dir, "manifest.json"))).toBe(false);
    const journaled = journaledAnswers(dir);
    expect(journaled).toBeGreaterThan(10);

    const resumed = await save(saveRequest(fake, dir, { resume: true }));
    expect(failures(resumed)).toEqual([]);
    expect(backupContent(dir)).toEqual(backupContent(reference));
    expect(resumed.requests.requests).toBeLessThanOrEqual(full - journaled + 1);
  });
});
