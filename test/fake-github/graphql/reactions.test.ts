// GraphQL `reactions` serves each reactable subject's seeded reactions, by
// node id as the save reads them, paged past 100 with totalCount.
import { describe, expect, it } from "vitest";
import { reactionsOf } from "../../../fake-github/store/reactions.js";
import { at, makeEnv, run } from "./helpers.js";

const FIELDS =
  "totalCount pageInfo { hasNextPage endCursor } nodes { databaseId content createdAt user { login } }";

describe("GraphQL reactions", () => {
  it("answers every kind of subject by node id with its reactions", async () => {
    const env = makeEnv("small");
    const repo = env.ds.repo;
    const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
    const first = items[0];
    const issue = items.find((i) => !i.pull && reactionsOf(repo, "issue", i.id).length > 0);
    const pull = items.find((i) => i.pull && reactionsOf(repo, "issue", i.id).length > 0);
    const comment = repo.comments[0];
    const reviewComment = repo.reviewComments[0];
    const release = repo.releases[0];
    if (!first || !issue || !pull?.pull || !comment || !reviewComment || !release) throw new Error("dataset");
    const subjects = [
      {
        id: first.pull?.node_id ?? first.node_id,
        type: first.pull ? "PullRequest" : "Issue",
        expected: reactionsOf(repo, "issue", first.id),
      },
      { id: issue.node_id, type: "Issue", expected: reactionsOf(repo, "issue", issue.id) },
      { id: pull.pull.node_id, type: "PullRequest", expected: reactionsOf(repo, "issue", pull.id) },
      { id: comment.node_id, type: "IssueComment", expected: reactionsOf(repo, "issue_comment", comment.id) },
      {
        id: reviewComment.node_id,
        type: "PullRequestReviewComment",
        expected: reactionsOf(repo, "review_comment", reviewComment.id),
      },
      { id: release.node_id, type: "Release", expected: reactionsOf(repo, "release", release.id) },
    ];
    const res = await run(
      env,
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ${subjects
        .map((s) => `... on ${s.type} { reactions(first: 100) { ${FIELDS} } }`)
        .join(" ")} } }`,
      { ids: subjects.map((s) => s.id) },
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = at(res.body.data, "nodes") as Array<Record<string, unknown>>;
    for (const [i, subject] of subjects.entries()) {
      expect(subject.expected.length).toBeGreaterThan(0);
      const node = nodes[i] as { __typename: string; reactions: { totalCount: number; nodes: unknown[] } };
      expect(node.__typename).toBe(subject.type);
      expect(node.reactions.totalCount).toBe(subject.expected.length);
      expect(node.reactions.nodes).toEqual(
        subject.expected.map((r) => ({
          databaseId: r.id,
          content: expect.stringMatching(/^[A-Z_]+$/),
          createdAt: r.created_at,
          user: r.userId === null ? null : { login: env.store.users.get(r.userId)?.login },
        })),
      );
    }
    // The first item carries every content.
    const contents = (nodes[0] as { reactions: { nodes: Array<{ content: string }> } }).reactions.nodes.map(
      (n) => n.content,
    );
    expect(new Set(contents)).toEqual(
      new Set(["THUMBS_UP", "THUMBS_DOWN", "LAUGH", "HOORAY", "CONFUSED", "HEART", "ROCKET", "EYES"]),
    );
  });

  it("pages a subject with more than 100 reactions and filters by content", async () => {
    const env = makeEnv("medium");
    const repo = env.ds.repo;
    const issue = [...repo.issues.values()].sort((a, b) => a.number - b.number)[0];
    if (!issue) throw new Error("dataset");
    const type = issue.pull ? "PullRequest" : "Issue";
    const nodeId = issue.pull?.node_id ?? issue.node_id;
    const expected = reactionsOf(repo, "issue", issue.id);
    expect(expected.length).toBeGreaterThan(100);
    const page = (after: string | null) =>
      run(
        env,
        `query($id: ID!, $after: String) { node(id: $id) { ... on ${type} { reactions(first: 100, after: $after) { ${FIELDS} } } } }`,
        {
          id: issue.node_id,
          after,
        },
      );
    const first = at((await page(null)).body.data, "node.reactions") as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: Array<{ databaseId: number }>;
    };
    expect(first.totalCount).toBe(expected.length);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = at((await page(first.pageInfo.endCursor)).body.data, "node.reactions") as {
      pageInfo: { hasNextPage: boolean };
      nodes: Array<{ databaseId: number }>;
    };
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((n) => n.databaseId)).toEqual(expected.map((r) => r.id));

    const hearts = await run(
      env,
      `query($id: ID!) { node(id: $id) { ... on ${type} { reactions(first: 100, content: HEART) { totalCount } } } }`,
      { id: nodeId },
    );
    expect(at(hearts.body.data, "node.reactions.totalCount")).toBe(
      expected.filter((r) => r.content === "heart").length,
    );
  });
});
