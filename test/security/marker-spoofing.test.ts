// Marker spoofing: anyone who can open an issue or comment in a public target
// can write a restore marker into it. Restore adopts only objects the token's
// own account wrote, with the marker at the start of the body where restore
// puts it: a stranger's planted copy is neither adopted (the real object is
// created) nor touched, while the restore's own objects left by an
// interrupted run are still adopted.
import { rmSync } from "node:fs";
import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { addToken, addUser } from "../../fake-github/store/create-store.js";
import type { FakeRepo, FakeUser } from "../../fake-github/store/types.js";
import { createGitHubClient } from "../../src/github/client.js";
import type { RequestOptions } from "../../src/github/scheduler.js";
import { markerFor, markerOf } from "../../src/restore/bodies.js";
import { createWriteRecovery } from "../../src/restore/recover-write.js";
import {
  addTargetRepo,
  comment,
  type EmptyFake,
  handBackup,
  issue,
  ME,
  request,
  startEmptyFake,
  TOKEN,
} from "../restore/support/fixtures.js";
import {
  restoreRequest as pullSideRequest,
  pulls,
  saveBackup,
  startFake,
} from "../restore/support/pull-side.js";
import {
  makeEveryoneAssignable,
  plainIssues,
  removeTempDirs,
  repoOf,
  restore,
} from "../restore/support/setup.js";

afterAll(removeTempDirs);

const ALL = { kind: "all" } as const;
const STRANGER_TOKEN = "tok-stranger-0123456789abcdef0123456789abcd";

interface Planted {
  issue: number;
  comment: number;
}

let env: EmptyFake;
let stranger: FakeUser;
let target: FakeRepo;

beforeEach(async () => {
  env = await startEmptyFake();
  stranger = addUser(env.store, "stranger");
  addToken(env.store, STRANGER_TOKEN, { userId: stranger.id, write: "*" });
  target = addTargetRepo(env.store, "target");
});
afterEach(async () => {
  await env.close();
});

function backup(): Promise<string> {
  return handBackup({ issues: [issue(1), issue(2)], issue_comments: [comment(10, 1), comment(11, 2)] });
}

/** An issue opened by the stranger, carrying issue 1's marker, with a comment carrying comment 10's. */
async function plant(): Promise<Planted> {
  const octokit = new Octokit({ auth: STRANGER_TOKEN, baseUrl: env.fake.url });
  const made = await octokit.rest.issues.create({
    owner: ME,
    repo: "target",
    title: "Issue 1",
    body: `${markerFor("issue", String(issue(1).id))}\nplanted by a stranger`,
  });
  const posted = await octokit.rest.issues.createComment({
    owner: ME,
    repo: "target",
    issue_number: made.data.number,
    body: `${markerFor("issue_comment", "10")}\nplanted by a stranger`,
  });
  return { issue: made.data.number, comment: posted.data.id };
}

function snapshot(planted: Planted): string {
  const planted_issue = target.issues.get(planted.issue);
  const planted_comment = target.comments.find((c) => c.id === planted.comment);
  return JSON.stringify({ planted_issue, planted_comment });
}

/** Original ids of the target's objects of `kind` that the token's account (me) wrote. */
function mine(
  items: ReadonlyArray<{ body: string | null; userId: number | null }>,
  kind: "issue" | "issue_comment",
) {
  return items
    .filter((i) => i.userId === env.me.id)
    .map((i) => markerOf(i.body, kind))
    .filter((id) => id !== null)
    .sort();
}

describe("a planted marker", () => {
  it("is not adopted: the real issue and comment are created, the stranger's are left untouched", async () => {
    const planted = await plant();
    const before = snapshot(planted);
    const result = await restore(request(env, await backup(), "target"));
    expect(result.exitCode).toBe(0);
    expect(mine(plainIssues(target), "issue")).toEqual(["1001", "1002"]);
    expect(mine(target.comments, "issue_comment")).toEqual(["10", "11"]);
    // The real comment 10 hangs on the real issue 1, not on the stranger's.
    const real = plainIssues(target).find(
      (i) => i.userId === env.me.id && markerOf(i.body, "issue") === "1001",
    );
    const realComment = target.comments.find(
      (c) => c.userId === env.me.id && markerOf(c.body, "issue_comment") === "10",
    );
    expect(realComment?.issue_number).toBe(real?.number);
    expect(real?.number).not.toBe(planted.issue);
    expect(snapshot(planted)).toBe(before);
  });

  it("is not adopted from the token's own account either when it is not at the start of the body", async () => {
    const octokit = new Octokit({ auth: TOKEN, baseUrl: env.fake.url });
    const quoted = await octokit.rest.issues.create({
      owner: ME,
      repo: "target",
      title: "Quoting a restored issue",
      body: `See this:\n${markerFor("issue", String(issue(2).id))}`,
    });
    const result = await restore(request(env, await backup(), "target"));
    expect(result.exitCode).toBe(0);
    expect(mine(plainIssues(target), "issue")).toEqual(["1001", "1002"]);
    expect(target.issues.get(quoted.data.number)?.body).toBe(`See this:\n${markerFor("issue", "1002")}`);
  });

  it("does not answer for a write whose answer was lost: the restore's own copy does", async () => {
    const client = createGitHubClient({ token: TOKEN, apiUrl: env.fake.url, maxRetries: 0 });
    const recover = createWriteRecovery(() => client);
    const write = {
      method: "POST",
      url: "/repos/{owner}/{repo}/issues",
      owner: ME,
      repo: "target",
      body: `${markerFor("issue", "1001")}\nthe restore's body`,
    } as unknown as RequestOptions;
    await plant();
    expect(await recover(write)).toBeUndefined();
    const own = await client.octokit.request("POST /repos/{owner}/{repo}/issues", {
      owner: ME,
      repo: "target",
      title: "Issue 1",
      body: String(write.body),
    });
    const found = await recover(write);
    expect((found?.data as { number?: number } | undefined)?.number).toBe(own.data.number);
  });
});

describe("the restore's own marker", () => {
  it("is adopted after a crash lost the journal, next to a stranger's copy", async () => {
    const dir = await backup();
    const first = await restore(request(env, dir, "target"));
    expect(first.exitCode).toBe(0);
    if (first.journalPath) rmSync(first.journalPath);
    const planted = await plant();
    const before = snapshot(planted);
    const issues = target.issues.size;
    const comments = target.comments.length;
    const second = await restore(request(env, dir, "target"));
    expect(second.exitCode).toBe(0);
    // Nothing created again: every object of the first run was found by its marker.
    expect(target.issues.size).toBe(issues);
    expect(target.comments.length).toBe(comments);
    expect(mine(plainIssues(target), "issue")).toEqual(["1001", "1002"]);
    expect(mine(target.comments, "issue_comment")).toEqual(["10", "11"]);
    expect(snapshot(planted)).toBe(before);
  });
});

describe("a planted pull-request marker", () => {
  it("is not adopted: the real pull request is opened, the stranger's is left untouched", async () => {
    const fake = await startFake("small", 5);
    try {
      makeEveryoneAssignable(fake.store);
      const backup = await saveBackup(fake);
      const gitOnly = { entities: new Set(["git_repo" as const]), issues: ALL, pullRequests: ALL };
      const first = await restore(pullSideRequest(fake, backup, "pulls", { selection: gitOnly }));
      expect(first.exitCode).toBe(0);
      const source = repoOf(fake, "sample");
      const pr = pulls(source).find((p) => p.pull && p.pull.head.repoFullName === "octo-org/sample");
      if (!pr?.pull) throw new Error("no pull request with its own branch");
      const alice = new Octokit({ auth: "tok-assignable-alice", baseUrl: fake.url });
      const planted = await alice.rest.pulls.create({
        owner: "octo-org",
        repo: "pulls",
        title: pr.title,
        head: pr.pull.head.ref,
        base: pr.pull.base.ref,
        body: `${markerFor("pull_request", String(pr.pull.id))}\nopened by a stranger`,
      });
      const target = repoOf(fake, "pulls");
      const before = JSON.stringify(target.issues.get(planted.data.number));
      const second = await restore(pullSideRequest(fake, backup, "pulls"));
      expect(second.results.find((r) => r.name === "pull_requests")?.status).toBe("succeeded");
      const me = fake.store.tokens.get(fake.token)?.userId;
      const real = pulls(target).filter(
        (p) => p.userId === me && markerOf(p.body, "pull_request") === String(pr.pull?.id),
      );
      expect(real).toHaveLength(1);
      expect(real[0]?.number).not.toBe(planted.data.number);
      expect(JSON.stringify(target.issues.get(planted.data.number))).toBe(before);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
