import { beforeAll, describe, expect, it } from "vitest";
import { expect422, failure, fakeSha, OWNER, REPO, useWriteFixture } from "./setup.js";

const fx = useWriteFixture();
const repo = { owner: OWNER, repo: REPO };

describe("git refs (no bare repository: known shas)", () => {
  it("creates a branch at a known commit", async () => {
    const res = await fx.octokit.rest.git.createRef({
      ...repo,
      ref: "refs/heads/from-api",
      sha: fakeSha("main"),
    });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      ref: "refs/heads/from-api",
      object: { sha: fakeSha("main"), type: "commit" },
    });
    expect(fx.repo.branches.get("from-api")).toBe(fakeSha("main"));
  });

  it("rejects an existing ref, an unknown sha and a malformed name", async () => {
    await expect422(
      fx.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/main", sha: fakeSha("main") }),
      "Reference already exists",
    );
    await expect422(
      fx.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/x", sha: fakeSha("nothing") }),
      "Object does not exist",
    );
    const bad = await failure(
      fx.octokit.rest.git.createRef({ ...repo, ref: "heads/x", sha: fakeSha("main") }),
    );
    expect(bad.status).toBe(422);
  });
});

describe("pull requests", () => {
  it("creates, edits and closes a pull request", async () => {
    const created = await fx.octokit.rest.pulls.create({
      ...repo,
      title: "Add x",
      head: "feature",
      base: "main",
      body: "b",
      draft: true,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      title: "Add x",
      body: "b",
      draft: true,
      state: "open",
      head: { ref: "feature", sha: fakeSha("feature") },
      base: { ref: "main", sha: fakeSha("main") },
      user: { login: OWNER },
    });
    const n = created.data.number;
    const edited = await fx.octokit.rest.pulls.update({
      ...repo,
      pull_number: n,
      title: "Add y",
      base: "feature-2",
    });
    expect(edited.data).toMatchObject({ title: "Add y", base: { ref: "feature-2" } });
    const closed = await fx.octokit.rest.pulls.update({ ...repo, pull_number: n, state: "closed" });
    expect(closed.data.state).toBe("closed");
    expect(closed.data.closed_at).toEqual(expect.any(String));
  });

  it("rejects a missing head branch, head == base, and a duplicate open PR", async () => {
    await expect422(
      fx.octokit.rest.pulls.create({ ...repo, title: "t", head: "no-such-branch", base: "main" }),
      {
        resource: "PullRequest",
        code: "invalid",
        field: "head",
      },
    );
    await expect422(fx.octokit.rest.pulls.create({ ...repo, title: "t", head: "feature", base: "gone" }), {
      field: "base",
      code: "invalid",
    });
    await expect422(fx.octokit.rest.pulls.create({ ...repo, title: "t", head: "main", base: "main" }), {
      resource: "PullRequest",
      code: "custom",
    });
    await fx.octokit.rest.pulls.create({ ...repo, title: "once", head: "feature-2", base: "main" });
    await expect422(
      fx.octokit.rest.pulls.create({ ...repo, title: "twice", head: "feature-2", base: "main" }),
      {
        message: `A pull request already exists for ${OWNER}:feature-2.`,
      },
    );
  });

  it("turns an existing issue into a pull request", async () => {
    const issue = await fx.octokit.rest.issues.create({ ...repo, title: "convert me" });
    const pr = await fx.octokit.rest.pulls.create({
      ...repo,
      issue: issue.data.number,
      head: "feature-3",
      base: "feature",
    });
    expect(pr.data).toMatchObject({ number: issue.data.number, title: "convert me" });
  });
});

describe("reviews", () => {
  let pullNumber = 0;
  beforeAll(async () => {
    const pr = await fx.octokit.rest.pulls.create({
      ...repo,
      title: "review me",
      head: "feature",
      base: "feature-2",
    });
    pullNumber = pr.data.number;
  });

  it("refuses approving or requesting changes on your own pull request", async () => {
    await expect422(
      fx.octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, event: "APPROVE" }),
      "Can not approve your own pull request",
    );
    await expect422(
      fx.octokit.rest.pulls.createReview({
        ...repo,
        pull_number: pullNumber,
        event: "REQUEST_CHANGES",
        body: "no",
      }),
      "Can not request changes on your own pull request",
    );
  });

  it("lets another user approve, and requires a body for REQUEST_CHANGES and COMMENT", async () => {
    const approved = await fx.peerOctokit.rest.pulls.createReview({
      ...repo,
      pull_number: pullNumber,
      event: "APPROVE",
    });
    expect(approved.status).toBe(200);
    expect(approved.data).toMatchObject({
      state: "APPROVED",
      user: { login: "peer-user" },
      commit_id: fakeSha("feature"),
    });
    const noBody = await failure(
      fx.peerOctokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, event: "REQUEST_CHANGES" }),
    );
    expect(noBody.status).toBe(422);
    const noComment = await failure(
      fx.octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, event: "COMMENT" }),
    );
    expect(noComment.status).toBe(422);
    const comment = await fx.octokit.rest.pulls.createReview({
      ...repo,
      pull_number: pullNumber,
      event: "COMMENT",
      body: "ok",
    });
    expect(comment.data.state).toBe("COMMENTED");
  });

  it("keeps one pending review per user and submits it", async () => {
    const pending = await fx.octokit.rest.pulls.createReview({
      ...repo,
      pull_number: pullNumber,
      body: "draft",
      comments: [{ path: "src/a.ts", line: 3, body: "inline" }],
    });
    expect(pending.data).toMatchObject({ state: "PENDING" });
    expect(pending.data.submitted_at).toBeUndefined();
    await expect422(
      fx.octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber }),
      "one pending review",
    );
    const submitted = await fx.octokit.rest.pulls.submitReview({
      ...repo,
      pull_number: pullNumber,
      review_id: pending.data.id,
      event: "COMMENT",
    });
    expect(submitted.data).toMatchObject({ state: "COMMENTED", body: "draft" });
    const all = await fx.octokit.rest.pulls.listReviewComments({ ...repo, pull_number: pullNumber });
    const inline = all.data.filter((c) => c.pull_request_review_id === pending.data.id);
    expect(inline.map((c) => [c.body, c.path, c.line])).toEqual([["inline", "src/a.ts", 3]]);
    const again = await failure(
      fx.octokit.rest.pulls.submitReview({
        ...repo,
        pull_number: pullNumber,
        review_id: pending.data.id,
        event: "COMMENT",
      }),
    );
    expect(again.status).toBe(422);
  });

  it("rejects a review at an unknown commit", async () => {
    await expect422(
      fx.peerOctokit.rest.pulls.createReview({
        ...repo,
        pull_number: pullNumber,
        event: "COMMENT",
        body: "x",
        commit_id: fakeSha("zzz"),
      }),
      { field: "commit_id", code: "invalid" },
    );
  });
});

describe("review comments", () => {
  let pullNumber = 0;
  const head = fakeSha("feature");
  beforeAll(async () => {
    const pr = await fx.octokit.rest.pulls.create({
      ...repo,
      title: "comment me",
      head: "feature",
      base: "feature-3",
    });
    pullNumber = pr.data.number;
  });

  it("creates a line comment and a multi-line comment, each with its own COMMENTED review", async () => {
    const c = await fx.octokit.rest.pulls.createReviewComment({
      ...repo,
      pull_number: pullNumber,
      body: "here",
      commit_id: head,
      path: "src/x.ts",
      line: 10,
      side: "RIGHT",
    });
    expect(c.status).toBe(201);
    expect(c.data).toMatchObject({
      body: "here",
      path: "src/x.ts",
      line: 10,
      side: "RIGHT",
      commit_id: head,
    });
    expect(c.data.in_reply_to_id ?? null).toBeNull();
    expect(c.data.pull_request_review_id).toEqual(expect.any(Number));
    const multi = await fx.octokit.rest.pulls.createReviewComment({
      ...repo,
      pull_number: pullNumber,
      body: "range",
      commit_id: head,
      path: "src/x.ts",
      start_line: 2,
      line: 5,
    });
    expect(multi.data).toMatchObject({ start_line: 2, line: 5 });
    const reviews = await fx.octokit.rest.pulls.listReviews({ ...repo, pull_number: pullNumber });
    expect(reviews.data.map((r) => r.state)).toEqual(["COMMENTED", "COMMENTED"]);
  });

  it("validates commit_id and path", async () => {
    await expect422(
      fx.octokit.rest.pulls.createReviewComment({
        ...repo,
        pull_number: pullNumber,
        body: "x",
        commit_id: fakeSha("?"),
        path: "a",
        line: 1,
      }),
      { field: "commit_id", code: "invalid" },
    );
    await expect422(
      fx.octokit.rest.pulls.createReviewComment({
        ...repo,
        pull_number: pullNumber,
        body: "x",
        commit_id: head,
        path: "",
        line: 1,
      }),
      { field: "path" },
    );
  });

  it("replies to a top-level comment only (in_reply_to and the replies route)", async () => {
    const top = await fx.octokit.rest.pulls.createReviewComment({
      ...repo,
      pull_number: pullNumber,
      body: "top",
      commit_id: head,
      path: "f.txt",
      line: 1,
    });
    const reply = await fx.octokit.rest.pulls.createReviewComment({
      ...repo,
      pull_number: pullNumber,
      body: "reply",
      in_reply_to: top.data.id,
    } as Parameters<typeof fx.octokit.rest.pulls.createReviewComment>[0]);
    expect(reply.data).toMatchObject({ in_reply_to_id: top.data.id, path: "f.txt", line: 1 });
    const viaRoute = await fx.peerOctokit.rest.pulls.createReplyForReviewComment({
      ...repo,
      pull_number: pullNumber,
      comment_id: top.data.id,
      body: "second reply",
    });
    expect(viaRoute.status).toBe(201);
    expect(viaRoute.data).toMatchObject({ in_reply_to_id: top.data.id, user: { login: "peer-user" } });
    await expect422(
      fx.octokit.rest.pulls.createReviewComment({
        ...repo,
        pull_number: pullNumber,
        body: "nested",
        in_reply_to: reply.data.id,
      } as Parameters<typeof fx.octokit.rest.pulls.createReviewComment>[0]),
      { field: "in_reply_to" },
    );
    const missing = await failure(
      fx.octokit.rest.pulls.createReplyForReviewComment({
        ...repo,
        pull_number: pullNumber,
        comment_id: 987654,
        body: "x",
      }),
    );
    expect(missing.status).toBe(404);
  });
});
