// After a content-creating write fails ambiguously (5xx, reset, timeout),
// GitHub may have created the object anyway. Before the scheduler sends the
// write again it asks this: every body a restore creates starts with a hidden
// marker, so the object is looked up among the target's newest ones written
// by the restoring account (anyone else's copy of the marker does not count);
// a release is looked up by its tag. Found → the write is not repeated.
import type { GitHubClient } from "../github/client.js";
import type { RequestOptions, RequestResult } from "../github/scheduler.js";
import { firstMarkerIn } from "./bodies.js";
import { authorOf, restoringLogin } from "./restoring-account.js";

type Lookup = { route: string; params: Record<string, unknown>; many: boolean };

function lookupFor(url: string, options: RequestOptions): Lookup | null {
  switch (url) {
    case "/repos/{owner}/{repo}/issues":
      return {
        route: "GET /repos/{owner}/{repo}/issues",
        params: { state: "all", sort: "created", direction: "desc", per_page: 100 },
        many: false,
      };
    case "/repos/{owner}/{repo}/pulls":
      return {
        route: "GET /repos/{owner}/{repo}/pulls",
        params: { state: "all", sort: "created", direction: "desc", per_page: 100 },
        many: false,
      };
    case "/repos/{owner}/{repo}/issues/{issue_number}/comments":
      return {
        route: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
        params: { issue_number: options.issue_number, per_page: 100 },
        many: true,
      };
    case "/repos/{owner}/{repo}/pulls/{pull_number}/reviews":
      return {
        route: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
        params: { pull_number: options.pull_number, per_page: 100 },
        many: true,
      };
    case "/repos/{owner}/{repo}/pulls/{pull_number}/comments":
    case "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies":
      return {
        route: "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
        params: { pull_number: options.pull_number, per_page: 100 },
        many: true,
      };
    default:
      return null;
  }
}

function found(data: unknown, url: string): RequestResult {
  return { status: 201, url, headers: {}, data } as RequestResult;
}

/** The recovery hook for one restore's client; `client` is bound once it exists. */
export function createWriteRecovery(client: () => GitHubClient) {
  return async (options: RequestOptions): Promise<RequestResult | undefined> => {
    const octokit = client().octokit;
    const url = String(options.url);
    const base = { owner: options.owner, repo: options.repo };
    if (url === "/repos/{owner}/{repo}/releases") {
      try {
        const release = await octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
          ...base,
          tag: String(options.tag_name),
        } as never);
        return found(release.data, url);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    }
    if (url === "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues") {
      // A link is identified by its ends: is the child already under this parent?
      const children = (await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
        ...base,
        issue_number: options.issue_number,
        per_page: 100,
      } as never)) as Array<{ id?: unknown }>;
      const child = children.find((c) => c.id === options.sub_issue_id);
      return child === undefined ? undefined : found(child, url);
    }
    const marker = firstMarkerIn(typeof options.body === "string" ? options.body : null);
    const lookup = lookupFor(url, options);
    if (!marker || !lookup) throw new Error(`cannot tell whether ${options.method} ${url} was applied`);
    const login = await restoringLogin(client());
    const params = { ...base, ...lookup.params } as never;
    const pages = lookup.many
      ? ((await octokit.paginate(lookup.route, params)) as unknown[])
      : ((await octokit.request(lookup.route, params)).data as unknown[]);
    const match = (pages as Array<Record<string, unknown>>).find(
      (item) =>
        authorOf(item) === login && typeof item.body === "string" && firstMarkerIn(item.body) === marker,
    );
    return match === undefined ? undefined : found(match, url);
  };
}
