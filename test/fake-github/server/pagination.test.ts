import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import { failure, octokitFor } from "./helpers.js";

let fake: FakeGitHub;
let owner: string;
let repo: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 7 });
  owner = fake.dataset?.repo.ownerLogin ?? "";
  repo = fake.dataset?.repo.name ?? "";
});
afterAll(() => fake.close());

function parseLink(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /^<([^>]+)>; rel="([a-z]+)"$/.exec(part);
    if (match?.[1] && match[2]) out[match[2]] = match[1];
  }
  return out;
}

describe("page-number pagination", () => {
  it("sends prev, next, last and first links in GitHub's format, keeping other parameters", async () => {
    const octokit = octokitFor(fake);
    const total = fake.dataset?.repo.labels.length ?? 0;
    const lastPage = Math.ceil(total / 4);
    expect(lastPage).toBeGreaterThanOrEqual(3);
    const res = await octokit.request("GET /repos/{owner}/{repo}/labels", {
      owner,
      repo,
      per_page: 4,
      page: 2,
    });
    const base = `${fake.url}/repos/${owner}/${repo}/labels?per_page=4&page=`;
    expect(res.headers.link).toBe(
      `<${base}1>; rel="prev", <${base}3>; rel="next", <${base}${lastPage}>; rel="last", <${base}1>; rel="first"`,
    );
    expect(res.data).toHaveLength(4);

    const first = await octokit.request("GET /repos/{owner}/{repo}/labels", { owner, repo, per_page: 4 });
    expect(Object.keys(parseLink(first.headers.link))).toEqual(["next", "last"]);
    const last = await octokit.request("GET /repos/{owner}/{repo}/labels", {
      owner,
      repo,
      per_page: 4,
      page: lastPage,
    });
    expect(Object.keys(parseLink(last.headers.link))).toEqual(["prev", "first"]);
  });

  it("serves every page in parallel once rel=last is known, in a stable order", async () => {
    const octokit = octokitFor(fake);
    const first = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
      owner,
      repo,
      state: "all",
      per_page: 5,
    });
    const last = Number(new URL(parseLink(first.headers.link).last ?? "").searchParams.get("page"));
    const pages = await Promise.all(
      Array.from({ length: last - 1 }, (_, i) =>
        octokit.request("GET /repos/{owner}/{repo}/pulls", {
          owner,
          repo,
          state: "all",
          per_page: 5,
          page: i + 2,
        }),
      ),
    );
    const numbers = [first, ...pages].flatMap((page) => page.data.map((pull) => pull.number));
    const all = await octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
      owner,
      repo,
      state: "all",
      per_page: 5,
    });
    expect(numbers).toEqual(all.map((pull) => pull.number));
    expect(new Set(numbers).size).toBe(fake.dataset?.counts.pulls);
  });

  it("defaults to 30 per page and caps per_page at 100", async () => {
    const octokit = octokitFor(fake);
    const comments = fake.dataset?.repo.comments.length ?? 0;
    const res = await octokit.request("GET /repos/{owner}/{repo}/issues/comments", { owner, repo });
    expect(res.data).toHaveLength(Math.min(30, comments));
    const big = await octokit.request("GET /repos/{owner}/{repo}/issues/comments", {
      owner,
      repo,
      per_page: 500,
    });
    expect(big.data).toHaveLength(Math.min(100, comments));
  });

  it("paginates per-issue comments, reviews, review comments, sub-issues and releases", async () => {
    const octokit = octokitFor(fake);
    const data = fake.dataset?.repo;
    if (!data) throw new Error("no dataset");
    const parent = [...data.issues.values()].find((issue) => issue.subIssueIds.length >= 2);
    if (!parent) throw new Error("dataset has no issue with two sub-issues");
    const subs = await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
      owner,
      repo,
      issue_number: parent.number,
      per_page: 1,
    });
    expect(subs.map((s) => s.id)).toEqual(parent.subIssueIds);

    const pull = [...data.issues.values()].find(
      (i) =>
        i.pull && data.reviews.filter((r) => r.pull_number === i.number && r.state !== "PENDING").length >= 2,
    );
    if (!pull) throw new Error("dataset has no PR with two reviews");
    const reviews = await octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
      owner,
      repo,
      pull_number: pull.number,
      per_page: 1,
    });
    const expected = data.reviews
      .filter((r) => r.pull_number === pull.number && r.state !== "PENDING")
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(reviews.map((r) => r.id)).toEqual(expected);

    const reviewComments = await octokit.paginate("GET /repos/{owner}/{repo}/pulls/comments", {
      owner,
      repo,
      per_page: 7,
    });
    expect(reviewComments.map((c) => c.id)).toEqual(
      data.reviewComments.map((c) => c.id).sort((a, b) => a - b),
    );

    const commented = [...data.issues.values()].find(
      (i) => data.comments.filter((c) => c.issue_number === i.number).length >= 2,
    );
    if (!commented) throw new Error("dataset has no issue with two comments");
    const perIssue = await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner,
      repo,
      issue_number: commented.number,
      per_page: 1,
    });
    expect(perIssue.map((c) => c.id)).toEqual(
      data.comments
        .filter((c) => c.issue_number === commented.number)
        .map((c) => c.id)
        .sort((a, b) => a - b),
    );

    const releases = await octokit.paginate("GET /repos/{owner}/{repo}/releases", {
      owner,
      repo,
      per_page: 1,
    });
    expect(releases).toHaveLength(data.releases.length);
  });
});

describe("cursor-paginated issues list", () => {
  it("links only rel=next with an after cursor and a page number; octokit.paginate walks it", async () => {
    const octokit = octokitFor(fake);
    const first = await octokit.request("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      per_page: 5,
    });
    const links = parseLink(first.headers.link);
    expect(Object.keys(links)).toEqual(["next"]);
    const next = new URL(links.next ?? "");
    expect(next.searchParams.get("after")).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(next.searchParams.get("page")).toBe("2");
    expect(next.searchParams.get("state")).toBe("all");
    expect(next.searchParams.get("per_page")).toBe("5");

    const all = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      per_page: 5,
    });
    const expected = (fake.dataset?.counts.issues ?? 0) + (fake.dataset?.counts.pulls ?? 0);
    expect(all).toHaveLength(expected);
    expect(new Set(all.map((i) => i.number)).size).toBe(expected);
    // Default order: newest created first; PRs are included and carry pull_request.
    const created = all.map((i) => i.created_at);
    expect([...created].sort().reverse()).toEqual(created);
    expect(all.some((i) => i.pull_request)).toBe(true);
  });

  it("still serves shallow page numbers but refuses page >= 100 at per_page=100 with 422", async () => {
    const octokit = octokitFor(fake);
    const shallow = await octokit.request("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      per_page: 5,
      page: 2,
    });
    const walked = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      state: "all",
      per_page: 5,
    });
    expect(shallow.data.map((i) => i.number)).toEqual(walked.slice(5, 10).map((i) => i.number));

    const ok = await octokit.request("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      per_page: 100,
      page: 99,
    });
    expect(ok.status).toBe(200);
    const deep = await failure(
      octokit.request("GET /repos/{owner}/{repo}/issues", { owner, repo, per_page: 100, page: 100 }),
    );
    expect(deep.status).toBe(422);
    expect((deep.data as { message: string }).message).toBe(
      "Pagination with the page parameter is not supported for large datasets, please use cursor based pagination (after/before)",
    );
    const deepSmallPages = await failure(
      octokit.request("GET /repos/{owner}/{repo}/issues", { owner, repo, per_page: 30, page: 331 }),
    );
    expect(deepSmallPages.status).toBe(422);
  });

  it("rejects a malformed cursor", async () => {
    const octokit = octokitFor(fake);
    const bad = await failure(
      octokit.request("GET /repos/{owner}/{repo}/issues", { owner, repo, after: "bm9wZQ==" }),
    );
    expect(bad.status).toBe(422);
  });
});

describe("the repo-wide comment lists' depth limit (knob listCapItems)", () => {
  const routes = [
    "GET /repos/{owner}/{repo}/issues/comments",
    "GET /repos/{owner}/{repo}/pulls/comments",
  ] as const;

  it("defaults to GitHub's 30,000 items", () => {
    expect(fake.knobs().listCapItems).toBe(30_000);
  });

  it.each(routes)("%s: rel=last stops at the cap and a deeper page answers GitHub's 422", async (route) => {
    const octokit = octokitFor(fake);
    const all = await octokit.paginate(route, { owner, repo, per_page: 100 });
    expect(all.length).toBeGreaterThan(10);
    fake.configure({ listCapItems: 10 });
    try {
      const first = await octokit.request(route, { owner, repo, per_page: 3 });
      // Page 4 holds item 10: the deepest page served.
      expect(parseLink(first.headers.link).last).toMatch(/[?&]page=4(&|$)/);
      const last = await octokit.request(route, { owner, repo, per_page: 3, page: 4 });
      expect(last.data.map((c) => c.id)).toEqual(all.slice(9, 12).map((c) => c.id));
      expect(parseLink(last.headers.link).next).toBeUndefined();
      const deep = await failure(octokit.request(route, { owner, repo, per_page: 3, page: 5 }));
      expect(deep.status).toBe(422);
      expect((deep.data as { message: string }).message).toBe(
        "In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.",
      );
      // The way past it: windows of sort=updated&direction=asc&since=<last updated_at>.
      const byUpdated = [...all].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id);
      const boundary = byUpdated[5]?.updated_at ?? "";
      // The limit is a page depth: at 100 per page, page 1 (holding item 10) is whole.
      const window = await octokit.request(route, {
        owner,
        repo,
        per_page: 100,
        sort: "updated",
        direction: "asc",
        since: boundary,
      });
      const expected = byUpdated.filter((c) => c.updated_at >= boundary).map((c) => c.id);
      expect(expected.length).toBeGreaterThan(10);
      expect(window.data.map((c) => c.id)).toEqual(expected);
    } finally {
      fake.configure({ listCapItems: 30_000 });
    }
  });
});
