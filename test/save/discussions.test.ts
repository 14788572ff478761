// Saving discussions: the three files equal the fake's state on small, tricky
// and medium (medium has a discussion with more comments than a GraphQL page
// and a comment with more replies than one); counts short of GitHub's totals
// are read again, and a shortfall that remains fails the job naming the
// discussion and both counts; a repository with discussions off is skipped.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo, FakeStore } from "../../fake-github/store/types.js";
import { verifyBackup } from "../../src/backup/verify.js";
import { RECORD_FILES } from "../../src/entities/index.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { type Row, readJsonl } from "./expected.js";
import { saveRequest } from "./helpers.js";

const roots: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-discussions-"));
  roots.push(dir);
  return join(dir, "backup");
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

const login = (store: FakeStore, id: number | null) =>
  id === null ? null : (store.users.get(id)?.login ?? null);
const loginOf = (v: unknown) => (v as { login: string } | null)?.login ?? null;

function expectedCategories(repo: FakeRepo): Row[] {
  return repo.discussionCategories
    .map((c) => ({
      id: c.node_id,
      name: c.name,
      slug: c.slug,
      emoji: c.emoji,
      description: c.description,
      is_answerable: c.is_answerable,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function expectedDiscussions(store: FakeStore, repo: FakeRepo): Row[] {
  return [...repo.discussions]
    .sort((a, b) => a.number - b.number)
    .map((d) => {
      const category = repo.discussionCategories.find((c) => c.id === d.categoryId);
      return {
        id: d.id,
        number: d.number,
        title: d.title,
        body: d.body,
        category: { name: category?.name, slug: category?.slug },
        user: login(store, d.userId),
        labels: [...d.labelIds].sort((a, b) => a - b).map((id) => repo.labels.find((l) => l.id === id)?.name),
        locked: d.locked,
        active_lock_reason: d.active_lock_reason,
        closed: d.closed,
        state_reason: d.state_reason,
        answer_comment_id: d.answerCommentId,
        upvote_count: d.upvote_count,
        created_at: d.created_at,
        closed_at: d.closed_at,
      };
    });
}

function expectedComments(store: FakeStore, repo: FakeRepo): Row[] {
  return [...repo.discussionComments]
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      id: c.id,
      discussion_number: c.discussion_number,
      reply_to_id: c.reply_to_id,
      body: c.body,
      user: login(store, c.userId),
      is_answer: repo.discussions.find((d) => d.number === c.discussion_number)?.answerCommentId === c.id,
      upvote_count: c.upvote_count,
      created_at: c.created_at,
    }));
}

const projectCategory = (r: Row): Row => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  emoji: r.emoji,
  description: r.description,
  is_answerable: r.is_answerable,
});
const projectDiscussion = (r: Row): Row => ({
  id: r.id,
  number: r.number,
  title: r.title,
  body: r.body,
  category: r.category,
  user: loginOf(r.user),
  labels: (r.labels as Array<{ name: string }>).map((l) => l.name),
  locked: r.locked,
  active_lock_reason: r.active_lock_reason,
  closed: r.closed,
  state_reason: r.state_reason,
  answer_comment_id: r.answer_comment_id,
  upvote_count: r.upvote_count,
  created_at: r.created_at,
  closed_at: r.closed_at,
});
const projectComment = (r: Row): Row => ({
  id: r.id,
  discussion_number: r.discussion_number,
  reply_to_id: r.reply_to_id,
  body: r.body,
  user: loginOf(r.user),
  is_answer: r.is_answer,
  upvote_count: r.upvote_count,
  created_at: r.created_at,
});

function sampleOf(fake: FakeGitHub): FakeRepo {
  const repo = findRepo(fake.store, "octo-org", "sample");
  if (!repo) throw new Error("no sample repository");
  return repo;
}

function save(fake: FakeGitHub, dir: string, fetchImpl?: typeof fetch) {
  const request = saveRequest(fake, dir, { entities: ["discussions"] });
  if (fetchImpl) request.client = { ...request.client, fetch: fetchImpl };
  return new SaveRepositoryUseCase().execute(request);
}

describe.each(["small", "tricky", "medium"] as const)("discussions of the %s dataset", (dataset) => {
  it("saves every category, discussion, comment and reply as the server holds them", async () => {
    const fake = await startFakeGitHub({ dataset, seed: 5 });
    try {
      const repo = sampleOf(fake);
      const dir = freshDir();
      const result = await save(fake, dir);
      expect(result.results.map((r) => [r.name, r.status])).toEqual([["discussions", "succeeded"]]);
      expect(readJsonl(dir, "discussion_categories.jsonl").map(projectCategory)).toEqual(
        expectedCategories(repo),
      );
      expect(readJsonl(dir, "discussions.jsonl").map(projectDiscussion)).toEqual(
        expectedDiscussions(fake.store, repo),
      );
      const comments = readJsonl(dir, "discussion_comments.jsonl");
      expect(comments.map(projectComment)).toEqual(expectedComments(fake.store, repo));
      // Every dataset has replies, answers, closed and locked discussions.
      expect(comments.some((c) => c.reply_to_id !== null)).toBe(true);
      expect(comments.some((c) => c.is_answer)).toBe(true);
      const discussions = readJsonl(dir, "discussions.jsonl");
      expect(discussions.some((d) => d.closed)).toBe(true);
      expect(discussions.some((d) => d.locked)).toBe(true);
      expect(new Set(discussions.map((d) => d.state_reason))).toEqual(
        new Set([null, "resolved", "outdated", "duplicate"]),
      );
      if (dataset === "medium") {
        const perDiscussion = new Map<unknown, number>();
        const perComment = new Map<unknown, number>();
        for (const c of comments) {
          if (c.reply_to_id === null)
            perDiscussion.set(c.discussion_number, (perDiscussion.get(c.discussion_number) ?? 0) + 1);
          else perComment.set(c.reply_to_id, (perComment.get(c.reply_to_id) ?? 0) + 1);
        }
        expect(Math.max(...perDiscussion.values())).toBeGreaterThan(100);
        expect(Math.max(...perComment.values())).toBeGreaterThan(100);
      }
      const report = await verifyBackup(dir, RECORD_FILES);
      expect(report.problems).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

/** A fetch that drops the nodes with the given global ids from GraphQL answers, `times` times at most. */
function hidingFetch(ids: ReadonlySet<string>, times: number): typeof fetch {
  let left = times;
  const strip = (value: unknown): boolean => {
    let removed = false;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i] as { id?: unknown } | null;
        if (item && typeof item.id === "string" && ids.has(item.id)) {
          value.splice(i, 1);
          removed = true;
        } else if (strip(item)) removed = true;
      }
    } else if (typeof value === "object" && value !== null) {
      for (const child of Object.values(value)) if (strip(child)) removed = true;
    }
    return removed;
  };
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith("/graphql") || left <= 0 || response.status !== 200) return response;
    const body = (await response.json()) as unknown;
    if (strip(body)) left--;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(JSON.stringify(body), { status: 200, headers });
  };
}

describe("discussion counts reconciled against GitHub's totals", () => {
  let fake: FakeGitHub;
  afterAll(() => fake?.close());

  it("a reply missing once is read again: the same files as a clean save", async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 8 });
    const repo = sampleOf(fake);
    const reply = repo.discussionComments.find((c) => c.reply_to_id !== null);
    if (!reply) throw new Error("no reply");
    const clean = freshDir();
    expect((await save(fake, clean)).exitCode).toBe(0);
    const healed = freshDir();
    const result = await save(fake, healed, hidingFetch(new Set([reply.node_id]), 1));
    expect(result.exitCode).toBe(0);
    expect(readJsonl(healed, "discussion_comments.jsonl")).toEqual(
      readJsonl(clean, "discussion_comments.jsonl"),
    );
  });

  it("a reply always missing fails the job, naming the discussion and both counts", async () => {
    const repo = sampleOf(fake);
    const reply = repo.discussionComments.find((c) => c.reply_to_id !== null);
    if (!reply) throw new Error("no reply");
    const parent = reply.reply_to_id;
    const total = repo.discussionComments.filter((c) => c.reply_to_id === parent).length;
    const result = await save(fake, freshDir(), hidingFetch(new Set([reply.node_id]), 1_000));
    const job = result.results.find((r) => r.name === "discussions");
    expect(job?.status).toBe("failed");
    expect(job?.error).toContain(`replies to comment ${parent} of discussion #${reply.discussion_number}`);
    expect(job?.error).toContain(`GitHub counted ${total} but listed ${total - 1}`);
  });

  it("a discussion missing from every list fails the job with both counts", async () => {
    const repo = sampleOf(fake);
    const hidden = repo.discussions[2];
    if (!hidden) throw new Error("no discussion");
    const result = await save(fake, freshDir(), hidingFetch(new Set([hidden.node_id]), 1_000));
    const job = result.results.find((r) => r.name === "discussions");
    expect(job?.status).toBe("failed");
    expect(job?.error).toContain(
      `discussions: GitHub counted ${repo.discussions.length} but listed ${repo.discussions.length - 1}`,
    );
  });
});

describe("a repository with discussions turned off", () => {
  it("is skipped cleanly, with no discussion file", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 2 });
    try {
      sampleOf(fake).settings.has_discussions = false;
      const dir = freshDir();
      const result = await save(fake, dir);
      expect(result.exitCode).toBe(0);
      const job = result.results.find((r) => r.name === "discussions");
      expect(job?.status).toBe("skipped");
      expect(() => readJsonl(dir, "discussions.jsonl")).toThrow();
    } finally {
      await fake.close();
    }
  });
});
