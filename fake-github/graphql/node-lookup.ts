// `node(id:)`: global ids back to objects. Store records keep GitHub's node
// ids; review threads, commits and refs (which the store does not hold as
// records) get ids derived here. The id → object index is built once per store
// and rebuilt when an id misses or points at a removed object.
import type { FakeRepo, FakeStore } from "../store/types.js";
import { canRead, type GqlContext } from "./context.js";
import {
  assetSrc,
  type CommitSrc,
  commitSrc,
  discussionCategorySrc,
  discussionCommentSrc,
  discussionSrc,
  issueCommentSrc,
  issueSrc,
  labelSrc,
  milestoneSrc,
  type NodeSrc,
  type RefSrc,
  refSrc,
  releaseSrc,
  repoSrc,
  reviewCommentSrc,
  reviewSrc,
  threadSrc,
  userSrc,
} from "./sources.js";

interface Located {
  repo: FakeRepo | null;
  make(): NodeSrc;
  /** False once the object left the store (the index is then rebuilt). */
  alive(): boolean;
}

const indexes = new WeakMap<FakeStore, Map<string, Located>>();

function encodePart(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

function decodeDerived(prefix: string, nodeId: string): { repoId: number; rest: string } | null {
  if (!nodeId.startsWith(prefix)) return null;
  const text = Buffer.from(nodeId.slice(prefix.length), "base64url").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  const repoId = Number(text.slice(0, colon));
  return Number.isSafeInteger(repoId) ? { repoId, rest: text.slice(colon + 1) } : null;
}

export function threadNodeId(rootCommentId: number): string {
  return `PRRT_kwDO${encodePart(String(rootCommentId))}`;
}

export function commitNodeId(repo: FakeRepo, oid: string): string {
  return `C_kwDO${encodePart(`${repo.id}:${oid}`)}`;
}

export function refNodeId(repo: FakeRepo, name: string): string {
  return `REF_kwDO${encodePart(`${repo.id}:${name}`)}`;
}

function buildIndex(store: FakeStore): Map<string, Located> {
  const index = new Map<string, Located>();
  for (const user of store.users.values()) {
    index.set(user.node_id, {
      repo: null,
      make: () => userSrc(user),
      alive: () => store.users.get(user.id) === user,
    });
  }
  for (const [key, repo] of store.repos) {
    const repoAlive = () => store.repos.get(key) === repo;
    const add = (nodeId: string, make: () => NodeSrc, alive: () => boolean) =>
      index.set(nodeId, { repo, make, alive: () => repoAlive() && alive() });
    add(
      repo.node_id,
      () => repoSrc(repo),
      () => true,
    );
    for (const label of repo.labels)
      add(
        label.node_id,
        () => labelSrc(repo, label),
        () => repo.labels.includes(label),
      );
    for (const milestone of repo.milestones) {
      add(
        milestone.node_id,
        () => milestoneSrc(repo, milestone),
        () => repo.milestones.includes(milestone),
      );
    }
    for (const issue of repo.issues.values()) {
      const alive = () => repo.issues.get(issue.number) === issue;
      add(issue.node_id, () => issueSrc(repo, issue), alive);
      if (issue.pull) add(issue.pull.node_id, () => issueSrc(repo, issue), alive);
    }
    for (const comment of repo.comments) {
      add(
        comment.node_id,
        () => issueCommentSrc(repo, comment),
        () => repo.comments.includes(comment),
      );
    }
    for (const review of repo.reviews) {
      add(
        review.node_id,
        () => reviewSrc(repo, review),
        () => repo.reviews.includes(review),
      );
    }
    for (const comment of repo.reviewComments) {
      const alive = () => repo.reviewComments.includes(comment);
      add(comment.node_id, () => reviewCommentSrc(repo, comment), alive);
      if (comment.in_reply_to_id === null)
        add(threadNodeId(comment.id), () => threadSrc(repo, comment), alive);
    }
    for (const category of repo.discussionCategories) {
      const alive = () => repo.discussionCategories.includes(category);
      add(category.node_id, () => discussionCategorySrc(repo, category), alive);
    }
    for (const discussion of repo.discussions) {
      const alive = () => repo.discussions.includes(discussion);
      add(discussion.node_id, () => discussionSrc(repo, discussion), alive);
    }
    for (const comment of repo.discussionComments) {
      const alive = () => repo.discussionComments.includes(comment);
      add(comment.node_id, () => discussionCommentSrc(repo, comment), alive);
    }
    for (const release of repo.releases) {
      const alive = () => repo.releases.includes(release);
      add(release.node_id, () => releaseSrc(repo, release), alive);
      for (const asset of release.assets) {
        add(
          asset.node_id,
          () => assetSrc(repo, release, asset),
          () => alive() && release.assets.includes(asset),
        );
      }
    }
  }
  return index;
}

function findRepoById(store: FakeStore, id: number): FakeRepo | undefined {
  for (const repo of store.repos.values()) if (repo.id === id) return repo;
  return undefined;
}

function locateDerived(store: FakeStore, nodeId: string): CommitSrc | RefSrc | null {
  const commit = decodeDerived("C_kwDO", nodeId);
  if (commit) {
    const repo = findRepoById(store, commit.repoId);
    return repo && commit.rest !== "" ? commitSrc(repo, commit.rest) : null;
  }
  const ref = decodeDerived("REF_kwDO", nodeId);
  if (ref) {
    const repo = findRepoById(store, ref.repoId);
    const oid = repo?.branches.get(ref.rest);
    return repo && oid ? refSrc(repo, ref.rest, oid) : null;
  }
  return null;
}

/** The object behind a global id, or null when it does not exist or the token may not see it. */
export function findNode(ctx: GqlContext, nodeId: string): NodeSrc | null {
  const derived = locateDerived(ctx.store, nodeId);
  if (derived) return canRead(ctx, derived.repo) ? derived : null;
  let located = indexes.get(ctx.store)?.get(nodeId);
  if (!located?.alive()) {
    const index = buildIndex(ctx.store);
    indexes.set(ctx.store, index);
    located = index.get(nodeId);
  }
  if (!located?.alive()) return null;
  if (located.repo && !canRead(ctx, located.repo)) return null;
  return located.make();
}
