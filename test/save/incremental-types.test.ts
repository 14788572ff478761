// save --incremental for the types with a strategy of their own beyond issues
// and pull requests (reactions, attachments, discussions, wiki and the git
// mirror): a full save, a seeded change of each kind, an incremental save whose
// files must equal a fresh full save's, and a run with no change that asks
// nothing of these types beyond their cheap checks.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWikiFirstPage, type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { addReaction, reactionKey, reactionNodeId } from "../../fake-github/store/reactions.js";
import type { FakeReactionSubject, FakeRepo } from "../../fake-github/store/types.js";
import { useWallClock } from "../../fake-github/store/wall-clock.js";
import type { EntityName } from "../../src/entities/names.js";
import { verifyBackup } from "../../src/index.js";
import {
  type SaveRepositoryRequest,
  type SaveRepositoryResult,
  SaveRepositoryUseCase,
} from "../../src/save/save-repository.js";
import { silentLogger } from "../../src/util/logger.js";
import { entityFiles, saveRequest } from "./helpers.js";
import { commit, git, mirrorState } from "./mirror-helpers.js";

const OWNER = "octo-org";
const REPO = "sample";

const roots: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-incremental-types-"));
  roots.push(dir);
  return join(dir, "backup");
}

/** GraphQL queries sent, by what they ask (the reactions job's, anything else). */
interface Sent {
  reactionQueries: number;
  /** The subjects the reactions job asked for. */
  reactionSubjects: number;
  /** Discussions read by number. */
  discussionsRead: number;
  graphql: number;
  rest: string[];
}

function countingFetch(sent: Sent): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith("/graphql")) {
      sent.graphql += 1;
      const body = typeof init?.body === "string" ? init.body : "";
      sent.discussionsRead += body.match(/: discussion\(number: \d+\)/g)?.length ?? 0;
      if (body.includes("nodes(ids:") && body.includes("reactions(first: 100)")) {
        sent.reactionQueries += 1;
        sent.reactionSubjects += (JSON.parse(body) as { variables: { ids: string[] } }).variables.ids.length;
      }
    } else sent.rest.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
    return fetch(input, init);
  };
}

/** A fake server for one describe block, and saves of `entities` against it (counted by `sent` when given). */
interface Env {
  fake: FakeGitHub;
  octokit: Octokit;
  repo: FakeRepo;
  save(
    outDir: string,
    extra?: Partial<SaveRepositoryRequest>,
    sent?: Sent | null,
  ): Promise<SaveRepositoryResult>;
}

function useFake(options: { seed: number; git?: boolean }, entities: EntityName[]): Env {
  const env = {
    save: (outDir, extra = {}, sent = null) =>
      new SaveRepositoryUseCase().execute(
        saveRequest(env.fake, outDir, {
          entities,
          ...(sent
            ? { client: { ...saveRequest(env.fake, outDir).client, fetch: countingFetch(sent) } }
            : {}),
          ...extra,
        }),
      ),
  } as Env;
  beforeAll(async () => {
    env.fake = await startFakeGitHub({ dataset: "small", ...options });
    if (!options.git) useWallClock(env.fake.store);
    env.octokit = new Octokit({ auth: env.fake.token, baseUrl: env.fake.url });
    env.repo = findRepo(env.fake.store, OWNER, REPO) as FakeRepo;
  });
  afterAll(async () => {
    await env.fake?.close();
    for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  });
  return env;
}

/** A reaction by a deleted user, straight into the fake's store (GitHub moves no updated_at for it). */
function react(env: Env, subject: FakeReactionSubject, id: number): void {
  const reactionId = env.fake.store.nextId();
  addReaction(env.repo, subject, id, {
    id: reactionId,
    node_id: reactionNodeId(reactionId),
    content: "rocket",
    userId: null,
    created_at: env.fake.store.now(),
  });
}

const sent = (): Sent => ({
  reactionQueries: 0,
  reactionSubjects: 0,
  discussionsRead: 0,
  graphql: 0,
  rest: [],
});

describe("save --incremental: reactions", () => {
  const env = useFake({ seed: 11 }, [
    "issues",
    "pull_requests",
    "pr_reviews",
    "issue_comments",
    "pr_comments",
    "pr_review_comments",
    "releases",
    "reactions",
  ]);

  it("reads only the subjects whose rollup moved, and nothing when none did", async () => {
    const dir = freshDir();
    expect((await env.save(dir)).exitCode).toBe(0);

    // Reactions move no updated_at: one added to an issue and to a pull request,
    // one issue's reactions all removed, one added to a release, and a new
    // comment that arrives with a reaction.
    const issues = [...env.repo.issues.values()].filter((i) => i.pull === null);
    const pull = [...env.repo.issues.values()].find((i) => i.pull !== null);
    const bare = issues.find((i) => !env.repo.reactions.has(reactionKey("issue", i.id)));
    const reacted = issues.find((i) => (env.repo.reactions.get(reactionKey("issue", i.id))?.length ?? 0) > 0);
    expect(bare && reacted && pull).toBeTruthy();
    react(env, "issue", bare?.id as number);
    react(env, "issue", pull?.id as number);
    env.repo.reactions.delete(reactionKey("issue", reacted?.id as number));
    const release = env.repo.releases[0];
    if (release) react(env, "release", release.id);
    const { data: comment } = await env.octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      { owner: OWNER, repo: REPO, issue_number: bare?.number as number, body: "with a reaction" },
    );
    react(env, "issue_comment", Number(comment.id));

    const changed = sent();
    expect((await env.save(dir, { incremental: true }, changed)).exitCode).toBe(0);
    const reference = freshDir();
    expect((await env.save(reference)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
    // The issue, the pull request, the release and the new comment; the emptied issue needs no read.
    expect(changed.reactionSubjects).toBe(release ? 4 : 3);

    const none = sent();
    expect((await env.save(dir, { incremental: true }, none)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
    expect(none.reactionQueries).toBe(0);
    expect(none.rest.filter((r) => r.endsWith("/reactions"))).toEqual([]);
  });
});

/** Every file under `dir`/attachments, by path, as base64 (the folder must match a fresh save's exactly). */
function attachmentTree(dir: string): Record<string, string> {
  const root = join(dir, "attachments");
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  for (const folder of readdirSync(root).sort()) {
    for (const name of readdirSync(join(root, folder)).sort())
      out[`${folder}/${name}`] = readFileSync(join(root, folder, name)).toString("base64");
  }
  return out;
}

describe("save --incremental: attachments", () => {
  const env = useFake({ seed: 5 }, ["issues", "issue_comments", "releases", "attachments"]);
  const downloads = () =>
    env.fake.stats.log.filter(
      (e) => /\/(user-attachments|files|assets)\//.test(e.path) && !e.path.startsWith("/repos/"),
    ).length;

  it("downloads only the links it has not saved, and drops the ones no longer linked", async () => {
    const dir = freshDir();
    expect((await env.save(dir)).exitCode).toBe(0);
    const where = { owner: OWNER, repo: REPO };
    // One link removed from a comment's body (every attachment it links), one new upload linked from an issue.
    const paths = [...env.fake.store.attachments.keys()];
    const dropped = env.repo.comments.find((c) => paths.some((p) => (c.body ?? "").includes(p)));
    expect(dropped).toBeDefined();
    await env.octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      ...where,
      comment_id: dropped?.id as number,
      body: "no attachment any more",
    });
    const path = "/user-attachments/assets/00000000-0000-4000-8000-000000000042";
    env.fake.store.attachments.set(path, {
      path,
      repoKey: `${OWNER}/${REPO}`,
      name: "new.png",
      content_type: "image/png",
      data: Buffer.from("a new upload"),
    });
    const other = [...env.repo.issues.values()].find((i) => i.pull === null);
    await env.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...where,
      issue_number: other?.number as number,
      body: `see ![new](${env.fake.url}${path})`,
    });

    env.fake.resetStats();
    expect((await env.save(dir, { incremental: true })).exitCode).toBe(0);
    expect(downloads()).toBe(1);
    const reference = freshDir();
    expect((await env.save(reference)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
    expect(attachmentTree(dir)).toEqual(attachmentTree(reference));
    expect((await verifyBackup(dir)).problems).toEqual([]);

    env.fake.resetStats();
    expect((await env.save(dir, { incremental: true })).exitCode).toBe(0);
    expect(downloads()).toBe(0);
    expect(attachmentTree(dir)).toEqual(attachmentTree(reference));
  });

  it("downloads again a kept file that no longer matches its listed SHA-256", async () => {
    const dir = freshDir();
    expect((await env.save(dir)).exitCode).toBe(0);
    const [first] = Object.keys(attachmentTree(dir));
    writeFileSync(join(dir, "attachments", first as string), "tampered");
    env.fake.resetStats();
    expect((await env.save(dir, { incremental: true })).exitCode).toBe(0);
    expect(downloads()).toBe(1);
    const reference = freshDir();
    expect((await env.save(reference)).exitCode).toBe(0);
    expect(attachmentTree(dir)).toEqual(attachmentTree(reference));
  });
});

describe("save --incremental: git mirror and wiki", () => {
  const env = useFake({ seed: 7, git: true }, ["git_repo", "wiki"]);
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "gd-incremental-wiki-"));
    if (env.repo.wikiGitDir === undefined) createWikiFirstPage(env.repo, join(scratch, "sample.wiki.git"));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });
  let scratch: string;
  const messages: string[] = [];
  const log = { ...silentLogger, info: (m: string) => void messages.push(m) };
  const gitRequests = () =>
    env.fake.stats.log.filter((e) => /\/(info\/refs|git-upload-pack)$/.test(e.path)).length;

  it("fetches only what is new into a checked copy, with the refs and objects of a fresh clone", async () => {
    const dir = freshDir();
    expect((await env.save(dir, { log })).exitCode).toBe(0);
    const server = env.repo.gitDir as string;
    const head = git(server, ["symbolic-ref", "--short", "HEAD"]).trim();
    const branches = git(server, ["for-each-ref", "--format=%(refname:short)", "refs/heads/"])
      .split("\n")
      .filter((b) => b !== "" && b !== head);
    // A new commit, a new tag, a deleted branch; a wiki page edited.
    commit(server, head, { "NEW.md": "new after the first save\n" });
    git(server, ["tag", "v-incremental", `refs/heads/${head}`]);
    git(server, ["update-ref", "-d", `refs/heads/${branches[0]}`]);
    commit(env.repo.wikiGitDir as string, "master", { "Home.md": "Edited after the first save\n" });

    messages.length = 0;
    env.fake.resetStats();
    expect((await env.save(dir, { incremental: true, log })).exitCode).toBe(0);
    expect(messages.filter((m) => m.includes("fetching only what is new"))).toHaveLength(2);
    const reference = freshDir();
    expect((await env.save(reference, { log })).exitCode).toBe(0);
    for (const mirror of ["git-repo", "wiki-repo"])
      expect(mirrorState(join(dir, mirror))).toEqual(mirrorState(join(reference, mirror)));
    const manifest = (d: string) => JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")).files;
    expect(manifest(dir)["git-repo/"]).toMatchObject({
      records: manifest(reference)["git-repo/"].records,
      sha256: manifest(reference)["git-repo/"].sha256,
    });
    expect((await verifyBackup(dir)).problems).toEqual([]);

    // Nothing new: each mirror asks GitHub its refs, and nothing else.
    messages.length = 0;
    env.fake.resetStats();
    expect((await env.save(dir, { incremental: true, log })).exitCode).toBe(0);
    expect(messages.filter((m) => m.includes("nothing new to fetch"))).toHaveLength(2);
    expect(gitRequests()).toBeLessThanOrEqual(4);
    for (const mirror of ["git-repo", "wiki-repo"])
      expect(mirrorState(join(dir, mirror))).toEqual(mirrorState(join(reference, mirror)));
  });

  it("leaves out an earlier pack whose objects are not what they claim, and still ends as a fresh clone", async () => {
    const dir = freshDir();
    expect((await env.save(dir, { log })).exitCode).toBe(0);
    const packs = join(dir, "git-repo", "objects", "pack");
    for (const name of readdirSync(packs).filter((n) => n.endsWith(".pack"))) {
      const bytes = readFileSync(join(packs, name));
      bytes[bytes.length - 30] = (bytes[bytes.length - 30] as number) ^ 0xff;
      writeFileSync(join(packs, name), bytes);
    }
    // A hook and a config the earlier folder carries are never taken over.
    writeFileSync(join(dir, "git-repo", "hooks", "post-checkout"), "#!/bin/sh\ntouch /tmp/pwned\n");
    const reference = freshDir();
    expect((await env.save(reference, { log })).exitCode).toBe(0);
    messages.length = 0;
    expect((await env.save(dir, { incremental: true, log })).exitCode).toBe(0);
    expect(messages.some((m) => m.startsWith("git-repo: updated"))).toBe(false);
    expect(mirrorState(join(dir, "git-repo"))).toEqual(mirrorState(join(reference, "git-repo")));
    expect(existsSync(join(dir, "git-repo", "hooks", "post-checkout"))).toBe(false);
  });
});

describe("save --incremental: discussions", () => {
  const env = useFake({ seed: 13 }, ["labels", "discussions"]);
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const { data } = await env.octokit.request("POST /graphql", { query, variables });
    expect(data.errors).toBeUndefined();
  };

  it("reads again only the discussions that changed, and finds the deleted ones", async () => {
    const dir = freshDir();
    expect((await env.save(dir)).exitCode).toBe(0);
    expect(env.repo.discussions.length).toBeGreaterThanOrEqual(5);
    const [edited, commented, uncommented, deleted] = env.repo.discussions;
    // An edit (moves updatedAt), a new discussion, a deleted one, a comment added
    // and one deleted (neither moves the discussion's updatedAt), a label renamed.
    await gql(
      'mutation($id: ID!) { updateDiscussion(input: { discussionId: $id, title: "Edited" }) { clientMutationId } }',
      {
        id: edited?.node_id,
      },
    );
    await gql(
      'mutation($repo: ID!, $cat: ID!) { createDiscussion(input: { repositoryId: $repo, categoryId: $cat, title: "New", body: "new" }) { clientMutationId } }',
      { repo: env.repo.node_id, cat: env.repo.discussionCategories[0]?.node_id },
    );
    await gql(
      'mutation($id: ID!) { addDiscussionComment(input: { discussionId: $id, body: "late" }) { clientMutationId } }',
      {
        id: commented?.node_id,
      },
    );
    const victim = env.repo.discussionComments.find(
      (c) =>
        c.discussion_number === uncommented?.number &&
        c.reply_to_id === null &&
        !env.repo.discussionComments.some((r) => r.reply_to_id === c.id),
    );
    expect(victim).toBeDefined();
    env.repo.discussionComments.splice(env.repo.discussionComments.indexOf(victim as never), 1);
    env.repo.discussions.splice(env.repo.discussions.indexOf(deleted as never), 1);
    env.repo.discussionComments = env.repo.discussionComments.filter(
      (c) => c.discussion_number !== deleted?.number,
    );
    const label = env.repo.labels.find((l) => env.repo.discussions.some((d) => d.labelIds.includes(l.id)));
    expect(label).toBeDefined();
    const relabelled = env.repo.discussions
      .filter((d) => d.labelIds.includes(label?.id as number))
      .map((d) => d.number);
    await env.octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
      owner: OWNER,
      repo: REPO,
      name: label?.name as string,
      new_name: "renamed-for-discussions",
    });

    const changed = sent();
    const run = await env.save(dir, { incremental: true }, changed);
    expect(run.results.filter((r) => r.status !== "succeeded").map((r) => `${r.name}: ${r.error}`)).toEqual(
      [],
    );
    const created = Math.max(...env.repo.discussions.map((d) => d.number));
    const expected = new Set([edited, commented, uncommented].map((d) => d?.number as number));
    for (const n of [created, ...relabelled]) expected.add(n);
    expect(changed.discussionsRead).toBe(expected.size);
    const reference = freshDir();
    expect((await env.save(reference)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));

    // Nothing changed: the categories and the sweep's one page in a single query, nothing read again.
    const none = sent();
    expect((await env.save(dir, { incremental: true }, none)).exitCode).toBe(0);
    expect(none.graphql).toBe(1);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
  });
});

describe("save --incremental: reactions to discussions", () => {
  const env = useFake({ seed: 17 }, ["discussions", "reactions"]);

  it("reads the reactions of a discussion whose rollup moved, and none when nothing changed", async () => {
    const dir = freshDir();
    expect((await env.save(dir)).exitCode).toBe(0);
    const discussion = env.repo.discussions[0];
    react(env, "discussion", discussion?.id as number);

    const changed = sent();
    expect((await env.save(dir, { incremental: true }, changed)).exitCode).toBe(0);
    expect(changed.reactionSubjects).toBe(1);
    const reference = freshDir();
    expect((await env.save(reference)).exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));

    const none = sent();
    expect((await env.save(dir, { incremental: true }, none)).exitCode).toBe(0);
    expect(none.reactionSubjects).toBe(0);
    expect(entityFiles(dir)).toEqual(entityFiles(reference));
  });
});
