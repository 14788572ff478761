// GraphQL reads keep caches (parsed documents, per-repository indexes and
// orderings); none of them may hide a write. The same query text is sent
// before and after REST writes and must show every change.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, OWNER, REPO, useWriteFixture } from "../write/setup.js";

const fx = useWriteFixture();
const repo = { owner: OWNER, repo: REPO };

interface IssueView {
  number: number;
  title: string;
  state: string;
  comments: { totalCount: number };
  labels: { nodes: Array<{ name: string }> };
  assignees: { nodes: Array<{ login: string }> };
  subIssues: { nodes: Array<{ number: number }> };
  timelineItems: { nodes: Array<{ actor: { login: string } | null }> };
}

interface View {
  repository: Record<string, IssueView> & { recent: { nodes: Array<{ number: number }> } };
}

function batchQuery(numbers: number[]): string {
  const fields = numbers.map((n) => `n${n}: issue(number: ${n}) { ...F }`).join("\n");
  return `query {
    repository(owner: "${OWNER}", name: "${REPO}") {
      ${fields}
      recent: issues(first: 3, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { number } }
    }
  }
  fragment F on Issue {
    number title state
    comments(first: 1) { totalCount }
    labels(first: 10) { nodes { name } }
    assignees(first: 10) { nodes { login } }
    subIssues(first: 10) { nodes { number } }
    timelineItems(itemTypes: [CLOSED_EVENT], last: 1) { nodes { ... on ClosedEvent { actor { login } } } }
  }`;
}

async function read(query: string): Promise<View> {
  const res = await fetch(fx.fake.graphqlUrl, {
    method: "POST",
    headers: { authorization: `bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data: View; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe("GraphQL reads after writes", () => {
  it("show every REST write, for the same query text", async () => {
    const create = async (title: string) => (await fx.octokit.rest.issues.create({ ...repo, title })).data;
    const a = await create("A");
    const b = await create("B");
    const c = await create("C");
    const d = await create("D");
    await fx.octokit.rest.issues.createLabel({ ...repo, name: "bug", color: "d73a4a" });
    const query = batchQuery([a.number, b.number, c.number]);

    const before = (await read(query)).repository;
    expect(before[`n${a.number}`]).toMatchObject({
      title: "A",
      state: "OPEN",
      comments: { totalCount: 0 },
      subIssues: { nodes: [] },
    });
    expect(before[`n${b.number}`]?.labels.nodes).toEqual([]);
    expect(before[`n${c.number}`]?.timelineItems.nodes).toEqual([]);
    expect(before.recent.nodes[0]?.number).toBe(d.number);

    await fx.octokit.rest.issues.createComment({ ...repo, issue_number: a.number, body: "first" });
    await fx.octokit.rest.issues.addSubIssue({ ...repo, issue_number: a.number, sub_issue_id: d.id });
    await fx.octokit.rest.issues.update({ ...repo, issue_number: c.number, state: "closed" });
    await fx.octokit.rest.issues.update({ ...repo, issue_number: c.number, assignees: [OWNER] });
    await fx.octokit.rest.issues.update({ ...repo, issue_number: b.number, title: "B2", labels: ["bug"] });

    const after = (await read(query)).repository;
    expect(after[`n${a.number}`]).toMatchObject({
      comments: { totalCount: 1 },
      subIssues: { nodes: [{ number: d.number }] },
    });
    expect(after[`n${b.number}`]).toMatchObject({ title: "B2", labels: { nodes: [{ name: "bug" }] } });
    expect(after[`n${c.number}`]).toMatchObject({
      state: "CLOSED",
      assignees: { nodes: [{ login: OWNER }] },
      timelineItems: { nodes: [{ actor: { login: OWNER } }] },
    });
    expect(after.recent.nodes[0]?.number).toBe(b.number);
  });
});
