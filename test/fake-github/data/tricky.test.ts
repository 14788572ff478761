import { describe, expect, it } from "vitest";
import { generateDataset } from "../../../fake-github/data/generate.js";
import { longBodyLength, trickyAssetNames } from "../../../fake-github/data/generate-tricky.js";
import { createStore } from "../../../fake-github/store/create-store.js";
import { findIssueById } from "../../../fake-github/store/lookup.js";
import type { FakeIssue } from "../../../fake-github/store/types.js";

describe("the tricky dataset", () => {
  const store = createStore();
  const { repo, otherRepo } = generateDataset(store, { dataset: "tricky", seed: 11 });
  const items = [...repo.issues.values()];
  const issues = items.filter((i) => !i.pull);
  const pulls = items.filter((i) => i.pull);
  const bodies = [...items.map((i) => i.body ?? ""), ...repo.comments.map((c) => c.body)];

  it("has Unicode and emoji titles, an exactly 65,536-character body, CRLF, mentions and references", () => {
    expect(
      items.some((i) => /[\u3040-\u30ff]/.test(i.title) && /\p{Extended_Pictographic}/u.test(i.title)),
    ).toBe(true);
    expect(items.some((i) => /\u200d/.test(i.title))).toBe(true);
    expect(items.filter((i) => i.body?.length === longBodyLength)).toHaveLength(1);
    expect(Math.max(...items.map((i) => i.body?.length ?? 0))).toBe(longBodyLength);
    expect(bodies.some((b) => b.includes("\r\n"))).toBe(true);
    expect(bodies.some((b) => /(^|\s)@[a-z]/.test(b))).toBe(true);
    expect(bodies.some((b) => /#\d+/.test(b))).toBe(true);
    expect(items.some((i) => i.body === "")).toBe(true);
    expect(items.some((i) => i.body === null)).toBe(true);
  });

  it("has labels with spaces, colons and emoji", () => {
    const names = repo.labels.map((l) => l.name);
    expect(names.some((n) => n.includes(" "))).toBe(true);
    expect(names.some((n) => n.includes(":"))).toBe(true);
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
  });

  it("has deleted-user records of every kind", () => {
    expect(issues.some((i) => i.userId === null)).toBe(true);
    expect(pulls.some((i) => i.userId === null)).toBe(true);
    expect(repo.comments.some((c) => c.userId === null)).toBe(true);
    expect(repo.reviews.some((r) => r.userId === null)).toBe(true);
    expect(repo.releases.some((r) => r.authorId === null)).toBe(true);
    expect(repo.milestones.some((m) => m.creatorId === null)).toBe(true);
  });

  it("locks issues with each reason and uses every state_reason", () => {
    const lockReasons = new Set(items.filter((i) => i.locked).map((i) => i.active_lock_reason));
    expect(lockReasons).toEqual(new Set(["off-topic", "too heated", "resolved", "spam", null]));
    const pairs = new Set(issues.map((i) => `${i.state}:${i.state_reason}`));
    for (const reason of ["completed", "not_planned", "duplicate"])
      expect(pairs.has(`closed:${reason}`)).toBe(true);
    expect(pairs.has("open:reopened")).toBe(true);
    expect(pairs.has("open:null")).toBe(true);
    expect(pairs.has("closed:null")).toBe(true);
  });

  it("has merged, closed-unmerged and draft PRs and one whose head branch is gone", () => {
    expect(pulls.some((p) => p.pull?.merged_at !== null && p.state === "closed")).toBe(true);
    expect(pulls.some((p) => p.pull?.merged_at === null && p.state === "closed")).toBe(true);
    expect(pulls.some((p) => p.pull?.draft && p.state === "open")).toBe(true);
    const orphan = pulls.find((p) => p.pull?.head.repoFullName === null);
    expect(orphan).toBeDefined();
    expect(repo.branches.has(orphan?.pull?.head.ref ?? "")).toBe(false);
    for (const p of pulls)
      if (p !== orphan) expect(repo.branches.get(p.pull?.head.ref ?? "")).toBe(p.pull?.head.sha);
  });

  it("has review threads with replies, every review state and edited comments", () => {
    const replies = repo.reviewComments.filter((c) => c.in_reply_to_id !== null);
    expect(replies.length).toBeGreaterThan(0);
    const threadSizes = new Map<number, number>();
    for (const r of replies)
      threadSizes.set(r.in_reply_to_id ?? 0, (threadSizes.get(r.in_reply_to_id ?? 0) ?? 0) + 1);
    expect(Math.max(...threadSizes.values())).toBeGreaterThanOrEqual(2);
    expect(repo.reviewComments.some((c) => c.start_line !== null)).toBe(true);
    expect(new Set(repo.reviews.map((r) => r.state))).toEqual(
      new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]),
    );
    expect(repo.comments.some((c) => c.updated_at > c.created_at)).toBe(true);
    expect(repo.reviewComments.some((c) => c.updated_at > c.created_at)).toBe(true);
  });

  it("skips deleted numbers", () => {
    const numbers = items.map((i) => i.number).sort((a, b) => a - b);
    for (const gap of [4, 7, 8, 15]) expect(numbers).not.toContain(gap);
    expect(numbers.at(-1)).toBe(numbers.length + 4);
  });

  it("has a 3-level sub-issue tree and a child in the owner's other repository", () => {
    const depthOf = (issue: FakeIssue): number =>
      issue.parentId === null ? 1 : 1 + depthOf(findIssueById(store, issue.parentId)?.issue as FakeIssue);
    expect(Math.max(...issues.map(depthOf))).toBe(3);
    const foreign = [...otherRepo.issues.values()].find((i) => i.parentId !== null);
    expect(foreign).toBeDefined();
    expect(findIssueById(store, foreign?.parentId ?? 0)?.repo).toBe(repo);
  });

  it("has release assets with hostile names, an empty asset and a draft release", () => {
    const names = repo.releases.flatMap((r) => r.assets.map((a) => a.name));
    for (const name of trickyAssetNames) expect(names).toContain(name);
    expect(names.some((n) => n.includes(" "))).toBe(true);
    expect(names.some((n) => n.includes("../"))).toBe(true);
    expect(names.some((n) => n.startsWith("/"))).toBe(true);
    expect(names).toContain("CON");
    expect(repo.releases.flatMap((r) => r.assets).some((a) => a.data.length === 0)).toBe(true);
    expect(repo.releases.some((r) => r.draft && r.published_at === null)).toBe(true);
    expect(repo.releases.some((r) => r.tag_name.includes("/"))).toBe(true);
  });
});
