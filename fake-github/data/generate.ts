// Fills a store with one seeded, reproducible repository ("octo-org/sample" by
// default) plus a second repository of the same owner, users (one of them
// deleted: its records carry userId null) and an all-powerful token.
//
// Exact counts per dataset (identical for every seed; `counts` returns them):
//
// | dataset | labels | milestones | issues | pulls | issueComments | prComments | reviews | reviewComments (replies) | subIssues | releases | assets | branches | otherRepoIssues |
// |---------|-------:|-----------:|-------:|------:|--------------:|-----------:|--------:|-------------------------:|----------:|---------:|-------:|---------:|----------------:|
// | small   |     12 |         12 |     12 |    12 |            24 |         12 |      24 |                  36 (12) |         7 |        3 |      6 |       13 |               3 |
// | medium  |     30 |         15 |   1000 |   300 |          3000 |       1000 |     600 |                900 (200) |       295 |       10 |     20 |      301 |               5 |
// | large   |     30 |         15 |  12000 |  3000 |         30000 |      10000 |    6000 |              9000 (2000) |      2095 |       20 |     40 |     3001 |               5 |
// | skewed  |     10 |          5 |   5000 |   200 |            40 |         20 |     200 |                  80 (20) |        39 |       30 |     30 |      201 |               3 |
// | tricky  |     12 |          4 |     31 |    14 |            20 |         11 |      16 |                  19 (6)  |         6 |        4 |      9 |       14 |               3 |
// | empty   |      0 |          0 |      0 |     0 |             0 |          0 |       0 |                   0 (0)  |         0 |        0 |      0 |        1 |               0 |
//
// (`branches` counts refs/heads: the default branch plus one per PR head that
// still exists. `subIssues` counts parent→child links whose parent is in the
// main repository; tricky's includes one child living in the second repository.)
import { join } from "node:path";
import { addRepo, addToken, addUser, findUserByLogin, githubDefaultLabels } from "../store/create-store.js";
import type { FakeIssue, FakeRepo, FakeStore, FakeUser, StateReason } from "../store/types.js";
import { addAttachments } from "./attachments.js";
import { type DatasetConfig, type DatasetName, datasetConfigs, subTreeShape } from "./configs.js";
import {
  associationOf,
  createComment,
  createItem,
  createReply,
  createReview,
  createReviewComment,
  fakeSha,
  type GenContext,
  pickAuthor,
} from "./context.js";
import { addDiscussions } from "./discussions.js";
import { addTimelineEvents } from "./events.js";
import { addTrickyCases } from "./generate-tricky.js";
import { linkGit } from "./git-link.js";
import { mulberry32, randomBytes } from "./prng.js";
import { addDiscussionReactions, addReactions } from "./reactions.js";
import {
  insertAsset,
  insertIssue,
  insertLabel,
  insertMilestone,
  insertRelease,
  linkSubIssue,
} from "./records.js";
import { addRepositorySettings } from "./settings.js";
import { body, title } from "./text.js";
import { trickyLabels, trickyMilestones } from "./tricky-names.js";
import { lfsSeed, seedWiki } from "./wiki-lfs.js";

export type { DatasetName } from "./configs.js";

export interface GenerateOptions {
  dataset: DatasetName;
  /** PRNG seed (default 1): the same seed yields the same store. */
  seed?: number;
  /** Owner login (default "octo-org", an organisation). */
  owner?: string;
  /** Repository name (default "sample"). */
  repo?: string;
  /** When set, a bare git repository is created at `<gitRoot>/<owner>/<repo>.git`. */
  gitRoot?: string;
}

export interface GeneratedDataset {
  repo: FakeRepo;
  /** The token string: admin rights on every repository (never log it). */
  token: string;
  /** The repository owner account. */
  owner: FakeUser;
  /** The account the token acts as. */
  tokenUser: FakeUser;
  /** The owner's second repository (a few issues; tricky's cross-repo sub-issue lives here). */
  otherRepo: FakeRepo;
  counts: Record<string, number>;
}

const personLogins = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "grace",
  "heidi",
  "ivan",
  "judy",
  "mallory",
  "niaj",
  "olivia",
  "peggy",
  "rupert",
  "sybil",
  "trent",
  "victor",
  "walter",
  "yolanda",
];

const associations = ["MEMBER", "CONTRIBUTOR", "NONE"];

function userOf(store: FakeStore, login: string, type: FakeUser["type"] = "User"): FakeUser {
  return findUserByLogin(store, login) ?? addUser(store, login, type);
}

/** A token string unique to the seed, shaped like a classic PAT (≥ 36 characters). */
function tokenFor(seed: number): string {
  return `ghp_fake_${seed}_${mulberry32(seed ^ 0x5eed).hex(32)}`;
}

export function generateDataset(store: FakeStore, options: GenerateOptions): GeneratedDataset {
  const seed = options.seed ?? 1;
  const config = datasetConfigs[options.dataset];
  const prng = mulberry32(seed);
  const ownerLogin = options.owner ?? "octo-org";
  const repoName = options.repo ?? "sample";

  const owner = userOf(store, ownerLogin, "Organization");
  const admin = userOf(store, "octo-admin");
  const people = [admin];
  for (let i = 0; i < config.people; i++) {
    const login = i < personLogins.length ? personLogins[i] : `user-${i + 1}`;
    people.push(userOf(store, login ?? `user-${i + 1}`));
  }
  const bot = userOf(store, "dependabot[bot]", "Bot");
  const association = new Map<number, string>([
    [admin.id, "MEMBER"],
    [bot.id, "NONE"],
  ]);
  for (const [i, person] of people.slice(1).entries()) {
    association.set(person.id, associations[i % associations.length] ?? "NONE");
  }

  const token = tokenFor(seed);
  addToken(store, token, { userId: admin.id, read: "*", write: "*", createRepos: true, importApi: true });

  const repo = addRepo(store, ownerLogin, repoName, { description: `Seeded ${options.dataset} dataset` });
  const otherRepo = addRepo(store, ownerLogin, `${repoName}-tools`, { description: "Second repository" });
  const ctx: GenContext = {
    store,
    prng,
    seed,
    repo,
    otherRepo,
    admin,
    people,
    bot,
    logins: people.map((p) => p.login),
    association,
    gaps: options.dataset === "tricky" ? new Set([4, 7, 8, 15]) : new Set(),
    authorPicks: 0,
  };

  addOtherRepoIssues(ctx, config.otherRepoIssues);
  addLabels(ctx, config, options.dataset);
  addMilestones(ctx, config, options.dataset);
  addItems(ctx, config);
  addConversation(ctx, config);
  addReviews(ctx, config);
  addSubIssueTrees(ctx, config);
  addReleases(ctx, config);
  settle(ctx);
  if (options.dataset === "tricky") addTrickyCases(ctx);
  // Every dataset but empty has LFS files and a wiki; empty's wiki was never created.
  const withExtras = options.dataset !== "empty";
  linkGit(
    ctx,
    options.gitRoot === undefined ? undefined : join(options.gitRoot, ownerLogin, `${repoName}.git`),
    withExtras ? lfsSeed(seed, repoName) : undefined,
  );
  if (options.gitRoot !== undefined && withExtras)
    seedWiki(join(options.gitRoot, ownerLogin, `${repoName}.wiki.git`), repo, options.dataset === "tricky");
  addRepositorySettings(ctx, options.dataset);
  addTimelineEvents(ctx);
  addReactions(ctx);
  addDiscussions(ctx, options.dataset);
  addAttachments(ctx, options.dataset);
  addDiscussionReactions(ctx);

  return { repo, token, owner, tokenUser: admin, otherRepo, counts: countRecords(repo, otherRepo) };
}

function addOtherRepoIssues(ctx: GenContext, count: number): void {
  const { store, prng, otherRepo } = ctx;
  for (let i = 0; i < count; i++) {
    const at = store.now();
    const userId = ctx.admin.id;
    insertIssue(store, otherRepo, {
      title: `Tools: ${title(prng)}`,
      body: body(prng, [], 0),
      state: "open",
      state_reason: null,
      locked: false,
      active_lock_reason: null,
      userId,
      labelIds: [],
      assigneeIds: [],
      milestoneNumber: null,
      created_at: at,
      updated_at: at,
      closed_at: null,
      closedById: null,
      author_association: associationOf(ctx, userId),
      pull: null,
    });
  }
}

const extraLabelNames = [
  "performance",
  "security",
  "ui",
  "api",
  "cli",
  "tests",
  "ci",
  "dependencies",
  "refactor",
  "design",
  "backend",
  "frontend",
  "infra",
  "release",
  "blocked",
  "needs-triage",
  "priority: high",
  "priority: low",
  "area/core",
  "area/docs",
  "size/S",
];

function addLabels(ctx: GenContext, config: DatasetConfig, dataset: DatasetName): void {
  const { store, prng, repo } = ctx;
  if (dataset === "tricky") {
    for (const label of trickyLabels) insertLabel(store, repo, { ...label, default: label.name === "bug" });
    return;
  }
  for (let i = 0; i < config.labels; i++) {
    const known = githubDefaultLabels[i];
    if (known) {
      insertLabel(store, repo, { ...known, default: true });
      continue;
    }
    const name = extraLabelNames[i - githubDefaultLabels.length] ?? `label-${i + 1}`;
    insertLabel(store, repo, {
      name,
      color: prng.hex(6),
      description: prng.chance(0.2) ? null : `About ${name}`,
      default: false,
    });
  }
}

function addMilestones(ctx: GenContext, config: DatasetConfig, dataset: DatasetName): void {
  const { store, prng, repo } = ctx;
  if (dataset === "tricky") {
    for (const m of trickyMilestones) {
      const at = store.now();
      insertMilestone(store, repo, {
        title: m.title,
        description: m.description,
        state: m.state,
        creatorId: m.creator ? ctx.admin.id : null,
        created_at: at,
        updated_at: at,
        closed_at: null,
        due_on: m.due ? "2026-06-30T07:00:00Z" : null,
      });
    }
    return;
  }
  const count = config.milestones;
  for (let i = 0; i < count; i++) {
    const at = store.now();
    const closed = i < Math.floor(count / 3);
    insertMilestone(store, repo, {
      title: `v${1 + Math.floor(i / 4)}.${i % 4}`,
      description: prng.chance(0.3) ? null : `Work planned for v${1 + Math.floor(i / 4)}.${i % 4}`,
      state: closed ? "closed" : "open",
      creatorId: i % 5 === 4 ? null : ctx.admin.id,
      created_at: at,
      updated_at: at,
      closed_at: null,
      due_on: i % 3 === 2 ? null : `2026-${String(1 + (i % 12)).padStart(2, "0")}-28T08:00:00Z`,
    });
  }
}

/** Issues and PRs interleaved in one number sequence, in random order. */
function addItems(ctx: GenContext, config: DatasetConfig): void {
  const kinds: boolean[] = [];
  for (let i = 0; i < config.issues; i++) kinds.push(false);
  for (let i = 0; i < config.pulls; i++) kinds.push(true);
  ctx.prng.shuffle(kinds);
  const labelLimit = config.maxLabelsPerItem;
  for (const isPull of kinds) {
    const item = createItem(ctx, isPull);
    if (labelLimit > 3 && ctx.prng.chance(0.2)) {
      item.labelIds = ctx.prng.sample(
        ctx.repo.labels.map((l) => l.id),
        labelLimit,
      );
    }
  }
}

function itemsOf(repo: FakeRepo, pulls: boolean): FakeIssue[] {
  const out: FakeIssue[] = [];
  for (const issue of repo.issues.values()) if ((issue.pull !== null) === pulls) out.push(issue);
  return out;
}

/** Conversation comments on issues and on PRs, created in shuffled order over time. */
function addConversation(ctx: GenContext, config: DatasetConfig): void {
  const { prng } = ctx;
  const issues = itemsOf(ctx.repo, false);
  const pulls = itemsOf(ctx.repo, true);
  const targets: FakeIssue[] = [];
  if (issues.length > 0) for (let i = 0; i < config.issueComments; i++) targets.push(prng.pick(issues));
  if (pulls.length > 0) for (let i = 0; i < config.prComments; i++) targets.push(prng.pick(pulls));
  prng.shuffle(targets);
  for (const target of targets) createComment(ctx, target, target.number % 29 === 0 ? ctx.bot.id : undefined);
}

function addReviews(ctx: GenContext, config: DatasetConfig): void {
  const { prng } = ctx;
  const pulls = itemsOf(ctx.repo, true);
  if (pulls.length === 0) return;
  const reviews = [];
  for (let i = 0; i < config.reviews; i++) reviews.push(createReview(ctx, prng.pick(pulls)));
  const top = [];
  for (let i = 0; i < config.reviewComments; i++) {
    const review = prng.pick(reviews);
    const pull = ctx.repo.issues.get(review.pull_number);
    if (pull) top.push(createReviewComment(ctx, pull, review.id, review.userId));
  }
  for (let i = 0; i < config.reviewReplies; i++) createReply(ctx, prng.pick(top));
}

function addSubIssueTrees(ctx: GenContext, config: DatasetConfig): void {
  const pool = ctx.prng.shuffle(itemsOf(ctx.repo, false));
  let next = 0;
  const take = (): FakeIssue => {
    const issue = pool[next++];
    if (!issue) throw new Error("not enough issues for the sub-issue trees");
    return issue;
  };
  for (let t = 0; t < config.subTrees; t++) {
    const root = take();
    if (t === 0 && config.hundredChildParent) {
      for (let i = 0; i < 100; i++) linkSubIssue(root, take());
      continue;
    }
    for (const grandchildren of subTreeShape(t)) {
      const child = take();
      linkSubIssue(root, child);
      for (let g = 0; g < grandchildren; g++) linkSubIssue(child, take());
    }
  }
}

const assetKinds = [
  { suffix: ".tar.gz", type: "application/gzip" },
  { suffix: ".zip", type: "application/zip" },
  { suffix: ".txt", type: "text/plain" },
];

function addReleases(ctx: GenContext, config: DatasetConfig): void {
  const { store, prng, repo } = ctx;
  for (let r = 0; r < config.releases; r++) {
    const tag = `v1.${r}.0`;
    const at = store.now();
    const draft = config.draftRelease && r === config.releases - 1;
    const release = insertRelease(store, repo, {
      tag_name: tag,
      target_commitish: repo.default_branch,
      name: r % 6 === 5 ? null : `Release ${tag}`,
      body: r % 5 === 4 ? null : `Changes in ${tag}: ${title(prng)}.`,
      draft,
      prerelease: r % 4 === 3,
      authorId: r % 7 === 6 ? pickAuthor(ctx) : ctx.admin.id,
      created_at: at,
      published_at: draft ? null : at,
    });
    for (let k = 0; k < config.assetsPerRelease; k++) {
      const kind = assetKinds[k % assetKinds.length] ?? { suffix: ".bin", type: "application/octet-stream" };
      const name = k % assetKinds.length === 2 ? "checksums.txt" : `${repo.name}-${tag}${kind.suffix}`;
      const uploaded = store.now();
      insertAsset(store, release, {
        name: k < assetKinds.length ? name : `${repo.name}-${tag}-${k}${kind.suffix}`,
        label: k === 0 ? `Source (${tag})` : null,
        content_type: kind.type,
        data: randomBytes(prng, prng.int(16, 2048)),
        download_count: prng.int(0, 500),
        uploaderId: ctx.admin.id,
        created_at: uploaded,
        updated_at: uploaded,
      });
    }
  }
}

const closeReasons: StateReason[] = [
  "completed",
  "completed",
  "completed",
  "completed",
  "completed",
  "completed",
  "not_planned",
  "not_planned",
  "duplicate",
];
const lockReasons = ["resolved", "off-topic", "too heated", "spam"] as const;

/** Later activity: closes, merges, locks and edits, each at a later clock time. */
function settle(ctx: GenContext): void {
  const { store, prng, repo } = ctx;
  for (const issue of repo.issues.values()) {
    const roll = prng.next();
    const pull = issue.pull;
    if (pull) {
      if (roll < 0.45) {
        const at = store.now();
        issue.state = "closed";
        issue.closed_at = at;
        issue.updated_at = at;
        issue.closedById = ctx.admin.id;
        if (roll < 0.3) {
          pull.merged_at = at;
          pull.mergedById = ctx.admin.id;
          pull.merge_commit_sha = fakeSha(ctx.seed, `refs/pull/${issue.number}/merge`);
        }
      } else if (roll > 0.85) {
        pull.draft = true;
      }
      continue;
    }
    if (roll < 0.45) {
      const at = store.now();
      issue.state = "closed";
      issue.state_reason = prng.pick(closeReasons);
      issue.closed_at = at;
      issue.updated_at = at;
      issue.closedById = prng.chance(0.7) ? ctx.admin.id : issue.userId;
      if (prng.chance(0.03)) {
        issue.locked = true;
        issue.active_lock_reason = prng.pick(lockReasons);
      }
    } else if (roll < 0.5) {
      issue.state_reason = "reopened";
      issue.updated_at = store.now();
    }
  }
  for (const comment of repo.comments) if (prng.chance(0.05)) comment.updated_at = store.now();
  for (const comment of repo.reviewComments) if (prng.chance(0.03)) comment.updated_at = store.now();
  for (const milestone of repo.milestones) {
    if (milestone.state === "closed") {
      milestone.closed_at = store.now();
      milestone.updated_at = milestone.closed_at;
    }
  }
}

function countRecords(repo: FakeRepo, otherRepo: FakeRepo): Record<string, number> {
  let issues = 0;
  let pulls = 0;
  let subIssues = 0;
  for (const issue of repo.issues.values()) {
    if (issue.pull) pulls++;
    else issues++;
    subIssues += issue.subIssueIds.length;
  }
  let issueComments = 0;
  let prComments = 0;
  for (const comment of repo.comments) {
    if (repo.issues.get(comment.issue_number)?.pull) prComments++;
    else issueComments++;
  }
  let assets = 0;
  for (const release of repo.releases) assets += release.assets.length;
  return {
    labels: repo.labels.length,
    milestones: repo.milestones.length,
    issues,
    pulls,
    issueComments,
    prComments,
    reviews: repo.reviews.length,
    reviewComments: repo.reviewComments.length,
    reviewReplies: repo.reviewComments.filter((c) => c.in_reply_to_id !== null).length,
    subIssues,
    releases: repo.releases.length,
    assets,
    branches: repo.branches.size,
    otherRepoIssues: otherRepo.issues.size,
  };
}
