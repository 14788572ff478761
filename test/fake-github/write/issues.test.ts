import { describe, expect, it } from "vitest";
import { expect422, failure, OWNER, REPO, sendRaw, useWriteFixture } from "./setup.js";

const fx = useWriteFixture();
const repo = { owner: OWNER, repo: REPO };

describe("issue creation", () => {
  it("creates an issue with labels (unknown ones created), milestone and assignees", async () => {
    const milestone = await fx.octokit.rest.issues.createMilestone({ ...repo, title: "m1" });
    await fx.octokit.rest.issues.createLabel({ ...repo, name: "known", color: "abcdef" });
    const created = await fx.octokit.rest.issues.create({
      ...repo,
      title: "First",
      body: "text",
      labels: ["known", "brand-new"],
      milestone: milestone.data.number,
      assignees: ["peer-user", OWNER],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      title: "First",
      body: "text",
      state: "open",
      state_reason: null,
      locked: false,
      user: { login: OWNER },
      author_association: "OWNER",
      milestone: { number: milestone.data.number },
    });
    expect(created.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual([
      "known",
      "brand-new",
    ]);
    expect(created.data.assignees?.map((a) => a.login)).toEqual(["peer-user", OWNER]);
    const newLabel = await fx.octokit.rest.issues.getLabel({ ...repo, name: "brand-new" });
    expect(newLabel.data.color).toBe("ededed");
  });

  it("takes the next number of the shared issue/PR sequence", async () => {
    const a = await fx.octokit.rest.issues.create({ ...repo, title: "a" });
    const pr = await fx.octokit.rest.pulls.create({ ...repo, title: "p", head: "feature", base: "main" });
    const b = await fx.octokit.rest.issues.create({ ...repo, title: "b" });
    expect(pr.data.number).toBe(a.data.number + 1);
    expect(b.data.number).toBe(a.data.number + 2);
  });

  it("rejects an unknown milestone, a missing title and a login that cannot be assigned", async () => {
    await expect422(fx.octokit.rest.issues.create({ ...repo, title: "x", milestone: 999 }), {
      resource: "Issue",
      code: "invalid",
      field: "milestone",
    });
    await expect422(sendRaw(fx.octokit, "POST /repos/{owner}/{repo}/issues", { ...repo, body: "no title" }), {
      resource: "Issue",
      code: "missing_field",
      field: "title",
    });
    await expect422(fx.octokit.rest.issues.create({ ...repo, title: "x", assignees: ["outsider"] }), {
      resource: "Issue",
      code: "invalid",
      field: "assignees",
      value: "outsider",
    });
    await expect422(fx.octokit.rest.issues.create({ ...repo, title: "x", assignees: ["nobody-at-all"] }), {
      field: "assignees",
    });
  });

  it("leaves nothing behind when a create is rejected", async () => {
    const before = fx.repo.nextIssueNumber;
    await failure(
      fx.octokit.rest.issues.create({ ...repo, title: "x", milestone: 999, labels: ["ghost-label"] }),
    );
    expect(fx.repo.nextIssueNumber).toBe(before);
    expect(fx.repo.labels.some((l) => l.name === "ghost-label")).toBe(false);
  });
});

describe("issue update", () => {
  it("round-trips state_reason, applying it only when the state changes", async () => {
    const { data: issue } = await fx.octokit.rest.issues.create({ ...repo, title: "to close" });
    const n = issue.number;
    const closed = await fx.octokit.rest.issues.update({
      ...repo,
      issue_number: n,
      state: "closed",
      state_reason: "not_planned",
    });
    expect(closed.data).toMatchObject({
      state: "closed",
      state_reason: "not_planned",
      closed_by: { login: OWNER },
    });
    expect(closed.data.closed_at).toEqual(expect.any(String));

    // No state change: the reason is ignored.
    const same = await fx.octokit.rest.issues.update({ ...repo, issue_number: n, state_reason: "duplicate" });
    expect(same.data.state_reason).toBe("not_planned");

    const reopened = await fx.octokit.rest.issues.update({ ...repo, issue_number: n, state: "open" });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });

    const dup = await fx.octokit.rest.issues.update({
      ...repo,
      issue_number: n,
      state: "closed",
      state_reason: "duplicate",
    });
    expect(dup.data.state_reason).toBe("duplicate");
    const fetched = await fx.octokit.rest.issues.get({ ...repo, issue_number: n });
    expect(fetched.data.state_reason).toBe("duplicate");

    const plain = await fx.octokit.rest.issues.create({ ...repo, title: "plain close" });
    const done = await fx.octokit.rest.issues.update({
      ...repo,
      issue_number: plain.data.number,
      state: "closed",
    });
    expect(done.data.state_reason).toBe("completed");

    // An explicit null closes without a reason, as issues closed before reasons existed are.
    const old = await fx.octokit.rest.issues.create({ ...repo, title: "closed without a reason" });
    const bare = await fx.octokit.rest.issues.update({
      ...repo,
      issue_number: old.data.number,
      state: "closed",
      state_reason: null,
    });
    expect(bare.data).toMatchObject({ state: "closed", state_reason: null });
  });

  it("replaces labels and assignees, clears the milestone with null, edits title and body", async () => {
    const m = await fx.octokit.rest.issues.createMilestone({ ...repo, title: "m-upd" });
    const { data: issue } = await fx.octokit.rest.issues.create({
      ...repo,
      title: "old",
      labels: ["l1"],
      assignees: [OWNER],
      milestone: m.data.number,
    });
    const updated = await fx.octokit.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      title: "new",
      body: "b",
      labels: ["l2"],
      assignees: [],
      milestone: null,
    });
    expect(updated.data).toMatchObject({ title: "new", body: "b", milestone: null, assignees: [] });
    expect(updated.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["l2"]);
  });

  it("rejects an invalid state_reason and answers 404 for an unknown issue", async () => {
    const { data: issue } = await fx.octokit.rest.issues.create({ ...repo, title: "r" });
    const bad = await failure(
      sendRaw(fx.octokit, "PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: issue.number,
        state: "closed",
        state_reason: "because",
      }),
    );
    expect(bad.status).toBe(422);
    expect(
      (await failure(fx.octokit.rest.issues.update({ ...repo, issue_number: 9999, title: "x" }))).status,
    ).toBe(404);
  });
});

describe("lock and unlock", () => {
  it("locks with a reason and unlocks", async () => {
    const { data: issue } = await fx.octokit.rest.issues.create({ ...repo, title: "heated" });
    const locked = await fx.octokit.rest.issues.lock({
      ...repo,
      issue_number: issue.number,
      lock_reason: "too heated",
    });
    expect(locked.status).toBe(204);
    let got = await fx.octokit.rest.issues.get({ ...repo, issue_number: issue.number });
    expect(got.data).toMatchObject({ locked: true, active_lock_reason: "too heated" });

    const unlocked = await fx.octokit.rest.issues.unlock({ ...repo, issue_number: issue.number });
    expect(unlocked.status).toBe(204);
    got = await fx.octokit.rest.issues.get({ ...repo, issue_number: issue.number });
    expect(got.data).toMatchObject({ locked: false, active_lock_reason: null });
  });

  it("locks without a body, and rejects an unknown reason", async () => {
    const { data: issue } = await fx.octokit.rest.issues.create({ ...repo, title: "quiet" });
    await fx.octokit.rest.issues.lock({ ...repo, issue_number: issue.number });
    const got = await fx.octokit.rest.issues.get({ ...repo, issue_number: issue.number });
    expect(got.data).toMatchObject({ locked: true, active_lock_reason: null });
    const bad = await failure(
      sendRaw(fx.octokit, "PUT /repos/{owner}/{repo}/issues/{issue_number}/lock", {
        ...repo,
        issue_number: issue.number,
        lock_reason: "boring",
      }),
    );
    expect(bad.status).toBe(422);
  });
});

describe("issue comments", () => {
  it("creates and edits a comment", async () => {
    const { data: issue } = await fx.octokit.rest.issues.create({ ...repo, title: "talk" });
    const c = await fx.octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "hello",
    });
    expect(c.status).toBe(201);
    expect(c.data).toMatchObject({ body: "hello", user: { login: OWNER }, author_association: "OWNER" });
    const edited = await fx.octokit.rest.issues.updateComment({
      ...repo,
      comment_id: c.data.id,
      body: "edited",
    });
    expect(edited.data.body).toBe("edited");
    const list = await fx.octokit.rest.issues.listComments({ ...repo, issue_number: issue.number });
    expect(list.data.map((x) => x.body)).toEqual(["edited"]);
  });

  it("answers 404 for an unknown issue and 422 for an empty body", async () => {
    expect(
      (await failure(fx.octokit.rest.issues.createComment({ ...repo, issue_number: 9999, body: "x" })))
        .status,
    ).toBe(404);
    const { data: issue } = await fx.octokit.rest.issues.create({ ...repo, title: "t" });
    await expect422(fx.octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: "" }), {
      code: "missing_field",
      field: "body",
    });
  });
});
