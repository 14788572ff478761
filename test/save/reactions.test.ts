// Reactions: read only for subjects whose rollup says they have any, each
// subject's saved reactions reconciled with its rollup. Answers are doctored
// by a fetch wrapper on the client (the fake server itself is honest).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { reactionKey, reactionsOf } from "../../fake-github/store/reactions.js";
import type { FakeIssue, FakeRepo } from "../../fake-github/store/types.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import * as E from "./expected.js";
import { saveRequest } from "./helpers.js";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "gd-reactions-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ISSUE_SUBJECT_LIST = /\/repos\/[^/]+\/[^/]+\/issues\/\d+\/reactions(\?|$)/;

interface Doctor {
  /** Reaction ids left out of GraphQL answers, and of REST answers when `rest` is set. */
  hide?: { ids: Set<number>; rest: boolean };
  /** Runs once, before the first GraphQL query of the reactions job is sent. */
  beforeReactions?: () => void;
  /** Sees the node ids of every GraphQL query of the reactions job. */
  onReactionsQuery?: (ids: string[]) => void;
  /** GraphQL queries answered 400 (a bad request, not retried). */
  failGraphQL?: (body: string) => boolean;
}

type JsonValue = unknown;

/** Drops hidden reactions from every `reactions.nodes` list of a GraphQL answer. */
function withoutHidden(value: JsonValue, ids: Set<number>): JsonValue {
  if (Array.isArray(value)) return value.map((v) => withoutHidden(v, ids));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (
      key === "reactions" &&
      typeof v === "object" &&
      v !== null &&
      Array.isArray((v as { nodes?: unknown }).nodes)
    ) {
      const c = v as { nodes: Array<{ databaseId: number }> };
      out[key] = { ...c, nodes: c.nodes.filter((n) => !ids.has(n.databaseId)) };
    } else out[key] = withoutHidden(v, ids);
  }
  return out;
}

function doctoredFetch(doctor: Doctor): typeof fetch {
  let prepared = false;
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const isReactionsQuery =
      url.endsWith("/graphql") && typeof init?.body === "string" && init.body.includes("nodes(ids:");
    if (isReactionsQuery) {
      const { variables } = JSON.parse(init?.body as string) as { variables: { ids: string[] } };
      doctor.onReactionsQuery?.(variables.ids);
    }
    if (url.endsWith("/graphql") && typeof init?.body === "string" && doctor.failGraphQL?.(init.body)) {
      return new Response(JSON.stringify({ message: "Problems parsing JSON" }), {
        status: 400,
        headers: { "content-type": "application/json" },
      });
    }
    if (isReactionsQuery && !prepared) {
      prepared = true;
      doctor.beforeReactions?.();
    }
    const response = await fetch(input, init);
    const hide = doctor.hide;
    const doctored = hide && (isReactionsQuery || (hide.rest && ISSUE_SUBJECT_LIST.test(url)));
    if (!doctored || response.status !== 200) return response;
    const body = (await response.json()) as JsonValue;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    const out = Array.isArray(body)
      ? (body as Array<{ id: number }>).filter((r) => !hide.ids.has(r.id))
      : withoutHidden(body, hide.ids);
    return new Response(JSON.stringify(out), { status: 200, headers });
  };
}

async function save(fake: FakeGitHub, name: string, entities: EntityName[], doctor: Doctor = {}) {
  const dir = join(root, name);
  const request = saveRequest(fake, dir, { entities });
  request.client = { ...request.client, fetch: doctoredFetch(doctor) };
  const result = await new SaveRepositoryUseCase().execute(request);
  return { dir, result };
}

const ISSUES: EntityName[] = ["issues", "reactions"];

describe("reactions reconciled with each subject's rollup", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  let issue: FakeIssue;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 11 });
    repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
    const found = [...repo.issues.values()].find(
      (i) => !i.pull && reactionsOf(repo, "issue", i.id).length >= 2,
    );
    if (!found) throw new Error("no issue with two reactions");
    issue = found;
  });
  afterAll(() => fake.close());

  it("reads only the subjects with reactions, all in one GraphQL request on small", async () => {
    fake.resetStats();
    const queries: string[][] = [];
    const { dir, result } = await save(fake, "clean", ISSUES, {
      onReactionsQuery: (ids) => queries.push(ids),
    });
    const reacted = [...repo.issues.values()].filter(
      (i) => !i.pull && reactionsOf(repo, "issue", i.id).length > 0,
    );
    expect(queries.length).toBe(1);
    expect(new Set(queries[0])).toEqual(new Set(reacted.map((i) => i.node_id)));
    expect(result.exitCode).toBe(0);
    expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(
      E.expectedReactions(fake.store, repo, { issues: () => true, pulls: () => false }).filter(
        (r) => r.subject_type === "issue",
      ),
    );
    const job = result.results.find((r) => r.name === "reactions");
    expect(job?.status).toBe("succeeded");
    // No subject needed its REST list.
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"]).toBeUndefined();
  });

  it("a reaction missing from the GraphQL answer is read again through the subject's list", async () => {
    const clean = await save(fake, "clean-2", ISSUES);
    const lost = reactionsOf(repo, "issue", issue.id)[1];
    fake.resetStats();
    const healed = await save(fake, "healed", ISSUES, {
      hide: { ids: new Set([lost?.id ?? 0]), rest: false },
    });
    expect(healed.result.exitCode).toBe(0);
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"]).toBe(1);
    expect(readFileSync(join(healed.dir, "reactions.jsonl"), "utf8")).toBe(
      readFileSync(join(clean.dir, "reactions.jsonl"), "utf8"),
    );
  });

  it("a reaction removed during the save does not fail it", async () => {
    const list = repo.reactions.get(reactionKey("issue", issue.id)) ?? [];
    const removed = list[0];
    const { dir, result } = await save(fake, "removed", ISSUES, {
      beforeReactions: () => {
        list.splice(0, 1);
      },
    });
    expect(result.exitCode).toBe(0);
    const saved = E.readJsonl(dir, "reactions.jsonl").map((r) => r.id);
    expect(saved).not.toContain(removed?.id);
    expect(saved).toContain(list[0]?.id);
  });

  it("an unexplained shortfall fails the job with exit 1, naming the subject and both counts", async () => {
    const reported = reactionsOf(repo, "issue", issue.id).length;
    const lost = reactionsOf(repo, "issue", issue.id)[0];
    const { result } = await save(fake, "short", ISSUES, {
      hide: { ids: new Set([lost?.id ?? 0]), rest: true },
    });
    expect(result.exitCode).toBe(1);
    const job = result.results.find((r) => r.name === "reactions");
    expect(job?.status).toBe("failed");
    expect(job?.error).toContain(
      `issue #${issue.number}: GitHub reports ${reported} reactions, ${reported - 1} saved`,
    );
    expect(result.results.find((r) => r.name === "issues")?.status).toBe("succeeded");
  });

  it("without rollups (pull requests saved without pr_reviews) reads every saved subject from its file", async () => {
    const { dir, result } = await save(fake, "pulls-only", ["pull_requests", "reactions"]);
    expect(result.exitCode).toBe(0);
    expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(
      E.expectedReactions(fake.store, repo, { issues: () => false, pulls: () => true }).filter(
        (r) => r.subject_type === "pull_request",
      ),
    );
  });
});

describe("reactions of the medium dataset", () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "medium", seed: 2 });
  });
  afterAll(() => fake.close());

  it("saves every reaction as the server holds it, a subject with more than 100 included", async () => {
    const repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
    const entities: EntityName[] = [
      "issues",
      "issue_comments",
      "pull_requests",
      "pr_comments",
      "pr_reviews",
      "pr_review_comments",
      "releases",
      "reactions",
    ];
    const { dir, result } = await save(fake, "medium", entities);
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    const expected = E.expectedReactions(fake.store, repo, { ...E.everything, discussions: false });
    const counts = new Map<string, number>();
    for (const r of expected)
      counts.set(
        `${r.subject_type}:${r.subject_id}`,
        (counts.get(`${r.subject_type}:${r.subject_id}`) ?? 0) + 1,
      );
    expect(Math.max(...counts.values())).toBeGreaterThan(100);
    expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(expected);
  }, 240_000);
});

describe("reactions of discussions, their comments and replies", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  const ENTITIES: EntityName[] = ["discussions", "reactions"];
  const ofDiscussions = () =>
    E.expectedReactions(fake.store, repo).filter((r) => String(r.subject_type).startsWith("discussion"));
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 11 });
    repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
  });
  afterAll(() => fake.close());

  it("saves them, reading discussions and comments only where the rollup counts any, and every reply", async () => {
    const queried: string[] = [];
    const { dir, result } = await save(fake, "discussions", ENTITIES, {
      onReactionsQuery: (ids) => queried.push(...ids),
    });
    expect(result.exitCode).toBe(0);
    const expected = ofDiscussions();
    expect(new Set(expected.map((r) => r.subject_type))).toEqual(
      new Set(["discussion", "discussion_comment"]),
    );
    // A reply among them: the first reply always has reactions.
    const replyIds = new Set(repo.discussionComments.filter((c) => c.reply_to_id !== null).map((c) => c.id));
    expect(expected.some((r) => replyIds.has(r.subject_id as number))).toBe(true);
    expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(expected);
    const reacted = (subject: "discussion" | "discussion_comment", id: number) =>
      reactionsOf(repo, subject, id).length > 0;
    expect(new Set(queried)).toEqual(
      new Set([
        ...repo.discussions.filter((d) => reacted("discussion", d.id)).map((d) => d.node_id),
        ...repo.discussionComments
          .filter((c) => c.reply_to_id !== null || reacted("discussion_comment", c.id))
          .map((c) => c.node_id),
      ]),
    );
  });

  it("a reaction missing from the batch answer is read again through the subject's node", async () => {
    const clean = await save(fake, "discussions-clean", ENTITIES);
    const comment = repo.discussionComments.find(
      (c) => c.reply_to_id === null && reactionsOf(repo, "discussion_comment", c.id).length > 0,
    );
    const lost = comment ? reactionsOf(repo, "discussion_comment", comment.id)[0] : undefined;
    expect(lost).toBeDefined();
    const healed = await save(fake, "discussions-healed", ENTITIES, {
      hide: { ids: new Set([lost?.id ?? 0]), rest: false },
    });
    expect(healed.result.exitCode).toBe(0);
    expect(readFileSync(join(healed.dir, "reactions.jsonl"), "utf8")).toBe(
      readFileSync(join(clean.dir, "reactions.jsonl"), "utf8"),
    );
  });
});

describe("reactions when a subject's job fails", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  const ENTITIES: EntityName[] = [
    "issues",
    "pull_requests",
    "pr_reviews",
    "pr_review_comments",
    "releases",
    "reactions",
  ];
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 11 });
    repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
  });
  afterAll(() => fake.close());
  const expectedOf = (types: string[]) =>
    E.expectedReactions(fake.store, repo, { ...E.everything, discussions: false }).filter((r) =>
      types.includes(r.subject_type as string),
    );
  const manifestJob = (dir: string, name: string) =>
    (
      JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
        jobs: Array<{ name: string; status: string; records: number; error: string | null }>;
        files: Record<string, unknown>;
      }
    ).jobs.find((j) => j.name === name);

  it("pr_reviews failing: every pull request's reactions are still read, from the saved file", async () => {
    // The reviews batches answer 400 (not retried): pr_reviews fails, the rollups it reports never come.
    const { dir, result } = await save(fake, "reviews-fail", ENTITIES, {
      failGraphQL: (body) => body.includes("fragment R on PullRequest"),
    });
    expect(result.exitCode).toBe(1);
    const status = (name: string) => result.results.find((r) => r.name === name)?.status;
    expect(status("pr_reviews")).toBe("failed");
    expect(status("reactions")).toBe("succeeded");
    const pulls = expectedOf(["pull_request"]);
    expect(pulls.length).toBeGreaterThan(0);
    expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(
      expectedOf(["issue", "pull_request", "pr_review_comment", "release"]),
    );
    expect(manifestJob(dir, "reactions")?.status).toBe("succeeded");
  });

  it("pr_review_comments failing: the others' reactions are saved, the job is a partial skip naming it", async () => {
    fake.configure({
      script: [{ route: "GET /repos/{owner}/{repo}/pulls/comments", status: 422, times: 100 }],
    });
    try {
      const { dir, result } = await save(fake, "review-comments-fail", ENTITIES);
      expect(result.exitCode).toBe(1);
      expect(result.results.find((r) => r.name === "pr_review_comments")?.status).toBe("failed");
      const reactions = result.results.find((r) => r.name === "reactions");
      expect(reactions?.status).toBe("skipped");
      expect(reactions?.error).toBe(
        "partial: the reactions of pr_review_comments (its job failed) are not saved; the other subjects' are",
      );
      const saved = expectedOf(["issue", "pull_request", "release"]);
      expect(expectedOf(["pr_review_comment"]).length).toBeGreaterThan(0);
      expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(saved);
      // Listed (so verify checks it) but not claimed complete.
      expect(manifestJob(dir, "reactions")).toMatchObject({ status: "skipped", records: saved.length });
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
        files: Record<string, { records: number }>;
      };
      expect(manifest.files["reactions.jsonl"]?.records).toBe(saved.length);
    } finally {
      fake.configure({ script: [] });
    }
  });
});
