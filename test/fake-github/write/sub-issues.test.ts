import { describe, expect, it } from "vitest";
import { findRepo } from "../../../fake-github/store/create-store.js";
import { createIssue } from "../../../fake-github/store/mutations/issues.js";
import { addSubIssue } from "../../../fake-github/store/mutations/sub-issues.js";
import type { FakeIssue } from "../../../fake-github/store/types.js";
import { expect422, failure, OWNER, REPO, useWriteFixture } from "./setup.js";

const fx = useWriteFixture();
const repo = { owner: OWNER, repo: REPO };

/** Seeds an issue straight into the store (keeps the big cases to one HTTP call). */
function seedIssue(title: string, repoName = REPO, owner = OWNER): FakeIssue {
  const target = findRepo(fx.store, owner, repoName);
  if (!target) throw new Error(`no repo ${owner}/${repoName}`);
  return createIssue(fx.store, target, fx.admin, { title });
}

async function newIssue(title: string) {
  return (await fx.octokit.rest.issues.create({ ...repo, title })).data;
}

function addSub(parentNumber: number, subIssueId: number, replaceParent?: boolean) {
  return fx.octokit.rest.issues.addSubIssue({
    ...repo,
    issue_number: parentNumber,
    sub_issue_id: subIssueId,
    ...(replaceParent === undefined ? {} : { replace_parent: replaceParent }),
  });
}

describe("adding sub-issues", () => {
  it("links a child by its id and answers 201 with the parent", async () => {
    const parent = await newIssue("parent");
    const child = await newIssue("child");
    const res = await addSub(parent.number, child.id);
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ number: parent.number, sub_issues_summary: { total: 1 } });
    const list = await fx.octokit.rest.issues.listSubIssues({ ...repo, issue_number: parent.number });
    expect(list.data.map((i) => i.number)).toEqual([child.number]);
    const parentOf = await fx.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/parent", {
      ...repo,
      issue_number: child.number,
    });
    expect(parentOf.data.number).toBe(parent.number);
  });

  it("rejects an issue number passed where the id belongs", async () => {
    const parent = await newIssue("p-num");
    const child = await newIssue("c-num");
    await expect422(addSub(parent.number, child.number), { resource: "Issue", field: "sub_issue_id" });
  });

  it("rejects a child that already has a parent unless replace_parent is set", async () => {
    const first = await newIssue("first parent");
    const second = await newIssue("second parent");
    const child = await newIssue("moving child");
    await addSub(first.number, child.id);
    await expect422(addSub(second.number, child.id), { field: "sub_issue_id", code: "custom" });
    const moved = await addSub(second.number, child.id, true);
    expect(moved.status).toBe(201);
    const old = await fx.octokit.rest.issues.listSubIssues({ ...repo, issue_number: first.number });
    expect(old.data).toEqual([]);
  });

  it("rejects the 101st child", async () => {
    const parent = seedIssue("big parent");
    const target = fx.repo;
    for (let i = 0; i < 100; i++)
      addSubIssue(fx.store, target, parent.number, seedIssue(`kid ${i}`).id, false);
    const extra = seedIssue("one too many");
    await expect422(addSub(parent.number, extra.id), { resource: "Issue", field: "sub_issue_id" });
    expect(parent.subIssueIds).toHaveLength(100);
  });

  it("accepts 8 levels and rejects a 9th", async () => {
    const chain = [seedIssue("level 1")];
    for (let level = 2; level <= 8; level++) {
      const child = seedIssue(`level ${level}`);
      const parent = chain.at(-1) as FakeIssue;
      expect((await addSub(parent.number, child.id)).status).toBe(201);
      chain.push(child);
    }
    const ninth = seedIssue("level 9");
    await expect422(addSub((chain.at(-1) as FakeIssue).number, ninth.id), { field: "sub_issue_id" });
    // Depth counts the child's own subtree too: a 2-level subtree under level 7 is too deep.
    const subRoot = seedIssue("subtree root");
    addSubIssue(fx.store, fx.repo, subRoot.number, seedIssue("subtree leaf").id, false);
    await expect422(addSub((chain[6] as FakeIssue).number, subRoot.id), { field: "sub_issue_id" });
    expect((await addSub((chain[5] as FakeIssue).number, subRoot.id)).status).toBe(201);
  });

  it("rejects a cycle", async () => {
    const a = await newIssue("cycle a");
    const b = await newIssue("cycle b");
    await addSub(a.number, b.id);
    await expect422(addSub(b.number, a.id), { field: "sub_issue_id" });
    await expect422(addSub(a.number, a.id), { field: "sub_issue_id" });
  });

  it("accepts a child from another repository of the same owner, not of another owner", async () => {
    const parent = await newIssue("cross parent");
    const sibling = seedIssue("in sibling", "sibling");
    const res = await addSub(parent.number, sibling.id);
    expect(res.status).toBe(201);
    const list = await fx.octokit.rest.issues.listSubIssues({ ...repo, issue_number: parent.number });
    expect(list.data[0]?.repository_url).toMatch(/\/repos\/octo-admin\/sibling$/);
    const foreign = seedIssue("elsewhere", "elsewhere", "other-org");
    await expect422(addSub(parent.number, foreign.id), { field: "sub_issue_id" });
  });

  it("rejects a pull request as a child", async () => {
    const parent = await newIssue("pr parent");
    const pr = await fx.octokit.rest.pulls.create({ ...repo, title: "pr", head: "feature-3", base: "main" });
    const prIssue = await fx.octokit.rest.issues.get({ ...repo, issue_number: pr.data.number });
    await expect422(addSub(parent.number, prIssue.data.id), { field: "sub_issue_id" });
  });
});

describe("removing and reordering sub-issues", () => {
  it("removes a child (DELETE .../sub_issue) and answers with the child", async () => {
    const parent = await newIssue("rm parent");
    const child = await newIssue("rm child");
    await addSub(parent.number, child.id);
    const res = await fx.octokit.rest.issues.removeSubIssue({
      ...repo,
      issue_number: parent.number,
      sub_issue_id: child.id,
    });
    expect(res.status).toBe(200);
    expect(res.data.number).toBe(child.number);
    const list = await fx.octokit.rest.issues.listSubIssues({ ...repo, issue_number: parent.number });
    expect(list.data).toEqual([]);
    const again = await failure(
      fx.octokit.rest.issues.removeSubIssue({ ...repo, issue_number: parent.number, sub_issue_id: child.id }),
    );
    expect(again.status).toBe(404);
  });

  it("moves a child after or before another", async () => {
    const parent = await newIssue("order parent");
    const kids = [await newIssue("k1"), await newIssue("k2"), await newIssue("k3")];
    for (const k of kids) await addSub(parent.number, k.id);
    const [k1, k2, k3] = kids as [(typeof kids)[0], (typeof kids)[0], (typeof kids)[0]];
    const order = async () =>
      (await fx.octokit.rest.issues.listSubIssues({ ...repo, issue_number: parent.number })).data.map(
        (i) => i.id,
      );

    const r1 = await fx.octokit.rest.issues.reprioritizeSubIssue({
      ...repo,
      issue_number: parent.number,
      sub_issue_id: k1.id,
      after_id: k3.id,
    });
    expect(r1.status).toBe(200);
    expect(await order()).toEqual([k2.id, k3.id, k1.id]);
    await fx.octokit.rest.issues.reprioritizeSubIssue({
      ...repo,
      issue_number: parent.number,
      sub_issue_id: k3.id,
      before_id: k2.id,
    });
    expect(await order()).toEqual([k3.id, k2.id, k1.id]);
    const bad = await failure(
      fx.octokit.rest.issues.reprioritizeSubIssue({
        ...repo,
        issue_number: parent.number,
        sub_issue_id: k3.id,
        after_id: 123456789,
      }),
    );
    expect(bad.status).toBe(422);
  });
});
