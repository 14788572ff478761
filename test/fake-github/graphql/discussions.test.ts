// The fake's discussions over GraphQL: what a repository with discussions
// off answers, nested connections paged with totalCount, and the mutations
// with GitHub's refusals (no write access, an unknown id, an answer in a
// category that takes none, a reply to a reply joining its thread).
import { describe, expect, it } from "vitest";
import { findRepo } from "../../../fake-github/store/create-store.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { makeEnv, run } from "./helpers.js";

function sample(env: ReturnType<typeof makeEnv>): FakeRepo {
  const repo = findRepo(env.store, "octo-org", "sample");
  if (!repo) throw new Error("no sample");
  return repo;
}

/** The value at `path` in a GraphQL answer. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | null)?.[key];
  return current;
}

interface CommentNode {
  databaseId: number;
  replies: { totalCount: number; pageInfo: { hasNextPage: boolean } };
}
interface CommentPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  nodes: CommentNode[];
}

const COMMENT = `mutation($d: ID!, $body: String!, $reply: ID) { addDiscussionComment(input: { discussionId: $d, body: $body, replyToId: $reply }) { comment { databaseId replyTo { databaseId } } } }`;

describe("fake GraphQL discussions", () => {
  it("pages a discussion's comments and a comment's replies beyond 100, with their totals", async () => {
    const env = makeEnv("medium", 2);
    const repo = sample(env);
    const long = repo.discussions[0];
    if (!long) throw new Error("no discussion");
    const query = `query($n: Int!, $after: String) { repository(owner: "octo-org", name: "sample") { discussion(number: $n) { comments(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { databaseId replies(first: 100) { totalCount pageInfo { hasNextPage } } } } } } }`;
    const first = await run(env, query, { n: long.number });
    const comments = at(first.body.data, "repository", "discussion", "comments") as CommentPage;
    expect(comments.totalCount).toBe(
      repo.discussionComments.filter((c) => c.discussion_number === long.number && c.reply_to_id === null)
        .length,
    );
    expect(comments.totalCount).toBeGreaterThan(100);
    expect(comments.pageInfo.hasNextPage).toBe(true);
    expect(comments.nodes.some((c) => c.replies.totalCount > 100 && c.replies.pageInfo.hasNextPage)).toBe(
      true,
    );
    const second = await run(env, query, { n: long.number, after: comments.pageInfo.endCursor });
    const rest = at(second.body.data, "repository", "discussion", "comments") as CommentPage;
    expect(comments.nodes.length + rest.nodes.length).toBe(comments.totalCount);
  });

  it("answers empty connections and no discussion when discussions are off", async () => {
    const env = makeEnv("small");
    const repo = sample(env);
    repo.settings.has_discussions = false;
    const result = await run(
      env,
      `{ repository(owner: "octo-org", name: "sample") { hasDiscussionsEnabled discussions(first: 10) { totalCount } discussionCategories(first: 10) { totalCount } } }`,
    );
    expect(result.body.data).toEqual({
      repository: {
        hasDiscussionsEnabled: false,
        discussions: { totalCount: 0 },
        discussionCategories: { totalCount: 0 },
      },
    });
  });

  it("threads a reply to a reply under the top-level comment", async () => {
    const env = makeEnv("small");
    const repo = sample(env);
    const reply = repo.discussionComments.find((c) => c.reply_to_id !== null);
    const discussion = repo.discussions.find((d) => d.number === reply?.discussion_number);
    if (!reply || !discussion) throw new Error("no reply");
    const result = await run(env, COMMENT, { d: discussion.node_id, body: "again", reply: reply.node_id });
    expect(result.body.errors).toBeUndefined();
    expect(at(result.body.data, "addDiscussionComment", "comment", "replyTo", "databaseId")).toBe(
      reply.reply_to_id,
    );
  });

  it("refuses a write without write access, an unknown id, and an answer in a category that takes none", async () => {
    const env = makeEnv("small");
    const repo = sample(env);
    const discussion = repo.discussions.find((d) => {
      const category = repo.discussionCategories.find((c) => c.id === d.categoryId);
      return category && !category.is_answerable;
    });
    const comment = repo.discussionComments.find((c) => c.discussion_number === discussion?.number);
    if (!discussion || !comment) throw new Error("no comment in a category without answers");
    const readOnly = {
      viewer: env.ds.tokenUser,
      token: {
        userId: env.ds.tokenUser.id,
        read: "*" as const,
        write: [],
        createRepos: false,
        importApi: false,
      },
    };
    const denied = await run(env, COMMENT, { d: discussion.node_id, body: "x" }, readOnly);
    expect(denied.body.errors?.[0]?.type).toBe("FORBIDDEN");
    const unknown = await run(env, COMMENT, { d: "D_kwDOnope", body: "x" });
    expect(unknown.body.errors?.[0]?.type).toBe("NOT_FOUND");
    const answer = await run(
      env,
      `mutation($id: ID!) { markDiscussionCommentAsAnswer(input: { id: $id }) { clientMutationId } }`,
      { id: comment.node_id },
    );
    expect(answer.body.errors?.[0]?.type).toBe("UNPROCESSABLE");
    expect(discussion.answerCommentId).toBeNull();
  });

  it("creates, closes with a reason, locks and labels a discussion", async () => {
    const env = makeEnv("small");
    const repo = sample(env);
    const category = repo.discussionCategories.find((c) => c.name === "General");
    const label = repo.labels[0];
    if (!category || !label) throw new Error("no category or label");
    const created = await run(
      env,
      `mutation($r: ID!, $c: ID!) { createDiscussion(input: { repositoryId: $r, categoryId: $c, title: "T", body: "B" }) { discussion { id number } } }`,
      { r: repo.node_id, c: category.node_id },
    );
    const { id, number } = at(created.body.data, "createDiscussion", "discussion") as {
      id: string;
      number: number;
    };
    expect(number).toBe(repo.nextIssueNumber - 1);
    for (const [text, vars] of [
      [
        `mutation($id: ID!) { closeDiscussion(input: { discussionId: $id, reason: OUTDATED }) { clientMutationId } }`,
        { id },
      ],
      [
        `mutation($id: ID!) { lockLockable(input: { lockableId: $id, lockReason: TOO_HEATED }) { clientMutationId } }`,
        { id },
      ],
      [
        `mutation($id: ID!, $l: [ID!]!) { addLabelsToLabelable(input: { labelableId: $id, labelIds: $l }) { clientMutationId } }`,
        { id, l: [label.node_id] },
      ],
    ] as const) {
      expect((await run(env, text, vars)).body.errors).toBeUndefined();
    }
    const made = repo.discussions.find((d) => d.number === number);
    expect(made).toMatchObject({
      closed: true,
      state_reason: "outdated",
      locked: true,
      active_lock_reason: "too heated",
      labelIds: [label.id],
    });
  });
});
