// The GraphQL endpoint serves the generated datasets faithfully: nested
// connections, sub-issues across repositories, reviews and threads, releases,
// node ids that round-trip, and cursor pagination in both directions.
import { describe, expect, it } from "vitest";
import { insertIssueComment } from "../../../fake-github/data/records.js";
import { findIssueById } from "../../../fake-github/store/lookup.js";
import type { FakeIssue } from "../../../fake-github/store/types.js";
import { at, makeEnv, repoArgs, run } from "./helpers.js";

function byCreated(a: FakeIssue, b: FakeIssue): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.number - b.number;
}

describe("GraphQL over the small dataset", () => {
  const env = makeEnv("small");
  const repo = env.ds.repo;
  const issues = [...repo.issues.values()].filter((i) => !i.pull).sort(byCreated);
  const pulls = [...repo.issues.values()].filter((i) => i.pull).sort(byCreated);

  it("returns issues (never PRs) with their nested labels, assignees and comments", async () => {
    const res = await run(
      env,
      `{ repository(${repoArgs}) {
          issues(first: 100) { totalCount nodes {
            number databaseId fullDatabaseId id title body state stateReason(enableDuplicate: true)
            createdAt updatedAt closedAt author { login }
            milestone { number }
            labels(first: 100) { totalCount nodes { name color } }
            assignees(first: 100) { nodes { login } }
            comments(first: 100) { totalCount nodes { databaseId body author { login } } }
          } } } }`,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const nodes = at(res.body.data, "repository.issues.nodes") as Array<Record<string, unknown>>;
    expect(at(res.body.data, "repository.issues.totalCount")).toBe(issues.length);
    expect(nodes.map((n) => n.number)).toEqual(issues.map((i) => i.number));
    for (const [index, issue] of issues.entries()) {
      const node = nodes[index] as Record<string, unknown>;
      const comments = repo.comments
        .filter((c) => c.issue_number === issue.number)
        .sort((a, b) => a.id - b.id);
      expect(node).toMatchObject({
        databaseId: issue.id,
        fullDatabaseId: String(issue.id),
        id: issue.node_id,
        title: issue.title,
        body: issue.body ?? "",
        state: issue.state.toUpperCase(),
        stateReason: issue.state_reason?.toUpperCase() ?? null,
        createdAt: issue.created_at,
        updatedAt: issue.updated_at,
        closedAt: issue.closed_at,
        author: issue.userId === null ? null : { login: env.store.users.get(issue.userId)?.login },
        milestone: issue.milestoneNumber === null ? null : { number: issue.milestoneNumber },
        labels: {
          totalCount: issue.labelIds.length,
          // Default order: label creation (CREATED_AT ASC), not the order they were applied in.
          nodes: [...issue.labelIds]
            .sort((a, b) => a - b)
            .map((id) => {
              const label = repo.labels.find((l) => l.id === id);
              return { name: label?.name, color: label?.color };
            }),
        },
        assignees: { nodes: issue.assigneeIds.map((id) => ({ login: env.store.users.get(id)?.login })) },
        comments: {
          totalCount: comments.length,
          nodes: comments.map((c) => ({
            databaseId: c.id,
            body: c.body,
            author: c.userId === null ? null : { login: env.store.users.get(c.userId)?.login },
          })),
        },
      });
    }
  });

  it("returns pull requests with reviews, review threads and their comments", async () => {
    const res = await run(
      env,
      `{ repository(${repoArgs}) {
          pullRequests(first: 100) { totalCount nodes {
            number databaseId id state isDraft merged mergedAt headRefName headRefOid baseRefName baseRefOid
            mergeCommit { oid }
            reviews(first: 100) { totalCount nodes { databaseId state body submittedAt commit { oid } author { login } } }
            reviewThreads(first: 20) { totalCount nodes {
              path diffSide line
              comments(first: 20) { nodes { databaseId path line originalLine diffHunk replyTo { databaseId }
                pullRequestReview { databaseId } commit { oid } originalCommit { oid } subjectType } }
            } }
          } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = at(res.body.data, "repository.pullRequests.nodes") as Array<Record<string, unknown>>;
    expect(nodes.map((n) => n.number)).toEqual(pulls.map((p) => p.number));
    let reviewComments = 0;
    for (const [index, pr] of pulls.entries()) {
      const pull = pr.pull;
      if (!pull) throw new Error("not a PR");
      const node = nodes[index] as Record<string, unknown>;
      const reviews = repo.reviews.filter((r) => r.pull_number === pr.number).sort((a, b) => a.id - b.id);
      expect(node).toMatchObject({
        databaseId: pull.id,
        id: pull.node_id,
        state: pull.merged_at ? "MERGED" : pr.state.toUpperCase(),
        isDraft: pull.draft,
        merged: pull.merged_at !== null,
        headRefName: pull.head.ref,
        headRefOid: pull.head.sha,
        baseRefName: pull.base.ref,
        baseRefOid: pull.base.sha,
        mergeCommit: pull.merged_at && pull.merge_commit_sha ? { oid: pull.merge_commit_sha } : null,
        reviews: {
          totalCount: reviews.length,
          nodes: reviews.map((r) => ({
            databaseId: r.id,
            state: r.state,
            body: r.body,
            commit: { oid: r.commit_id },
          })),
        },
      });
      const threads = at(node, "reviewThreads.nodes") as Array<{
        comments: { nodes: Array<Record<string, unknown>> };
      }>;
      const roots = repo.reviewComments.filter(
        (c) => c.pull_number === pr.number && c.in_reply_to_id === null,
      );
      expect(threads.length).toBe(roots.length);
      for (const thread of threads) {
        const [root, ...replies] = thread.comments.nodes;
        expect(root?.replyTo).toBeNull();
        for (const reply of replies) expect(reply.replyTo).toEqual({ databaseId: root?.databaseId });
        reviewComments += thread.comments.nodes.length;
      }
    }
    expect(reviewComments).toBe(repo.reviewComments.length);
  });

  it("pages through issues forward with after and backward with last/before", async () => {
    const query = `query($first: Int, $last: Int, $after: String, $before: String) {
      repository(${repoArgs}) {
        issues(first: $first, last: $last, after: $after, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { number } }
        } } }`;
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      edges: Array<{ cursor: string; node: { number: number } }>;
    };
    const forward: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const res = await run(env, query, { first: 5, after });
      const page = at(res.body.data, "repository.issues") as Page;
      expect(page.totalCount).toBe(issues.length);
      forward.push(...page.edges.map((e) => e.node.number));
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(issues.map((i) => i.number));

    const backward: number[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const res = await run(env, query, { last: 5, before });
      const page = at(res.body.data, "repository.issues") as Page;
      backward.unshift(...page.edges.map((e) => e.node.number));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it("orders by UPDATED_AT and filters with filterBy.since and states", async () => {
    const sorted = [...issues].sort((a, b) =>
      a.updated_at === b.updated_at ? b.number - a.number : a.updated_at < b.updated_at ? 1 : -1,
    );
    const since = sorted[Math.floor(sorted.length / 2)]?.updated_at ?? "";
    const res = await run(
      env,
      `query($since: DateTime) { repository(${repoArgs}) {
         desc: issues(first: 100, orderBy: {field: UPDATED_AT, direction: DESC}) { nodes { number } }
         recent: issues(first: 100, filterBy: {since: $since}) { totalCount }
         open: issues(first: 100, states: [OPEN]) { totalCount }
         closedPrs: pullRequests(first: 100, states: [CLOSED, MERGED]) { totalCount }
       } }`,
      { since },
    );
    expect(res.body.errors).toBeUndefined();
    expect(at(res.body.data, "repository.desc.nodes")).toEqual(sorted.map((i) => ({ number: i.number })));
    expect(at(res.body.data, "repository.recent.totalCount")).toBe(
      issues.filter((i) => i.updated_at >= since).length,
    );
    expect(at(res.body.data, "repository.open.totalCount")).toBe(
      issues.filter((i) => i.state === "open").length,
    );
    expect(at(res.body.data, "repository.closedPrs.totalCount")).toBe(
      pulls.filter((p) => p.state === "closed").length,
    );
  });

  it("serves labels, milestones and releases with their assets", async () => {
    const res = await run(
      env,
      `{ repository(${repoArgs}) {
          labels(first: 100) { totalCount nodes { name color description isDefault } }
          milestones(first: 100) { totalCount nodes { number title state dueOn } }
          releases(first: 100, orderBy: {field: CREATED_AT, direction: ASC}) { totalCount nodes {
            databaseId tagName name isDraft isPrerelease author { login }
            releaseAssets(first: 100) { nodes { name size contentType downloadUrl } }
          } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(at(res.body.data, "repository.labels.nodes")).toEqual(
      repo.labels.map((l) => ({
        name: l.name,
        color: l.color,
        description: l.description,
        isDefault: l.default,
      })),
    );
    expect(at(res.body.data, "repository.milestones.totalCount")).toBe(repo.milestones.length);
    const releases = at(res.body.data, "repository.releases.nodes") as Array<Record<string, unknown>>;
    expect(releases.map((r) => r.databaseId)).toEqual(repo.releases.map((r) => r.id));
    const first = repo.releases[0];
    expect(releases[0]?.releaseAssets).toEqual({
      nodes: first?.assets.map((a) => ({
        name: a.name,
        size: a.data.length,
        contentType: a.content_type,
        downloadUrl: `http://127.0.0.1:1/octo-org/sample/releases/download/${encodeURIComponent(first.tag_name)}/${encodeURIComponent(a.name)}`,
      })),
    });
  });

  it("round-trips node ids through node(id:) and nodes(ids:)", async () => {
    const issue = issues[0];
    const pr = pulls[0];
    const comment = repo.comments[0];
    const review = repo.reviews[0];
    if (!issue || !pr?.pull || !comment || !review) throw new Error("dataset too small");
    const ids = [repo.node_id, issue.node_id, pr.pull.node_id, comment.node_id, review.node_id];
    const res = await run(
      env,
      `query($ids: [ID!]!, $one: ID!) {
        node(id: $one) { __typename id ... on Issue { number } }
        nodes(ids: $ids) { __typename id }
      }`,
      { ids, one: issue.node_id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(at(res.body.data, "node")).toEqual({
      __typename: "Issue",
      id: issue.node_id,
      number: issue.number,
    });
    expect(at(res.body.data, "nodes")).toEqual([
      { __typename: "Repository", id: repo.node_id },
      { __typename: "Issue", id: issue.node_id },
      { __typename: "PullRequest", id: pr.pull.node_id },
      { __typename: "IssueComment", id: comment.node_id },
      { __typename: "PullRequestReview", id: review.node_id },
    ]);

    // Ids the server derives (threads, commits, refs) resolve too.
    const derived = await run(
      env,
      `{ repository(${repoArgs}) {
          defaultBranchRef { id target { id } }
          pullRequest(number: ${pr.number}) { reviewThreads(first: 1) { nodes { id } } }
        } }`,
    );
    const refId = at(derived.body.data, "repository.defaultBranchRef.id") as string;
    const commitId = at(derived.body.data, "repository.defaultBranchRef.target.id") as string;
    const threadIds = at(derived.body.data, "repository.pullRequest.reviewThreads.nodes") as Array<{
      id: string;
    }>;
    const again = await run(env, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
      ids: [refId, commitId, ...threadIds.map((t) => t.id)],
    });
    expect(again.body.errors).toBeUndefined();
    expect((at(again.body.data, "nodes") as Array<{ __typename: string }>).map((n) => n.__typename)).toEqual([
      "Ref",
      "Commit",
      ...threadIds.map(() => "PullRequestReviewThread"),
    ]);
  });

  it("follows a nested connection's cursor through node(id:)", async () => {
    const busiest = [...issues].sort(
      (a, b) =>
        repo.comments.filter((c) => c.issue_number === b.number).length -
        repo.comments.filter((c) => c.issue_number === a.number).length,
    )[0];
    if (!busiest) throw new Error("no issues");
    const expected = repo.comments.filter((c) => c.issue_number === busiest.number).map((c) => c.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const res = await run(
        env,
        `query($id: ID!, $cursor: String) { node(id: $id) { ... on Issue {
           comments(first: 1, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { databaseId } } } } }`,
        { id: busiest.node_id, cursor },
      );
      const page = at(res.body.data, "node.comments") as {
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: Array<{ databaseId: number }>;
      };
      seen.push(...page.nodes.map((n) => n.databaseId));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });
});

describe("GraphQL after the store changes", () => {
  it("sees writes made between requests (orders, comment indexes, node ids)", async () => {
    const env = makeEnv("small");
    const repo = env.ds.repo;
    const query = `{ repository(${repoArgs}) {
      issues(first: 100, orderBy: {field: UPDATED_AT, direction: DESC}) { nodes { number comments(first: 100) { totalCount } } }
      byComments: issues(first: 1, orderBy: {field: COMMENTS, direction: DESC}) { nodes { number } } } }`;
    type Nodes = Array<{ number: number; comments: { totalCount: number } }>;
    const before = at((await run(env, query)).body.data, "repository.issues.nodes") as Nodes;
    const last = before[before.length - 1];
    if (!last) throw new Error("no issues");
    // The least recently updated issue gets 20 new comments, which also bump its updated_at.
    let comment = null;
    for (let i = 0; i < 20; i++) {
      comment = insertIssueComment(env.store, repo, {
        issue_number: last.number,
        body: `late comment ${i}`,
        userId: env.ds.tokenUser.id,
        created_at: "2030-01-01T00:00:00Z",
        updated_at: "2030-01-01T00:00:00Z",
        author_association: "MEMBER",
      });
    }
    const issue = repo.issues.get(last.number);
    if (issue) issue.updated_at = "2030-01-01T00:00:00Z";
    const after = await run(env, query);
    const nodes = at(after.body.data, "repository.issues.nodes") as Nodes;
    expect(nodes[0]).toEqual({
      number: last.number,
      comments: { totalCount: last.comments.totalCount + 20 },
    });
    expect(at(after.body.data, "repository.byComments.nodes")).toEqual([{ number: last.number }]);
    const found = await run(env, `query($id: ID!) { node(id: $id) { ... on IssueComment { body } } }`, {
      id: comment?.node_id,
    });
    expect(found.body.data).toEqual({ node: { body: "late comment 19" } });

    // A deleted issue's id no longer resolves.
    repo.issues.delete(last.number);
    const gone = await run(env, `query($id: ID!) { node(id: $id) { id } }`, { id: issue?.node_id });
    expect(gone.body.data).toEqual({ node: null });
    expect(gone.body.errors?.[0]?.type).toBe("NOT_FOUND");
  });
});

describe("GraphQL over the tricky dataset", () => {
  const env = makeEnv("tricky");
  const repo = env.ds.repo;
  const epic = [...repo.issues.values()].find((i) => i.title === "Epic: three-level tree");

  it("serves sub-issues (one in another repository), their parent and summary", async () => {
    if (!epic) throw new Error("tricky dataset lacks the epic");
    const res = await run(
      env,
      `{ repository(${repoArgs}) { issue(number: ${epic.number}) {
          subIssuesSummary { total completed percentCompleted }
          subIssues(first: 10) { totalCount nodes {
            number databaseId state repository { nameWithOwner }
            parent { number }
            subIssues(first: 10) { nodes { number parent { number } } }
          } }
        } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const children = epic.subIssueIds.map((id) => findIssueById(env.store, id));
    const closed = children.filter((c) => c?.issue.state === "closed").length;
    expect(at(res.body.data, "repository.issue.subIssuesSummary")).toEqual({
      total: children.length,
      completed: closed,
      percentCompleted: Math.floor((closed * 100) / children.length),
    });
    const nodes = at(res.body.data, "repository.issue.subIssues.nodes") as Array<Record<string, unknown>>;
    expect(nodes).toEqual(
      children.map((child) => ({
        number: child?.issue.number,
        databaseId: child?.issue.id,
        state: child?.issue.state.toUpperCase(),
        repository: { nameWithOwner: `${child?.repo.ownerLogin}/${child?.repo.name}` },
        parent: { number: epic.number },
        subIssues: {
          nodes: (child?.issue.subIssueIds ?? []).map((id) => ({
            number: findIssueById(env.store, id)?.issue.number,
            parent: { number: child?.issue.number },
          })),
        },
      })),
    );
    expect(nodes.some((n) => at(n, "repository.nameWithOwner") === "octo-org/sample-tools")).toBe(true);
    expect(nodes.some((n) => (at(n, "subIssues.nodes") as unknown[]).length > 0)).toBe(true);
  });

  it("shows deleted accounts as a null author and bots without the [bot] suffix", async () => {
    const ghostIssue = [...repo.issues.values()].find((i) => i.userId === null && !i.pull);
    const botComment = repo.comments.find((c) => env.store.users.get(c.userId ?? -1)?.type === "Bot");
    if (!ghostIssue || !botComment) throw new Error("tricky dataset lacks ghost/bot content");
    const res = await run(
      env,
      `{ repository(${repoArgs}) {
          ghost: issue(number: ${ghostIssue.number}) { author { login } }
          bot: issueOrPullRequest(number: ${botComment.issue_number}) {
            ... on Issue { comments(first: 100) { nodes { databaseId author { __typename login } } } }
            ... on PullRequest { comments(first: 100) { nodes { databaseId author { __typename login } } } }
          } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(at(res.body.data, "repository.ghost.author")).toBeNull();
    const comments = at(res.body.data, "repository.bot.comments.nodes") as Array<{
      databaseId: number;
      author: { __typename: string; login: string };
    }>;
    expect(comments.find((c) => c.databaseId === botComment.id)?.author).toEqual({
      __typename: "Bot",
      login: "dependabot",
    });
  });

  it("maps lock reasons and state reasons to GitHub's enums", async () => {
    const res = await run(
      env,
      `{ repository(${repoArgs}) { issues(first: 100) { nodes {
          number locked activeLockReason stateReason dup: stateReason(enableDuplicate: true) } } } }`,
    );
    const nodes = at(res.body.data, "repository.issues.nodes") as Array<Record<string, unknown>>;
    const reasons = new Set(nodes.map((n) => n.activeLockReason));
    expect(reasons).toEqual(new Set([null, "OFF_TOPIC", "TOO_HEATED", "RESOLVED", "SPAM"]));
    const duplicate = [...repo.issues.values()].find((i) => i.state_reason === "duplicate");
    const node = nodes.find((n) => n.number === duplicate?.number);
    // Without enableDuplicate GitHub reports a duplicate as NOT_PLANNED.
    expect(node).toMatchObject({ stateReason: "NOT_PLANNED", dup: "DUPLICATE" });
  });
});
