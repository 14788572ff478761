// Hand-made backups and an empty fake GitHub for the restore tests that need
// exact control over both sides (conflicts, limits, failures, crashes).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeKnobs } from "../../../fake-github/limits/knobs.js";
import { addRepo, addToken, addUser, createStore } from "../../../fake-github/store/create-store.js";
import type { FakeStore, FakeUser } from "../../../fake-github/store/types.js";
import type { IssueCommentRecord } from "../../../src/entities/issue_comments/record.js";
import type { IssueRecord } from "../../../src/entities/issues/record.js";
import type { LabelRecord } from "../../../src/entities/labels/record.js";
import type { MilestoneRecord } from "../../../src/entities/milestones/record.js";
import type { SubIssueRecord } from "../../../src/entities/sub_issues/record.js";
import type { RestoreRepositoryRequest } from "../../../src/restore/restore-repository.js";
import { type BackupRecords, writeBackup } from "./backup-from-store.js";
import { baseRequest, tempDir } from "./setup.js";

export const ME = "me";
export const TOKEN = "tok-me-0123456789abcdef0123456789abcdef";
const SRC_WEB = "https://github.com/src/repo";

export interface EmptyFake {
  fake: FakeGitHub;
  store: FakeStore;
  me: FakeUser;
  close(): Promise<void>;
}

/** A fake with one user "me" whose token may write anywhere, create repositories and (optionally) import. */
export async function startEmptyFake(
  opts: { importApi?: boolean } & Partial<FakeKnobs> = {},
): Promise<EmptyFake> {
  const { importApi, ...knobs } = opts;
  const store = createStore();
  const me = addUser(store, ME);
  addToken(store, TOKEN, { userId: me.id, write: "*", createRepos: true, importApi: importApi ?? false });
  const fake = await startFakeGitHub({ store, ...knobs });
  return { fake, store, me, close: () => fake.close() };
}

export function addTargetRepo(store: FakeStore, name: string) {
  return addRepo(store, ME, name, { ownerType: "User" });
}

const alice = { login: "alice", id: 501, type: "User" };

export function label(
  name: string,
  color = "ededed",
  description: string | null = null,
  id = 0,
): LabelRecord {
  return {
    id: id || 100 + name.length * 7 + name.charCodeAt(0),
    node_id: `LA_${name}`,
    name,
    color,
    description,
    default: false,
  };
}

export function milestone(
  number: number,
  title: string,
  overrides: Partial<MilestoneRecord> = {},
): MilestoneRecord {
  return {
    id: 200 + number,
    node_id: `MI_${number}`,
    number,
    title,
    description: null,
    state: "open",
    creator: alice,
    open_issues: 0,
    closed_issues: 0,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    closed_at: null,
    due_on: null,
    html_url: `${SRC_WEB}/milestone/${number}`,
    ...overrides,
  };
}

export function issue(number: number, overrides: Partial<IssueRecord> = {}): IssueRecord {
  return {
    id: 1000 + number,
    node_id: `I_${number}`,
    number,
    title: `Issue ${number}`,
    body: `Body of ${number}`,
    state: "open",
    state_reason: null,
    locked: false,
    active_lock_reason: null,
    user: alice,
    labels: [],
    assignees: [],
    milestone: null,
    comments: 0,
    author_association: "OWNER",
    created_at: `2025-02-01T00:${String(number % 60).padStart(2, "0")}:00Z`,
    updated_at: `2025-02-01T00:${String(number % 60).padStart(2, "0")}:00Z`,
    closed_at: null,
    closed_by: null,
    html_url: `${SRC_WEB}/issues/${number}`,
    ...overrides,
  };
}

export function comment(id: number, issueNumber: number, body = `Comment ${id}`): IssueCommentRecord {
  return {
    id,
    node_id: `IC_${id}`,
    issue_number: issueNumber,
    body,
    user: alice,
    author_association: "NONE",
    created_at: `2025-03-01T00:00:${String(id % 60).padStart(2, "0")}Z`,
    updated_at: `2025-03-01T00:00:${String(id % 60).padStart(2, "0")}Z`,
    html_url: `${SRC_WEB}/issues/${issueNumber}#issuecomment-${id}`,
  };
}

export function link(
  parent: number,
  child: number,
  position: number,
  extra: Partial<SubIssueRecord> = {},
): SubIssueRecord {
  return {
    parent_number: parent,
    parent_id: 1000 + parent,
    sub_issue_number: child,
    sub_issue_id: 1000 + child,
    position,
    ...extra,
  };
}

/** Writes a hand-made backup of "src/repo" and returns its folder. */
export async function handBackup(records: Partial<BackupRecords>): Promise<string> {
  const dir = join(tempDir(), "backup");
  await mkdir(dir, { recursive: true });
  await writeBackup(dir, records, { owner: "src", repo: "repo", apiUrl: "https://api.github.com" });
  return dir;
}

export function request(
  env: EmptyFake,
  backupDir: string,
  target: string,
  extra: Partial<RestoreRepositoryRequest> = {},
): RestoreRepositoryRequest {
  return {
    ...baseRequest({ url: env.fake.url, token: TOKEN }, ME, backupDir, target),
    importApi: "never",
    ...extra,
  };
}
