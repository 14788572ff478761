// save --incremental end to end: a full save, a seeded set of changes of every
// kind GitHub makes (several of which leave the parent's updated_at alone),
// then an incremental save into the same folder must leave every entity file
// byte-identical to a fresh full save of the new state; a second run with no
// change changes nothing; wrong folders are refused.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { deleteIssue, transferIssue } from "../../fake-github/store/mutations/removals.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { useWallClock } from "../../fake-github/store/wall-clock.js";
import type { Manifest } from "../../src/backup/manifest.js";
import { updateSaveState } from "../../src/backup/save-state.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import { verifyBackup } from "../../src/index.js";
import { backupAsOf } from "../../src/restore/as-of.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { silentLogger } from "../../src/util/logger.js";
import { backupFolders, entityFiles, manifestOf, saveRequest } from "./helpers.js";

const OWNER = "octo-org";
const REPO = "sample";
const ENTITIES = ENTITY_NAMES.filter((name) => name !== "git_repo") as EntityName[];

const folders = backupFolders("gd-incremental-");
const freshDir = folders.fresh;

function totals(manifest: Manifest): { added: number; changed: number; deleted: number } {
  const sum = { added: 0, changed: 0, deleted: 0 };
  for (const c of Object.values(manifest.incremental?.changes ?? {})) {
    sum.added += c.added;
    sum.changed += c.changed;
    sum.deleted += c.deleted;
  }
  return sum;
}

/** Numbers of issues (not pull requests) of `repo` with the given property, lowest first. */
function issueNumbers(repo: FakeRepo, keep: (n: number) => boolean = () => true): number[] {
  return [...repo.issues.values()]
    .filter((i) => i.pull === null && keep(i.number))
    .map((i) => i.number)
    .sort((a, b) => a - b);
}

describe("save --incremental", () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  let repo: FakeRepo;
  const save = (outDir: string, extra = {}) =>
    new SaveRepositoryUseCase().execute(saveRequest(fake, outDir, { entities: ENTITIES, ...extra }));

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 7 });
    useWallClock(fake.store);
    octokit = new Octokit({ auth: fake.token, baseUrl: fake.url });
    repo = findRepo(fake.store, OWNER, REPO) as FakeRepo;
  });
  afterAll(async () => {
    await fake?.close();
    folders.removeAll();
  });

  /** One change of every kind; several leave the parent's updated_at alone. */
  async function changeEverything(): Promise<void> {
    const where = { owner: OWNER, repo: REPO };
    const issues = issueNumbers(repo);
    const pulls = [...repo.issues.values()].filter((i) => i.pull !== null).map((i) => i.number);
    const [edited, commented, closed, deleted, transferred] = issues;
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...where,
      issue_number: edited as number,
      title: "Edited after the first save",
    });
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...where,
      issue_number: commented as number,
      body: "a new comment",
    });
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...where,
      issue_number: closed as number,
      state: "closed",
      state_reason: "not_planned",
    });
    // An edited comment and a deleted one: neither moves the issue's updated_at.
    const [first, second] = repo.comments.filter((c) => c.issue_number !== commented);
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      ...where,
      comment_id: first?.id as number,
      body: "edited comment",
    });
    await octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      ...where,
      comment_id: second?.id as number,
    });
    deleteIssue(fake.store, repo, deleted as number);
    const other = findRepo(fake.store, OWNER, `${REPO}-tools`) as FakeRepo;
    transferIssue(fake.store, repo, transferred as number, other);
    // A renamed label and a deleted milestone change records without touching them.
    const label = repo.labels.find(
      (l) => repo.issues.size > 0 && [...repo.issues.values()].some((i) => i.labelIds.includes(l.id)),
    );
    await octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
      ...where,
      name: label?.name as string,
      new_name: "renamed-label",
    });
    const milestone = [...repo.issues.values()].find((i) => i.milestoneNumber !== null)?.milestoneNumber;
    await octokit.request("DELETE /repos/{owner}/{repo}/milestones/{milestone_number}", {
      ...where,
      milestone_number: milestone as number,
    });
    // Sub-issues: a new link, a removed one, a reordered parent.
    const parent = [...repo.issues.values()].find((i) => i.subIssueIds.length >= 2);
    if (parent) {
      const [a, b] = parent.subIssueIds;
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority", {
        ...where,
        issue_number: parent.number,
        sub_issue_id: a as number,
        after_id: b as number,
      });
    }
    const orphan = [...repo.issues.values()].find(
      (i) =>
        i.pull === null && i.parentId === null && i.subIssueIds.length === 0 && i.number !== parent?.number,
    );
    const newParent = issues.find((n) => n !== orphan?.number && n !== parent?.number && repo.issues.has(n));
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
      ...where,
      issue_number: newParent as number,
      sub_issue_id: orphan?.id as number,
    });
    // Pull requests: a new review with a comment, a deleted review comment, an edited one.
    const pull = pulls[0] as number;
    const head = repo.issues.get(pull)?.pull?.head.sha as string;
    await octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
      ...where,
      pull_number: pull,
      commit_id: head,
      event: "COMMENT",
      body: "a new review",
    });
    const [kept, gone] = repo.reviewComments;
    await octokit.request("PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}", {
      ...where,
      comment_id: kept?.id as number,
      body: "edited review comment",
    });
    await octokit.request("DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}", {
      ...where,
      comment_id: gone?.id as number,
    });
    // A cross-reference from elsewhere: a timeline event without a new updated_at.
    const quiet = issueNumbers(repo).at(-1) as number;
    repo.events.push({
      id: fake.store.nextId(),
      node_id: `CRE_${quiet}`,
      issue_number: quiet,
      event: "cross-referenced",
      actorId: null,
      created_at: fake.store.now(),
      source: { repoKey: `${OWNER}/${REPO}-tools`.toLowerCase(), number: 1 },
    });
  }

  it("gives the files of a fresh full save, then changes nothing when nothing changed", async () => {
    const dir = freshDir();
    const first = await save(dir);
    expect(first.exitCode).toBe(0);
    const before = entityFiles(dir);
    await changeEverything();

    const incremental = await save(dir, { incremental: true });
    expect(incremental.exitCode).toBe(0);
    // The deleted comment's parent is settled by its comment ids (GraphQL), not its own list.
    expect(
      incremental.requests.byRoute["GET /repos/{owner}/{repo}/issues/{number}/comments"],
    ).toBeUndefined();
    const reference = freshDir();
    expect((await save(reference)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
    expect(readFileSync(join(dir, "repository.json"), "utf8")).toBe(
      readFileSync(join(reference, "repository.json"), "utf8"),
    );
    const manifest = manifestOf(dir);
    expect(manifest.incremental?.built_on.started_at).toBe(first.manifest?.started_at);
    const changes = manifest.incremental?.changes ?? {};
    expect(changes.issues).toEqual({ added: 0, changed: expect.any(Number), deleted: 2 });
    expect(changes.issues_comments ?? changes.issue_comments).toMatchObject({ added: 1 });
    expect(changes.pr_review_comments?.deleted).toBe(1);
    const verified = await verifyBackup(dir);
    expect(verified.problems).toEqual([]);

    fake.resetStats();
    const again = await save(dir, { incremental: true });
    expect(again.exitCode).toBe(0);
    expect(totals(manifestOf(dir))).toEqual({ added: 0, changed: 0, deleted: 0 });
    // Types without a cheaper check answer 304 (labels, settings); asset files are kept, not fetched again.
    expect(fake.stats.byStatus[304]).toBeGreaterThan(5);
    expect(again.requests.byRoute["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"]).toBeUndefined();
    expect(entityFiles(dir)).toEqual(entityFiles(reference));

    // Nothing changed, not even the releases' download counts (the reference save above downloaded
    // their assets): the sweep (one request), the two `since` lists, the review
    // comments' total, and one conditional request per recorded GET of the other types, each a 304.
    // Reactions, attachments, discussions and the wiki have paths of their own and are left out.
    fake.resetStats();
    const steady = await save(dir, { incremental: true });
    expect(steady.exitCode).toBe(0);
    const ownPaths = new Set(["reactions", "attachments", "discussions", "wiki", "lfs_objects"]);
    const perJob = Object.fromEntries(
      steady.results.filter((r) => !ownPaths.has(r.name) && r.requests > 0).map((r) => [r.name, r.requests]),
    );
    expect(perJob).toEqual({
      issues: 3, // the sweep (which asks the highest numbers too), and the labels' and milestones' 304s the plan shares
      issue_comments: 1,
      pr_review_comments: 2,
      releases: 1,
      branch_protection: 2,
      rulesets: 3,
      collaborators: 1,
      teams: 1,
      webhooks: 1,
      security_advisories: 1,
    });
    expect(fake.stats.byStatus[304]).toBeGreaterThanOrEqual(12);
    // Every request the server saw but git's own (the wiki's listing: this repository has none): the
    // jobs' above, the repository check, one discussions query (its categories and its sweep), and the
    // download of the attachment link that gave no file before (a web download, not an API request).
    // At most 20 with nothing changed; `large` (15,000 numbers) adds two sweep queries of 5,000
    // numbers and has no such link.
    const seen = fake.stats.log.filter((e) => !e.path.includes(".wiki.git/"));
    const api = seen.filter((e) => !e.path.startsWith("/user-attachments/"));
    expect(steady.results.find((r) => r.name === "discussions")?.requests).toBe(1);
    expect(api).toHaveLength(Object.values(perJob).reduce((a, b) => a + b, 0) + 2);
    expect(api).toHaveLength(steady.requests.requests);
    expect(seen.length).toBeLessThanOrEqual(20);
    expect(totals(manifestOf(dir))).toEqual({ added: 0, changed: 0, deleted: 0 });

    // The incremental saves are in the chain, the first with its history files.
    const history = manifestOf(dir).incremental?.history ?? [];
    expect(history).toHaveLength(3);
    expect(Object.keys(history[0]?.files ?? {})).toContain("issues.jsonl");
    expect((await verifyBackup(dir)).problems).toEqual([]);

    // restore --as-of: the state of each save of the chain, rebuilt from the history.
    const startOf = (i: number) => history[i]?.started_at as string;
    const asFirst = await backupAsOf(dir, first.manifest?.started_at as string, silentLogger);
    expect(entityFiles(asFirst)).toEqual(before);
    expect((await verifyBackup(asFirst)).problems).toEqual([]);
    const asIncremental = await backupAsOf(
      dir,
      new Date(Date.parse(startOf(0)) + 1).toISOString(),
      silentLogger,
    );
    expect(entityFiles(asIncremental)).toEqual(entityFiles(reference));
    expect(await backupAsOf(dir, new Date().toISOString(), silentLogger)).toBe(dir);
    await expect(backupAsOf(dir, "2001-01-01T00:00:00Z", silentLogger)).rejects.toThrow(/no save as early/);
    folders.track(asFirst);
    folders.track(asIncremental);

    // verify checks the chain: a broken link between two saves is reported.
    const broken = `${dir}-broken`;
    cpSync(dir, broken, { recursive: true });
    folders.track(broken);
    const tampered = manifestOf(broken);
    const second = tampered.incremental?.history[1];
    if (second) second.built_on = "2001-01-01T00:00:00Z";
    writeFileSync(join(broken, "manifest.json"), JSON.stringify(tampered));
    expect((await verifyBackup(broken)).problems.map((p) => p.message)).toContain(
      "history entry 2 does not build on entry 1",
    );
  });

  it("saves in full into a missing folder", async () => {
    const dir = freshDir();
    const run = await save(dir, { incremental: true });
    expect(run.exitCode).toBe(0);
    expect(manifestOf(dir).incremental).toBeUndefined();
  });

  it("refuses another repository's backup, another selection and an unfinished save, changing nothing", async () => {
    const dir = freshDir();
    expect((await save(dir)).exitCode).toBe(0);
    const before = entityFiles(dir);
    const manifest = readFileSync(join(dir, "manifest.json"), "utf8");

    const other = saveRequest(fake, dir, { entities: ENTITIES, incremental: true });
    other.repo = { owner: OWNER, repo: `${REPO}-tools` };
    await expect(new SaveRepositoryUseCase().execute(other)).rejects.toThrow(/is of octo-org\/sample/);
    await expect(save(dir, { incremental: true, entities: ["labels"] })).rejects.toThrow(/another selection/);
    expect(readFileSync(join(dir, "manifest.json"), "utf8")).toBe(manifest);
    expect(entityFiles(dir)).toEqual(before);

    const unfinished = freshDir();
    expect((await save(unfinished)).exitCode).toBe(0);
    // What a save killed half-way leaves: a state and no manifest.
    await updateSaveState(unfinished, (state) => {
      state.source = { owner: OWNER, repo: REPO, api_url: fake.url };
    });
    rmSync(join(unfinished, "manifest.json"));
    await expect(save(unfinished, { incremental: true })).rejects.toThrow(/unfinished save/);
  });
});
