// GitHub's node-count and point-cost formulas (reference github-api.md §1.2, §6.2).
import { getOperationAST, getVariableValues, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { analyzeQuery } from "../../../fake-github/graphql/cost.js";
import { fakeSchema } from "../../../fake-github/graphql/schema.js";

function analyze(source: string, variables: Record<string, unknown> = {}) {
  const schema = fakeSchema();
  const document = parse(source);
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no operation");
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!coerced.coerced) throw new Error("bad variables");
  return analyzeQuery(schema, document, operation, coerced.coerced);
}

describe("query cost analysis", () => {
  it("reproduces GitHub's documented example shape: 1 + 100 + 5,000 requests = 51 points", () => {
    // Docs: repositories(100) → issues(50) → labels(60). Same shape on this schema.
    const result = analyze(`{
      repository(owner: "o", name: "r") {
        pullRequests(first: 100) { nodes { reviews(first: 50) { nodes { comments(first: 60) { nodes { body } } } } } }
      }
    }`);
    expect(result.requests).toBe(5101);
    expect(result.cost).toBe(51);
    expect(result.nodeCount).toBe(100 + 100 * 50 + 100 * 50 * 60);
  });

  it("costs the reference's issue query 2 points and 6,550 nodes", () => {
    const result = analyze(
      `query($cursor: String) {
        rateLimit { cost remaining resetAt }
        repository(owner: "o", name: "r") {
          issues(first: 50, after: $cursor) {
            nodes {
              labels(first: 20) { nodes { name } }
              assignees(first: 10) { nodes { login } }
              subIssues(first: 50) { nodes { number } }
              comments(first: 50) { nodes { body } }
            }
          }
        }
      }`,
      { cursor: null },
    );
    expect(result.requests).toBe(201);
    expect(result.cost).toBe(2);
    expect(result.nodeCount).toBe(6550);
  });

  it("has a minimum cost of 1 and counts no nodes without connections", () => {
    const result = analyze(
      `{ viewer { login } repository(owner: "o", name: "r") { issue(number: 1) { title } } }`,
    );
    expect(result).toEqual({ nodeCount: 0, requests: 0, cost: 1, dryRun: false });
  });

  it("reads page sizes from variables, follows fragments and honours @skip/@include", () => {
    const result = analyze(
      `query($n: Int!, $skipPrs: Boolean!) {
        repository(owner: "o", name: "r") {
          ...Issues
          pullRequests(last: $n) @skip(if: $skipPrs) { nodes { number } }
          milestones(first: 10) @include(if: false) { nodes { title } }
        }
      }
      fragment Issues on Repository {
        issues(first: $n) { nodes { ... on Issue { comments(first: 10) { nodes { body } } } } }
      }`,
      { n: 30, skipPrs: true },
    );
    expect(result.requests).toBe(1 + 30);
    expect(result.nodeCount).toBe(30 + 30 * 10);
  });

  it("counts each alias separately", () => {
    const aliases = Array.from(
      { length: 100 },
      (_, i) =>
        `i${i}: issueOrPullRequest(number: ${i + 1}) { ... on Issue { comments(first: 100) { totalCount } } }`,
    ).join("\n");
    const result = analyze(`{ repository(owner: "o", name: "r") { ${aliases} } }`);
    expect(result.requests).toBe(100);
    expect(result.cost).toBe(1);
    expect(result.nodeCount).toBe(10_000);
  });

  it("scales a fragment reached under different page sizes by each of them", () => {
    const result = analyze(
      `query($withAssignees: Boolean!) {
        repository(owner: "o", name: "r") {
          a: issues(first: 20) { nodes { ...L } }
          b: pullRequests(first: 5) { nodes { ...L } }
          c: issue(number: 1) { ...L }
          d: issue(number: 2) { ...L }
        }
      }
      fragment L on Issue {
        labels(first: 10) { nodes { name } }
        assignees(first: 5) @include(if: $withAssignees) { nodes { login } }
      }`,
      { withAssignees: true },
    );
    // a: 1 + 20 × 2 requests, 20 + 20 × 15 nodes; b: 1 + 5 × 2, 5 + 5 × 15; c and d: 2 and 15 each.
    expect(result.requests).toBe(41 + 11 + 2 + 2);
    expect(result.nodeCount).toBe(320 + 80 + 15 + 15);
  });

  it("detects rateLimit(dryRun: true)", () => {
    expect(analyze(`{ rateLimit(dryRun: true) { cost } }`).dryRun).toBe(true);
    expect(analyze(`{ rateLimit { cost } }`).dryRun).toBe(false);
  });
});
