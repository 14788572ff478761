// Pull requests from a backup of the Python github-data tool: it records
// branch names but no commits and no head repository, so a pull request is
// opened from its branch when the pushed mirror has it, and otherwise becomes
// an issue; review comments without a commit are quoted.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedGitEnv } from "../../../fake-github/git/create-bare-repo.js";
import type { FakeGitHub } from "../../../fake-github/index.js";
import { markerOf } from "../../../src/restore/bodies.js";
import { numericId } from "../../../src/restore/python-format.js";
import {
  byMarker,
  pulls,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  startFake,
  tempDir,
} from "../support/pull-side.js";
import { conversation } from "../support/views.js";

afterAll(removeTempDirs);

const user = (login: string) => ({
  login,
  id: `U_${login}`,
  avatar_url: "",
  html_url: `https://github.com/${login}`,
});
const pullJson = (number: number, head: string, state: string) => ({
  id: `PR_kwDOp${number}`,
  number,
  title: `Python PR ${number}`,
  body: "Please review",
  state,
  user: user("lee"),
  assignees: [],
  labels: [],
  milestone: null,
  head_ref: head,
  base_ref: "main",
  created_at: "2025-04-01 12:00:00+00:00",
  updated_at: "2025-04-02 08:30:00+00:00",
  closed_at: state === "OPEN" ? null : "2025-04-03 08:30:00+00:00",
  merged_at: state === "MERGED" ? "2025-04-03 08:30:00+00:00" : null,
  merge_commit_sha: null,
  html_url: `https://github.com/owner/repo/pull/${number}`,
});

describe("pull requests from a Python-format backup", () => {
  let fake: FakeGitHub;
  let headRef: string;

  beforeAll(async () => {
    fake = await startFake("small", 6);
    const source = repoOf(fake, "sample");
    const open = pulls(source).find((p) => p.pull?.head.repoFullName && source.branches.has(p.pull.head.ref));
    headRef = open?.pull?.head.ref ?? "";
    const dir = join(tempDir(), "python-backup");
    mkdirSync(dir, { recursive: true });
    const write = (name: string, value: unknown) =>
      writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
    write("pull_requests.json", [pullJson(5, headRef, "MERGED"), pullJson(6, "deleted-long-ago", "CLOSED")]);
    write("pr_review_comments.json", [
      {
        id: "PRRC_kwDOc1",
        pr_number: 5,
        review_id: null,
        in_reply_to_id: null,
        path: "README.md",
        line: 1,
        diff_hunk: "@@ -1 +1 @@\n+hello",
        body: "Typo here",
        user: user("sam"),
        created_at: "2025-04-01 13:00:00+00:00",
        updated_at: "2025-04-01 13:00:00+00:00",
        html_url: "https://github.com/owner/repo/pull/5#discussion_r1",
      },
    ]);
    execFileSync("git", ["clone", "--mirror", "--quiet", source.gitDir as string, join(dir, "git-repo")], {
      env: isolatedGitEnv(),
    });
    const result = await restore(
      restoreRequest(fake, dir, "from-python", {
        selection: {
          entities: new Set(["git_repo", "pull_requests", "pr_review_comments"]),
          issues: { kind: "all" },
          pullRequests: { kind: "all" },
        },
      }),
    );
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
  });

  it("opens a pull request from its branch and makes one whose branch is gone an issue", () => {
    const target = repoOf(fake, "from-python");
    const restored = byMarker([...target.issues.values()], "pull_request");
    const fromBranch = restored.get(String(numericId("PR_kwDOp5")));
    expect(fromBranch?.pull?.head.ref).toBe(headRef);
    expect(fromBranch?.state).toBe("closed");
    expect(fromBranch?.body).toContain("merged on 2025-04-03 08:30 UTC");
    const gone = restored.get(String(numericId("PR_kwDOp6")));
    expect(gone?.pull).toBeNull();
    expect(gone?.body).toContain(
      "its head branch `deleted-long-ago` is gone and the backup does not record its commit",
    );
  });

  it("quotes a review comment whose commit the backup does not know", () => {
    const target = repoOf(fake, "from-python");
    const pr = byMarker(pulls(target), "pull_request").get(String(numericId("PR_kwDOp5")));
    const quoted = conversation(target, pr?.number ?? -1).find(
      (c) => markerOf(c.body, "pr_review_comment") === String(numericId("PRRC_kwDOc1")),
    );
    expect(quoted?.body).toContain("A review comment on `README.md` line 1");
    expect(quoted?.body).toContain("the backup does not record its commit");
    expect(quoted?.body).toContain("Typo here");
  });
});
