// Creates the fake GitHub's in-memory store with a deterministic clock and id
// sequence, plus the few helpers every layer needs (users, tokens, repos).
import { makeNodeId } from "./node-id.js";
import type { FakeRepo, FakeRepoSettings, FakeStore, FakeToken, FakeUser } from "./types.js";

/** Login GitHub shows for content whose author account was deleted. */
export const ghostUserLogin = "ghost";

const defaultStartTime = "2026-01-01T00:00:00Z";

/** ISO 8601 UTC without milliseconds, as GitHub writes timestamps. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function createStore(options?: { startTime?: string }): FakeStore {
  const start = Date.parse(options?.startTime ?? defaultStartTime);
  if (Number.isNaN(start)) throw new Error(`createStore: invalid startTime ${options?.startTime}`);
  let clock = start;
  let id = 1000;
  return {
    users: new Map(),
    tokens: new Map(),
    teams: [],
    repos: new Map(),
    issueIndex: new Map(),
    attachments: new Map(),
    nextId: () => id++,
    now: () => {
      const value = isoSeconds(clock);
      clock += 1000;
      return value;
    },
  };
}

/** The store key of a repository: "owner/name", lower-case. */
export function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

export function repoFullName(repo: FakeRepo): string {
  return `${repo.ownerLogin}/${repo.name}`;
}

export function findUserByLogin(store: FakeStore, login: string): FakeUser | undefined {
  const wanted = login.toLowerCase();
  for (const user of store.users.values()) if (user.login.toLowerCase() === wanted) return user;
  return undefined;
}

export function addUser(store: FakeStore, login: string, type: FakeUser["type"] = "User"): FakeUser {
  const id = store.nextId();
  const kind = type === "Organization" ? "O" : type === "Bot" ? "BOT" : "U";
  const user: FakeUser = { id, node_id: makeNodeId(kind, id), login, type, site_admin: false };
  store.users.set(id, user);
  return user;
}

/** Registers a token; unspecified rights default to read-everything, write-nothing. */
export function addToken(
  store: FakeStore,
  token: string,
  partial: Partial<FakeToken> & { userId: number },
): FakeToken {
  const record: FakeToken = {
    read: "*",
    write: [],
    createRepos: false,
    importApi: false,
    ...partial,
  };
  store.tokens.set(token, record);
  return record;
}

/** The labels GitHub puts into every new repository. */
export const githubDefaultLabels: ReadonlyArray<{ name: string; color: string; description: string }> = [
  { name: "bug", color: "d73a4a", description: "Something isn't working" },
  { name: "documentation", color: "0075ca", description: "Improvements or additions to documentation" },
  { name: "duplicate", color: "cfd3d7", description: "This issue or pull request already exists" },
  { name: "enhancement", color: "a2eeef", description: "New feature or request" },
  { name: "good first issue", color: "7057ff", description: "Good for newcomers" },
  { name: "help wanted", color: "008672", description: "Extra attention is needed" },
  { name: "invalid", color: "e4e669", description: "This doesn't seem right" },
  { name: "question", color: "d876e3", description: "Further information is requested" },
  { name: "wontfix", color: "ffffff", description: "This will not be worked on" },
];

/** What GitHub sets on a new repository. */
export function defaultRepoSettings(): FakeRepoSettings {
  return {
    homepage: null,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_discussions: false,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    squash_merge_commit_message: "COMMIT_MESSAGES",
    merge_commit_title: "MERGE_MESSAGE",
    merge_commit_message: "PR_TITLE",
    archived: false,
    is_template: false,
    web_commit_signoff_required: false,
  };
}

export interface AddRepoOptions {
  private?: boolean;
  description?: string | null;
  default_branch?: string;
  /** Type of the owner account when it does not exist yet (default "Organization"). */
  ownerType?: FakeUser["type"];
  /** Seed GitHub's nine default labels, as a freshly created repository has. */
  defaultLabels?: boolean;
}

/** Creates a repository (and its owner account if missing). Throws if it already exists. */
export function addRepo(store: FakeStore, owner: string, name: string, opts: AddRepoOptions = {}): FakeRepo {
  const key = repoKey(owner, name);
  if (store.repos.has(key)) throw new Error(`addRepo: ${owner}/${name} already exists`);
  const ownerUser = findUserByLogin(store, owner) ?? addUser(store, owner, opts.ownerType ?? "Organization");
  const id = store.nextId();
  const created = store.now();
  const repo: FakeRepo = {
    id,
    node_id: makeNodeId("R", id),
    ownerLogin: ownerUser.login,
    name,
    private: opts.private ?? false,
    description: opts.description ?? null,
    default_branch: opts.default_branch ?? "main",
    created_at: created,
    updated_at: created,
    pushed_at: created,
    labels: [],
    milestones: [],
    issues: new Map(),
    nextIssueNumber: 1,
    nextMilestoneNumber: 1,
    comments: [],
    reviews: [],
    events: [],
    reactions: new Map(),
    reviewComments: [],
    releases: [],
    branches: new Map(),
    gitDir: null,
    imports: [],
    settings: defaultRepoSettings(),
    protections: new Map(),
    rulesets: [],
    collaborators: [],
    teamAccess: [],
    hooks: [],
    advisories: [],
    discussionCategories: [],
    discussions: [],
    discussionComments: [],
  };
  if (opts.defaultLabels) {
    for (const label of githubDefaultLabels) {
      const labelId = store.nextId();
      repo.labels.push({ id: labelId, node_id: makeNodeId("LA", labelId), ...label, default: true });
    }
  }
  store.repos.set(key, repo);
  return repo;
}

export function findRepo(store: FakeStore, owner: string, name: string): FakeRepo | undefined {
  return store.repos.get(repoKey(owner, name));
}
