// save --incremental --verify-full: changes GitHub makes without moving any
// updated_at and without changing any count (an author's association, a
// review's body) are invisible to the incremental checks; the full comparison
// finds them, reads them again, reports them, and leaves the files of a fresh
// full save. With nothing changed it finds nothing.
import { cpSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { entityFiles, incrementalFixture, manifestOf } from "./helpers.js";

describe("save --incremental --verify-full", () => {
  const fixture = incrementalFixture(11, "gd-verify-full-");
  const { folders, save } = fixture;
  const freshDir = folders.fresh;

  it("finds what moves no updated_at and no count, and ends with a fresh full save's files", async () => {
    const { fake, repo } = fixture;
    const dir = freshDir();
    expect((await save(dir)).exitCode).toBe(0);

    // Quiet changes, as GitHub makes them: nothing the incremental checks look at moves.
    const comment = repo.comments.find((c) => repo.issues.get(c.issue_number)?.pull === null);
    const review = repo.reviews.find((r) => r.body !== "");
    expect(comment).toBeDefined();
    expect(review).toBeDefined();
    if (comment === undefined || review === undefined) return;
    comment.author_association = comment.author_association === "MEMBER" ? "CONTRIBUTOR" : "MEMBER";
    review.body = `${review.body} (edited quietly)`;
    const issue = [...repo.issues.values()].find((i) => i.pull === null && i.number !== comment.issue_number);
    if (issue === undefined) throw new Error("the dataset has no second issue");
    issue.author_association = issue.author_association === "OWNER" ? "NONE" : "OWNER";
    // A parent the cheap checks do see change (its title), whose thread changed quietly too.
    const noisy = repo.comments.find(
      (c) =>
        repo.issues.get(c.issue_number)?.pull === null &&
        c.issue_number !== comment.issue_number &&
        c.issue_number !== issue.number,
    );
    const edited = noisy === undefined ? undefined : repo.issues.get(noisy.issue_number);
    if (noisy === undefined || edited === undefined)
      throw new Error("the dataset has no third issue with comments");
    noisy.author_association = noisy.author_association === "MEMBER" ? "CONTRIBUTOR" : "MEMBER";
    edited.title = `${edited.title} (edited)`;
    edited.updated_at = fake.store.now();

    const reference = freshDir();
    expect((await save(reference)).exitCode).toBe(0);

    // The incremental checks alone keep the old records.
    const cheap = `${dir}-cheap`;
    cpSync(dir, cheap, { recursive: true });
    folders.track(cheap);
    expect((await save(cheap, { incremental: true })).exitCode).toBe(0);
    expect(entityFiles(cheap)).not.toEqual(entityFiles(reference));

    const verified = await save(dir, { incremental: true, verifyFull: true });
    expect(verified.exitCode).toBe(0);
    // Each thread it found is read again through its own list.
    expect(verified.requests.byRoute["GET /repos/{owner}/{repo}/issues/{number}/comments"]).toBe(2);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
    expect(manifestOf(dir).incremental?.verify_full).toEqual({
      issues: [issue.number],
      pull_requests: [review.pull_number],
      comment_threads: [comment.issue_number, noisy.issue_number].sort((a, b) => a - b),
    });
    const changes = manifestOf(dir).incremental?.changes ?? {};
    expect(changes.issue_comments).toEqual({ added: 0, changed: 2, deleted: 0 });
    expect(changes.pr_reviews).toEqual({ added: 0, changed: 1, deleted: 0 });

    // Nothing changed since: the full comparison finds nothing and changes nothing.
    expect((await save(dir, { incremental: true, verifyFull: true })).exitCode).toBe(0);
    expect(manifestOf(dir).incremental?.verify_full).toEqual({
      issues: [],
      pull_requests: [],
      comment_threads: [],
    });
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
  });
});
