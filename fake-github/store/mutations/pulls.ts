// Store changes for pull requests: create (head and base resolved against the
// store's branches) and update.
import { repoFullName, repoKey } from "../create-store.js";
import { makeNodeId } from "../node-id.js";
import type { FakeIssue, FakeRepo, FakeStore, FakeUser } from "../types.js";
import { requirePull, touch } from "./common.js";
import { validationFailed } from "./errors.js";
import { blankIssue, insertIssue } from "./issues.js";

export interface CreatePullInput {
  title?: string;
  /** Number of an existing issue to turn into a PR (instead of `title`). */
  issue?: number;
  head?: string;
  base?: string;
  body?: string | null;
  draft?: boolean;
}

/** "branch" or "owner:branch" → the repository and branch that hold the head. */
function resolveHead(store: FakeStore, repo: FakeRepo, head: string): { repo: FakeRepo; ref: string } {
  const colon = head.indexOf(":");
  if (colon < 0) return { repo, ref: head };
  const owner = head.slice(0, colon);
  const ref = head.slice(colon + 1);
  if (owner.toLowerCase() === repo.ownerLogin.toLowerCase()) return { repo, ref };
  const fork = store.repos.get(repoKey(owner, repo.name));
  if (!fork) throw validationFailed({ resource: "PullRequest", code: "invalid", field: "head" });
  return { repo: fork, ref };
}

export function createPull(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  input: CreatePullInput,
): FakeIssue {
  if (!input.head) throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "head" });
  if (!input.base) throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "base" });
  const head = resolveHead(store, repo, input.head);
  const headSha = head.repo.branches.get(head.ref);
  if (headSha === undefined)
    throw validationFailed({ resource: "PullRequest", code: "invalid", field: "head" });
  const baseSha = repo.branches.get(input.base);
  if (baseSha === undefined)
    throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
  if (head.repo === repo && head.ref === input.base) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      message: `No commits between ${input.base} and ${head.ref}`,
    });
  }
  const headFull = repoFullName(head.repo);
  for (const other of repo.issues.values()) {
    const p = other.pull;
    if (p && other.state === "open" && p.head.ref === head.ref && p.base.ref === input.base) {
      if ((p.head.repoFullName ?? "").toLowerCase() === headFull.toLowerCase()) {
        throw validationFailed({
          resource: "PullRequest",
          code: "custom",
          message: `A pull request already exists for ${head.repo.ownerLogin}:${head.ref}.`,
        });
      }
    }
  }
  let target: FakeIssue | undefined;
  if (input.issue !== undefined) {
    target = repo.issues.get(input.issue);
    if (!target || target.pull) {
      throw validationFailed({
        resource: "PullRequest",
        code: "invalid",
        field: "issue",
        value: input.issue,
      });
    }
  }
  const title = input.title?.trim();
  if (!target && !title)
    throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "title" });
  const now = touch(store, repo);
  const pullId = store.nextId();
  const pull: FakeIssue["pull"] = {
    id: pullId,
    node_id: makeNodeId("PR", pullId),
    head: { ref: head.ref, sha: headSha, repoFullName: headFull },
    base: { ref: input.base, sha: baseSha },
    draft: input.draft ?? false,
    merged_at: null,
    merge_commit_sha: null,
    mergedById: null,
  };
  if (target) {
    target.pull = pull;
    if (input.body !== undefined) target.body = input.body;
    target.updated_at = now;
    return target;
  }
  return insertIssue(store, repo, {
    ...blankIssue(store, repo, user, title ?? "", now),
    body: input.body ?? null,
    pull,
  });
}

export interface UpdatePullInput {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  base?: string;
}

export function updatePull(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  number: number,
  patch: UpdatePullInput,
): FakeIssue {
  const pr = requirePull(repo, number);
  const title = patch.title?.trim();
  if (patch.title !== undefined && !title) {
    throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "title" });
  }
  let baseSha: string | undefined;
  if (patch.base !== undefined) {
    baseSha = repo.branches.get(patch.base);
    if (baseSha === undefined)
      throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
  }
  if (patch.state === "open" && pr.pull.merged_at) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      field: "state",
      message: "Cannot reopen a merged pull request",
    });
  }
  const now = touch(store, repo);
  if (title !== undefined) pr.title = title;
  if (patch.body !== undefined) pr.body = patch.body;
  if (patch.base !== undefined && baseSha !== undefined) pr.pull.base = { ref: patch.base, sha: baseSha };
  if (patch.state !== undefined && patch.state !== pr.state) {
    pr.state = patch.state;
    pr.closed_at = patch.state === "closed" ? now : null;
    pr.closedById = patch.state === "closed" ? user.id : null;
  }
  pr.updated_at = now;
  return pr;
}
