import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { failure, octokitFor } from "./helpers.js";

let fake: FakeGitHub;
let data: FakeRepo;
let owner: string;
let repo: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 3 });
  if (!fake.dataset) throw new Error("no dataset");
  data = fake.dataset.repo;
  owner = data.ownerLogin;
  repo = data.name;
});
afterAll(() => fake.close());

const ascending = (values: string[]) => [...values].sort();

describe("issues list filters", () => {
  it("state defaults to open; closed and all select accordingly", async () => {
    const octokit = octokitFor(fake);
    const all = [...data.issues.values()];
    const open = await octokit.paginate("GET /repos/{owner}/{repo}/issues", { owner, repo, per_page: 100 });
    expect(open.map((i) => i.number).sort((a, b) => a - b)).toEqual(
      all.filter((i) => i.state === "open").map((i) => i.number),
    );
    const closed = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "closed",
      per_page: 100,
    });
    expect(closed.every((i) => i.state === "closed")).toBe(true);
    expect(open.length + closed.length).toBe(all.length);
  });

  it("sorts by updated in either direction", async () => {
    const octokit = octokitFor(fake);
    const asc = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      sort: "updated",
      direction: "asc",
      per_page: 4,
    });
    const updated = asc.map((i) => i.updated_at);
    expect(updated).toEqual(ascending(updated));
    const desc = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      sort: "updated",
      direction: "desc",
      per_page: 4,
    });
    expect(desc.map((i) => i.number)).toEqual(asc.map((i) => i.number).reverse());
  });

  it("sorts by comment count", async () => {
    const octokit = octokitFor(fake);
    const res = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      sort: "comments",
      per_page: 5,
    });
    const counts = res.map((i) => i.comments);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("since keeps issues updated at or after the instant", async () => {
    const octokit = octokitFor(fake);
    const times = ascending([...data.issues.values()].map((i) => i.updated_at));
    const since = times[Math.floor(times.length / 2)] ?? "";
    const res = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      since,
      per_page: 100,
    });
    expect(res.length).toBe(times.filter((t) => t >= since).length);
    expect(res.every((i) => i.updated_at >= since)).toBe(true);
    const bad = await failure(
      octokit.request("GET /repos/{owner}/{repo}/issues", { owner, repo, since: "yesterday" }),
    );
    expect(bad.status).toBe(422);
  });

  it("filters by labels and milestone", async () => {
    const octokit = octokitFor(fake);
    const labelled = [...data.issues.values()].find((i) => i.labelIds.length > 0);
    const label = data.labels.find((l) => l.id === labelled?.labelIds[0]);
    if (!label) throw new Error("dataset has no labelled issue");
    const byLabel = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      labels: label.name,
      per_page: 100,
    });
    expect(byLabel.length).toBe(
      [...data.issues.values()].filter((i) => i.labelIds.includes(label.id)).length,
    );

    const withMilestone = [...data.issues.values()].find((i) => i.milestoneNumber !== null);
    const number = withMilestone?.milestoneNumber ?? 0;
    const byMilestone = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      milestone: String(number),
      per_page: 100,
    });
    expect(byMilestone.length).toBe(
      [...data.issues.values()].filter((i) => i.milestoneNumber === number).length,
    );
    const none = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      milestone: "none",
      per_page: 100,
    });
    expect(none.every((i) => i.milestone === null)).toBe(true);
  });

  it("sees writes made after a cached walk (new state, new order)", async () => {
    const octokit = octokitFor(fake);
    const before = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "open",
      per_page: 100,
    });
    const target = [...data.issues.values()].find((i) => i.state === "open");
    if (!target) throw new Error("no open issue");
    target.state = "closed";
    target.updated_at = "2099-01-01T00:00:00Z";
    try {
      const after = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
        owner,
        repo,
        state: "open",
        per_page: 100,
      });
      expect(after.length).toBe(before.length - 1);
      const newest = await octokit.request("GET /repos/{owner}/{repo}/issues", {
        owner,
        repo,
        state: "all",
        sort: "updated",
        per_page: 1,
      });
      expect(newest.data[0]?.number).toBe(target.number);
    } finally {
      target.state = "open";
    }
  });
});

describe("other list filters", () => {
  it("milestones: state defaults to open; sort due_on ascending by default", async () => {
    const octokit = octokitFor(fake);
    const open = await octokit.paginate("GET /repos/{owner}/{repo}/milestones", { owner, repo });
    expect(open.length).toBe(data.milestones.filter((m) => m.state === "open").length);
    const all = await octokit.paginate("GET /repos/{owner}/{repo}/milestones", { owner, repo, state: "all" });
    expect(all.length).toBe(data.milestones.length);
    const due = all.map((m) => m.due_on).filter((d): d is string => d !== null);
    expect(due).toEqual(ascending(due));
  });

  it("pulls: state, base and head filters", async () => {
    const octokit = octokitFor(fake);
    const pulls = [...data.issues.values()].filter((i) => i.pull);
    const all = await octokit.paginate("GET /repos/{owner}/{repo}/pulls", { owner, repo, state: "all" });
    expect(all.length).toBe(pulls.length);
    const closed = await octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
      owner,
      repo,
      state: "closed",
    });
    expect(closed.length).toBe(pulls.filter((p) => p.state === "closed").length);
    const sample = pulls[0]?.pull;
    if (!sample) throw new Error("no pull");
    const byBase = await octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
      owner,
      repo,
      state: "all",
      base: sample.base.ref,
    });
    expect(byBase.length).toBe(pulls.filter((p) => p.pull?.base.ref === sample.base.ref).length);
    const byHead = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
      owner,
      repo,
      state: "all",
      head: `${owner}:${sample.head.ref}`,
    });
    expect(byHead.data.map((p) => p.head.ref)).toContain(sample.head.ref);
    expect(byHead.data.every((p) => p.head.ref === sample.head.ref)).toBe(true);
  });

  it("repo-wide comments: ascending id by default, sort=updated with direction, since", async () => {
    const octokit = octokitFor(fake);
    const byId = await octokit.paginate("GET /repos/{owner}/{repo}/issues/comments", {
      owner,
      repo,
      per_page: 10,
    });
    expect(byId.map((c) => c.id)).toEqual(data.comments.map((c) => c.id).sort((a, b) => a - b));
    const desc = await octokit.paginate("GET /repos/{owner}/{repo}/issues/comments", {
      owner,
      repo,
      sort: "updated",
      direction: "desc",
      per_page: 10,
    });
    const updated = desc.map((c) => c.updated_at);
    expect(updated).toEqual(ascending(updated).reverse());
    const since = ascending(data.comments.map((c) => c.updated_at))[5] ?? "";
    const recent = await octokit.paginate("GET /repos/{owner}/{repo}/issues/comments", {
      owner,
      repo,
      since,
      per_page: 10,
    });
    expect(recent.length).toBe(data.comments.filter((c) => c.updated_at >= since).length);
  });
});
