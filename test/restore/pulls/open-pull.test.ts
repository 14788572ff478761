// The order of routes a pull request takes when GitHub refuses one, with
// GitHub's answers stubbed: the merged PR whose head is already in its base
// (a base branch at the saved base commit), a PR whose branches an open PR
// already uses (a head branch at the saved commit), and the issue at the end.
import { describe, expect, it } from "vitest";
import { openPull } from "../../../src/entities/pull_requests/open-pull.js";
import type { PullRequestRecord } from "../../../src/entities/pull_requests/record.js";
import type { TargetBranches } from "../../../src/entities/pull_requests/restore-branches.js";
import { createBodyRewriter } from "../../../src/restore/bodies.js";
import type { RestoreContext } from "../../../src/restore/types.js";

const HEAD_SHA = "a".repeat(40);
const BASE_SHA = "b".repeat(40);

const pr: PullRequestRecord = {
  id: 900,
  node_id: "PR_900",
  number: 9,
  title: "Merged long ago",
  body: "Fixes things.",
  state: "closed",
  locked: false,
  active_lock_reason: null,
  user: { login: "alice", id: 2, type: "User" },
  labels: [],
  assignees: [],
  milestone: null,
  draft: false,
  head: { ref: "topic", sha: HEAD_SHA, repo: { full_name: "o/r" } },
  base: { ref: "main", sha: BASE_SHA, repo: { full_name: "o/r" } },
  merged: true,
  merged_at: "2025-01-01T00:00:00Z",
  merge_commit_sha: "c".repeat(40),
  author_association: "MEMBER",
  created_at: "2024-12-01T00:00:00Z",
  updated_at: "2025-01-01T00:00:00Z",
  closed_at: "2025-01-01T00:00:00Z",
  html_url: "https://github.com/o/r/pull/9",
};

function refused(message: string): unknown {
  const data = {
    message: "Validation Failed",
    errors: [{ resource: "PullRequest", code: "custom", message }],
  };
  return Object.assign(new Error("Validation Failed"), { status: 422, response: { status: 422, data } });
}

interface Call {
  route: string;
  head?: unknown;
  base?: unknown;
}

function setUp(answer: (call: Call) => unknown, canMake: (name: string) => boolean = () => true) {
  const calls: Call[] = [];
  const made: string[] = [];
  const request = async (route: string, params: Record<string, unknown>) => {
    const call = { route, head: params.head, base: params.base };
    calls.push(call);
    const result = answer(call);
    if (result instanceof Error) throw result;
    return { data: result };
  };
  const bodies = createBodyRewriter({
    references: { newNumberOf: () => undefined, isKnown: () => false, source: null, targetWebUrl: null },
  });
  const ctx = {
    target: { owner: "o", repo: "copy" },
    client: { octokit: { request }, redact: (t: string) => t },
    bodies,
    signal: new AbortController().signal,
  } as unknown as RestoreContext;
  const heads = new Set(["main", "topic"]);
  const branches = {
    has: (name: string) => heads.has(name),
    ensure: async (name: string) => {
      if (!canMake(name)) return { ok: false, reason: "its commit is gone" };
      made.push(name);
      heads.add(name);
      return { ok: true, name };
    },
  } as unknown as TargetBranches;
  return { ctx, branches, calls, made };
}

describe("the routes of a pull request", () => {
  it("compares a head already merged into its base against the saved base commit", async () => {
    const { ctx, branches, calls, made } = setUp((call) =>
      call.base === "main" ? refused("No commits between main and topic") : { number: 3, id: 30 },
    );
    const opened = await openPull(ctx, branches, pr);
    expect(made).toEqual(["github-data/pr-9-base"]);
    expect(calls.map((c) => [c.head, c.base])).toEqual([
      ["topic", "main"],
      ["topic", "github-data/pr-9-base"],
    ]);
    expect(opened).toMatchObject({
      number: 3,
      asIssue: false,
      route: { kind: "restore-branch", head: "topic" },
    });
  });

  it("opens from the saved head commit when GitHub refuses the original branches", async () => {
    const { ctx, branches, calls, made } = setUp((call) =>
      call.head === "topic" ? refused("A pull request already exists for o:topic.") : { number: 4, id: 40 },
    );
    const opened = await openPull(ctx, branches, pr);
    expect(made).toEqual(["github-data/pr-9"]);
    expect(calls.map((c) => c.head)).toEqual(["topic", "github-data/pr-9"]);
    expect(opened.route).toEqual({ kind: "restore-branch", head: "github-data/pr-9", base: "main" });
  });

  it("ends as an issue that gives every reason", async () => {
    const { ctx, branches, calls } = setUp(
      (call) =>
        call.route.includes("/issues") ? { number: 5, id: 50 } : refused("No commits between main and topic"),
      (name) => name !== "github-data/pr-9-base",
    );
    const opened = await openPull(ctx, branches, pr);
    expect(calls.map((c) => c.route)).toEqual([
      "POST /repos/{owner}/{repo}/pulls",
      "POST /repos/{owner}/{repo}/issues",
    ]);
    expect(opened).toMatchObject({ number: 5, asIssue: true });
    expect(opened.route.kind === "issue" && opened.route.reason).toMatch(
      /No commits between main and topic; a base branch at the saved base commit could not be made either: its commit is gone/,
    );
  });
});
