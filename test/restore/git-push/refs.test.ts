// The pure parts of pushing the git mirror: how ref listings are read, which
// refs are pushed, and which pull requests have a branch of their own.
import { describe, expect, it } from "vitest";
import { isPushableRef, parseLsRemote } from "../../../src/entities/git_repo/mirror.js";
import { isOwnBranch } from "../../../src/entities/pull_requests/open-pull.js";
import type { PullRequestRecord } from "../../../src/entities/pull_requests/record.js";

describe("git refs", () => {
  it("reads ls-remote output and pushes only branches and tags", () => {
    const refs = parseLsRemote(`${"a".repeat(40)}\trefs/heads/main\n${"b".repeat(40)}\trefs/pull/1/head\n\n`);
    expect([...refs]).toEqual([
      ["refs/heads/main", "a".repeat(40)],
      ["refs/pull/1/head", "b".repeat(40)],
    ]);
    expect(isPushableRef("refs/heads/x")).toBe(true);
    expect(isPushableRef("refs/tags/v1")).toBe(true);
    expect(isPushableRef("refs/pull/1/head")).toBe(false);
    expect(isPushableRef("refs/pull/1/merge")).toBe(false);
  });

  it("treats a PR from a fork, or one whose fork is gone, as not having its own branch", () => {
    const pr = (head: string | null, base: string | null) =>
      ({
        head: { ref: "x", sha: "a", repo: head ? { full_name: head } : null },
        base: { ref: "main", sha: "b", repo: base ? { full_name: base } : null },
      }) as unknown as PullRequestRecord;
    expect(isOwnBranch(pr("o/r", "o/r"))).toBe(true);
    expect(isOwnBranch(pr("O/R", "o/r"))).toBe(true);
    expect(isOwnBranch(pr("fork/r", "o/r"))).toBe(false);
    expect(isOwnBranch(pr(null, "o/r"))).toBe(false);
  });
});
