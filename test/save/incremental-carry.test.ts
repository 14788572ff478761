// How an incremental save writes the records it carries over: a type with
// nothing to change keeps the previous file itself (the same file on disk,
// not one line rewritten), a type with changes gets a new file, and both are
// byte for byte what a fresh full save writes, with the same manifest entries.
import { statSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/core";
import { describe, expect, it } from "vitest";
import { deleteIssue } from "../../fake-github/store/mutations/removals.js";
import { entityFiles, incrementalFixture, manifestOf } from "./helpers.js";

const OWNER = "octo-org";
const REPO = "sample";

describe("save --incremental: carried-over records", () => {
  const fixture = incrementalFixture(11, "gd-incremental-carry-");
  const { folders, save } = fixture;

  it("keeps an unchanged type's file as it is and merges a changed one, as a fresh full save writes them", async () => {
    const { fake, repo } = fixture;
    const dir = folders.fresh();
    expect((await save(dir)).exitCode).toBe(0);
    const inode = (file: string) => statSync(join(dir, file)).ino;
    const before = Object.fromEntries(
      ["issues.jsonl", "issue_comments.jsonl", "pull_requests.jsonl", "pr_reviews.jsonl"].map((f) => [
        f,
        inode(f),
      ]),
    );

    // Issues only: an edit, a new comment, a deletion. No pull request changes.
    const issues = [...repo.issues.values()]
      .filter((i) => i.pull === null)
      .sort((a, b) => a.number - b.number);
    const [edited, commented, deleted] = issues;
    const octokit = new Octokit({ auth: fake.token, baseUrl: fake.url });
    const where = { owner: OWNER, repo: REPO };
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...where,
      issue_number: edited?.number as number,
      title: "Edited after the first save",
    });
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...where,
      issue_number: commented?.number as number,
      body: "a new comment",
    });
    deleteIssue(fake.store, repo, deleted?.number as number);

    expect((await save(dir, { incremental: true })).exitCode).toBe(0);
    const reference = folders.fresh();
    expect((await save(reference)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));

    // The unchanged types' files are the previous files themselves; the changed ones are new.
    expect(inode("pull_requests.jsonl")).toBe(before["pull_requests.jsonl"]);
    expect(inode("pr_reviews.jsonl")).toBe(before["pr_reviews.jsonl"]);
    expect(inode("issues.jsonl")).not.toBe(before["issues.jsonl"]);
    expect(inode("issue_comments.jsonl")).not.toBe(before["issue_comments.jsonl"]);
    const files = manifestOf(dir).files;
    const fresh = manifestOf(reference).files;
    for (const file of ["pull_requests.jsonl", "pr_reviews.jsonl", "issues.jsonl", "issue_comments.jsonl"]) {
      expect(files[file]).toEqual(fresh[file]);
    }
    expect(manifestOf(dir).incremental?.changes.pull_requests).toEqual({ added: 0, changed: 0, deleted: 0 });
  });
});
