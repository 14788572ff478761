// The baseline's collectors: each reads one data type the way the phase-based
// save did — one task per type, its pages one after another (Octokit's
// paginate follows rel="next"), reviews one pull request at a time.
import type { GitHubClient } from "../../src/github/client.js";

export type RestObject = Record<string, unknown>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface CollectContext {
  client: GitHubClient;
  repo: RepoRef;
}

/** Every item of a REST list, page after page (100 per page). */
export async function listAll(
  ctx: CollectContext,
  route: string,
  params: Record<string, unknown> = {},
): Promise<RestObject[]> {
  const iterator = ctx.client.octokit.paginate.iterator as unknown as (
    route: string,
    params: Record<string, unknown>,
  ) => AsyncIterable<{ data: unknown }>;
  const items: RestObject[] = [];
  for await (const page of iterator(route, {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    per_page: 100,
    ...params,
  })) {
    if (!Array.isArray(page.data)) continue;
    for (const item of page.data)
      if (typeof item === "object" && item !== null) items.push(item as RestObject);
  }
  return items;
}

/** Reviews of every pull request, one request (and its pages) per pull request, in order. */
export async function reviewsPerPull(
  ctx: CollectContext,
  pulls: readonly RestObject[],
): Promise<RestObject[]> {
  const reviews: RestObject[] = [];
  for (const pull of pulls) {
    const number = pull.number;
    if (typeof number !== "number") continue;
    for (const review of await listAll(ctx, "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
      pull_number: number,
    })) {
      reviews.push({ ...review, pull_request_number: number });
    }
  }
  return reviews;
}

export interface IssueLinks {
  number: number;
  id: number;
  children: Array<{ number: number; id: number; repository: string }>;
}

const SUB_ISSUES_QUERY = `query($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes { number databaseId subIssues(first: 100) { nodes { number databaseId repository { nameWithOwner } } } }
    }
  }
}`;

interface SubIssuePage {
  repository: {
    issues: {
      nodes: Array<{
        number: number;
        databaseId: number;
        subIssues: {
          nodes: Array<{ number: number; databaseId: number; repository: { nameWithOwner: string } }>;
        };
      }>;
    };
  };
}

/** Every issue's sub-issues, through the issues connection's cursor, page after page. */
export async function subIssueLinks(ctx: CollectContext): Promise<IssueLinks[]> {
  const paginate = ctx.client.octokit.graphql.paginate.iterator as unknown as (
    query: string,
    variables: Record<string, unknown>,
  ) => AsyncIterable<SubIssuePage>;
  const links: IssueLinks[] = [];
  for await (const page of paginate(SUB_ISSUES_QUERY, { owner: ctx.repo.owner, name: ctx.repo.repo })) {
    for (const node of page.repository.issues.nodes) {
      if (node.subIssues.nodes.length === 0) continue;
      links.push({
        number: node.number,
        id: node.databaseId,
        children: node.subIssues.nodes.map((c) => ({
          number: c.number,
          id: c.databaseId,
          repository: c.repository.nameWithOwner,
        })),
      });
    }
  }
  return links;
}
