import { describe, expect, it } from "vitest";
import type { DatasetName } from "../../../fake-github/data/generate.js";
import { generateDataset } from "../../../fake-github/data/generate.js";
import { createStore } from "../../../fake-github/store/create-store.js";
import { findIssueById } from "../../../fake-github/store/lookup.js";
import type { FakeRepo, FakeStore } from "../../../fake-github/store/types.js";
import { storeSnapshot } from "./store-snapshot.js";

// The table documented in fake-github/data/generate.ts.
const expectedCounts: Record<DatasetName, Record<string, number>> = {
  small: {
    labels: 12,
    milestones: 12,
    issues: 12,
    pulls: 12,
    issueComments: 24,
    prComments: 12,
    reviews: 24,
    reviewComments: 36,
    reviewReplies: 12,
    subIssues: 7,
    releases: 3,
    assets: 6,
    branches: 13,
    otherRepoIssues: 3,
  },
  medium: {
    labels: 30,
    milestones: 15,
    issues: 1000,
    pulls: 300,
    issueComments: 3000,
    prComments: 1000,
    reviews: 600,
    reviewComments: 900,
    reviewReplies: 200,
    subIssues: 295,
    releases: 10,
    assets: 20,
    branches: 301,
    otherRepoIssues: 5,
  },
  large: {
    labels: 30,
    milestones: 15,
    issues: 12000,
    pulls: 3000,
    issueComments: 30000,
    prComments: 10000,
    reviews: 6000,
    reviewComments: 9000,
    reviewReplies: 2000,
    subIssues: 2095,
    releases: 20,
    assets: 40,
    branches: 3001,
    otherRepoIssues: 5,
  },
  skewed: {
    labels: 10,
    milestones: 5,
    issues: 5000,
    pulls: 200,
    issueComments: 40,
    prComments: 20,
    reviews: 200,
    reviewComments: 80,
    reviewReplies: 20,
    subIssues: 39,
    releases: 30,
    assets: 30,
    branches: 201,
    otherRepoIssues: 3,
  },
  tricky: {
    labels: 12,
    milestones: 4,
    issues: 31,
    pulls: 14,
    issueComments: 20,
    prComments: 11,
    reviews: 16,
    reviewComments: 19,
    reviewReplies: 6,
    subIssues: 6,
    releases: 4,
    assets: 9,
    branches: 14,
    otherRepoIssues: 3,
  },
  empty: {
    labels: 0,
    milestones: 0,
    issues: 0,
    pulls: 0,
    issueComments: 0,
    prComments: 0,
    reviews: 0,
    reviewComments: 0,
    reviewReplies: 0,
    subIssues: 0,
    releases: 0,
    assets: 0,
    branches: 1,
    otherRepoIssues: 0,
  },
};

function generate(dataset: DatasetName, seed: number) {
  const store = createStore();
  return { store, ...generateDataset(store, { dataset, seed }) };
}

/** Every numeric id the store hands out, with where it was seen. */
function allIds(store: FakeStore): number[] {
  const ids: number[] = [...store.users.keys()];
  for (const repo of store.repos.values()) {
    ids.push(repo.id);
    for (const l of repo.labels) ids.push(l.id);
    for (const m of repo.milestones) ids.push(m.id);
    for (const i of repo.issues.values()) {
      ids.push(i.id);
      if (i.pull) ids.push(i.pull.id);
    }
    for (const c of repo.comments) ids.push(c.id);
    for (const r of repo.reviews) ids.push(r.id);
    for (const c of repo.reviewComments) ids.push(c.id);
    for (const r of repo.releases) {
      ids.push(r.id);
      for (const a of r.assets) ids.push(a.id);
    }
  }
  return ids;
}

function checkInvariants(store: FakeStore, repo: FakeRepo): void {
  const ids = allIds(store);
  expect(new Set(ids).size).toBe(ids.length);
  const nodeIds = [...repo.issues.values()].map((i) => i.node_id);
  expect(new Set(nodeIds).size).toBe(nodeIds.length);

  const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
  for (const [i, item] of items.entries()) {
    expect(repo.issues.get(item.number)).toBe(item);
    expect(store.issueIndex.get(item.id)?.number).toBe(item.number);
    const prev = items[i - 1];
    if (prev) expect(item.created_at > prev.created_at).toBe(true);
    expect(item.updated_at >= item.created_at).toBe(true);
    if (item.state === "closed") expect(item.closed_at).not.toBeNull();
    if (item.pull) {
      expect(item.pull.head.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(item.pull.base.sha).toMatch(/^[0-9a-f]{40}$/);
      if (item.pull.merged_at) expect(item.pull.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
      expect(item.state_reason).toBeNull();
    }
    for (const child of item.subIssueIds) {
      const where = store.issueIndex.get(child);
      expect(where).toBeDefined();
    }
  }
  // Discussions share the number sequence and come after the issues and pull requests.
  const last = Math.max(items.at(-1)?.number ?? 0, ...repo.discussions.map((d) => d.number));
  if (items.length > 0) expect(repo.nextIssueNumber).toBe(last + 1);

  const byId = new Map(repo.reviewComments.map((c) => [c.id, c]));
  const reviewIds = new Set(repo.reviews.map((r) => r.id));
  for (const c of repo.reviewComments) {
    expect(repo.issues.get(c.pull_number)?.pull).toBeTruthy();
    if (c.pull_request_review_id !== null) expect(reviewIds.has(c.pull_request_review_id)).toBe(true);
    if (c.in_reply_to_id !== null) {
      const parent = byId.get(c.in_reply_to_id);
      expect(parent?.pull_number).toBe(c.pull_number);
      expect(parent?.in_reply_to_id).toBeNull();
    }
  }
  for (const c of repo.comments) {
    const issue = repo.issues.get(c.issue_number);
    expect(issue).toBeDefined();
    expect(c.created_at >= (issue?.created_at ?? "")).toBe(true);
  }
}

describe("generateDataset", () => {
  it.each(["small", "medium", "skewed", "tricky", "empty"] as const)(
    "%s: counts match the documented table for two seeds, invariants hold",
    (dataset) => {
      for (const seed of [1, 42]) {
        const { store, repo, counts } = generate(dataset, seed);
        expect(counts).toEqual(expectedCounts[dataset]);
        checkInvariants(store, repo);
      }
    },
  );

  it("large: generates the documented counts (a few seconds at most)", () => {
    const { store, repo, counts } = generate("large", 7);
    expect(counts).toEqual(expectedCounts.large);
    expect(new Set(allIds(store)).size).toBe(allIds(store).length);
    expect(repo.issues.size).toBe(15000);
  });

  it("is deterministic: same seed ⇒ identical store, different seed ⇒ different store", () => {
    for (const dataset of ["small", "tricky", "medium"] as const) {
      const a = storeSnapshot(generate(dataset, 3).store);
      const b = storeSnapshot(generate(dataset, 3).store);
      const c = storeSnapshot(generate(dataset, 4).store);
      expect(a === b).toBe(true);
      expect(a === c).toBe(false);
    }
  });

  it("creates the owner organisation, a second repo and an admin token", () => {
    const { store, repo, owner, token, tokenUser, otherRepo } = generate("small", 9);
    expect(owner).toMatchObject({ login: "octo-org", type: "Organization" });
    expect(repo.ownerLogin).toBe("octo-org");
    expect(repo.name).toBe("sample");
    expect(otherRepo.ownerLogin).toBe("octo-org");
    expect(token.length).toBeGreaterThanOrEqual(36);
    expect(token.startsWith("ghp_fake_9_")).toBe(true);
    expect(store.tokens.get(token)).toEqual({
      userId: tokenUser.id,
      read: "*",
      write: "*",
      createRepos: true,
      importApi: true,
    });
    expect(generate("small", 10).token).not.toBe(token);
  });

  it("honours owner and repo names", () => {
    const store = createStore();
    const { repo } = generateDataset(store, { dataset: "small", owner: "acme", repo: "widgets" });
    expect(store.repos.get("acme/widgets")).toBe(repo);
    expect(store.repos.has("acme/widgets-tools")).toBe(true);
  });

  it("interleaves issues and PRs in one number sequence, with labels, milestones and assignees on both", () => {
    const { repo } = generate("medium", 2);
    const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
    expect(items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
    let switches = 0;
    for (let i = 1; i < items.length; i++) if (!!items[i]?.pull !== !!items[i - 1]?.pull) switches++;
    expect(switches).toBeGreaterThan(100);
    for (const kind of [true, false]) {
      const some = items.filter((i) => !!i.pull === kind);
      expect(some.some((i) => i.labelIds.length > 0)).toBe(true);
      expect(some.some((i) => i.milestoneNumber !== null)).toBe(true);
      expect(some.some((i) => i.assigneeIds.length > 0)).toBe(true);
    }
  });

  it("medium: comments on issues and PRs, ~2 reviews and ~3 review comments per PR, a 100-child parent", () => {
    const { store, repo } = generate("medium", 1);
    const pulls = [...repo.issues.values()].filter((i) => i.pull);
    expect(repo.reviews.length / pulls.length).toBeCloseTo(2, 5);
    expect(repo.reviewComments.length / pulls.length).toBeCloseTo(3, 5);
    const parents = [...repo.issues.values()].filter((i) => i.subIssueIds.length > 0);
    expect(parents.some((p) => p.subIssueIds.length === 100)).toBe(true);
    const roots = parents.filter((p) => p.parentId === null);
    expect(roots).toHaveLength(50);
    // Up to three levels: some grandchild exists, no great-grandchild.
    const depth = (id: number): number => {
      const found = findIssueById(store, id)?.issue;
      return found?.parentId ? 1 + depth(found.parentId) : 1;
    };
    const leafDepths = [...repo.issues.values()].filter((i) => i.parentId !== null).map((i) => depth(i.id));
    expect(Math.max(...leafDepths)).toBe(3);
    expect(repo.releases.every((r) => r.assets.length > 0)).toBe(true);
  });

  it("has a deleted user's records (userId null) in every non-empty dataset", () => {
    for (const dataset of ["small", "medium", "skewed", "tricky"] as const) {
      const { repo } = generate(dataset, 1);
      const nullAuthors =
        [...repo.issues.values()].filter((i) => i.userId === null).length +
        repo.comments.filter((c) => c.userId === null).length +
        repo.reviews.filter((r) => r.userId === null).length;
      expect(nullAuthors, dataset).toBeGreaterThan(0);
    }
  });
});
