// Calls every REST route the fake server offers once, against the `small`
// dataset, and validates each JSON answer against GitHub's OpenAPI schema for
// the returned status. A server route without a case here fails the test, so
// new routes cannot skip the check.
import type { ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadRoutes } from "../../../fake-github/rest/read/index.js";
import { writeRoutes } from "../../../fake-github/rest/write/index.js";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/server.js";
import { findIssueById } from "../../../fake-github/store/lookup.js";
import type { FakeIssue, FakeRelease, FakeRepo } from "../../../fake-github/store/types.js";
import { loadResponseSchemas, type ResponseSchemas } from "./openapi-schemas.js";

interface Reply {
  status: number;
  body: unknown;
}

interface CallOptions {
  body?: unknown;
  /** Raw request bytes (asset upload); sent with `contentType`. */
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Ids and names picked from the dataset, plus what earlier write cases created. */
interface Ctx {
  owner: string;
  repo: string;
  /** "/repos/{owner}/{repo}" */
  r: string;
  data: FakeRepo;
  login: string;
  issue: FakeIssue;
  issueWithComments: number;
  pull: FakeIssue;
  parent: FakeIssue;
  child: FakeIssue;
  release: FakeRelease;
  made: Record<string, number | string>;
  call(method: string, path: string, opts?: CallOptions): Promise<Reply>;
}

interface Case {
  /** "METHOD template", as the server's route table names it. */
  route: string;
  status: number;
  /** GitHub's OpenAPI path when it differs from the template; null = not in GitHub's description. */
  openapiPath?: string | null;
  run(ctx: Ctx): Promise<Reply>;
}

function numberOf(value: number | string | undefined): number {
  if (typeof value !== "number") throw new Error("an earlier case did not record its id");
  return value;
}

function idFrom(reply: Reply, field = "id"): number {
  const value = (reply.body as Record<string, unknown>)[field];
  if (typeof value !== "number")
    throw new Error(`reply has no numeric ${field}: ${JSON.stringify(reply.body)}`);
  return value;
}

const get = (route: string, path: (c: Ctx) => string, status = 200): Case => ({
  route: `GET ${route}`,
  status,
  run: (c) => c.call("GET", path(c)),
});

const R = "/repos/{owner}/{repo}";

/** In run order: reads on the pristine dataset first, then writes that build on one another. */
const cases: Case[] = [
  get("/user", () => "/user"),
  get("/users/{username}", (c) => `/users/${c.login}`),
  get("/rate_limit", () => "/rate_limit"),
  get(R, (c) => c.r),
  get(`${R}/branches`, (c) => `${c.r}/branches`),
  get(`${R}/branches/{branch}`, (c) => `${c.r}/branches/${c.data.default_branch}`),
  get(`${R}/branches/{branch}/protection`, (c) => `${c.r}/branches/${c.data.default_branch}/protection`),
  get(`${R}/topics`, (c) => `${c.r}/topics`),
  get(`${R}/rulesets`, (c) => `${c.r}/rulesets`),
  get(`${R}/rulesets/{ruleset_id}`, (c) => `${c.r}/rulesets/${c.data.rulesets[0]?.id}`),
  get(`${R}/collaborators`, (c) => `${c.r}/collaborators`),
  get(`${R}/teams`, (c) => `${c.r}/teams`),
  get(`${R}/hooks`, (c) => `${c.r}/hooks`),
  get(`${R}/security-advisories`, (c) => `${c.r}/security-advisories`),
  get(`${R}/git/ref/{ref}`, (c) => `${c.r}/git/ref/heads/${c.data.default_branch}`),
  get(`${R}/issues`, (c) => `${c.r}/issues?state=all&per_page=100`),
  get(`${R}/issues/{issue_number}`, (c) => `${c.r}/issues/${c.issue.number}`),
  get(`${R}/issues/{issue_number}/comments`, (c) => `${c.r}/issues/${c.issueWithComments}/comments`),
  get(`${R}/issues/comments`, (c) => `${c.r}/issues/comments?per_page=100`),
  get(`${R}/issues/comments/{comment_id}`, (c) => `${c.r}/issues/comments/${c.data.comments[0]?.id}`),
  get(`${R}/issues/{issue_number}/sub_issues`, (c) => `${c.r}/issues/${c.parent.number}/sub_issues`),
  get(`${R}/issues/{issue_number}/parent`, (c) => `${c.r}/issues/${c.child.number}/parent`),
  get(`${R}/issues/events`, (c) => `${c.r}/issues/events?per_page=100`),
  {
    // Every item of every timeline in one answer, so each event type's schema is checked.
    route: `GET ${R}/issues/{issue_number}/timeline`,
    status: 200,
    run: async (c) => {
      const items: unknown[] = [];
      for (const number of [...c.data.issues.keys()].sort((x, y) => x - y)) {
        const reply = await c.call("GET", `${c.r}/issues/${number}/timeline?per_page=100`);
        if (reply.status !== 200) return reply;
        items.push(...(reply.body as unknown[]));
      }
      return { status: 200, body: items };
    },
  },
  // The first item of each kind always has reactions (fake-github/data/reactions.ts).
  get(
    `${R}/issues/{issue_number}/reactions`,
    (c) => `${c.r}/issues/${Math.min(...c.data.issues.keys())}/reactions?per_page=100`,
  ),
  get(
    `${R}/issues/comments/{comment_id}/reactions`,
    (c) => `${c.r}/issues/comments/${c.data.comments[0]?.id}/reactions`,
  ),
  get(
    `${R}/pulls/comments/{comment_id}/reactions`,
    (c) => `${c.r}/pulls/comments/${c.data.reviewComments[0]?.id}/reactions`,
  ),
  get(`${R}/releases/{release_id}/reactions`, (c) => `${c.r}/releases/${c.data.releases[0]?.id}/reactions`),
  get(`${R}/labels`, (c) => `${c.r}/labels?per_page=100`),
  get(`${R}/labels/{name}`, (c) => `${c.r}/labels/${encodeURIComponent(c.data.labels.at(-1)?.name ?? "")}`),
  get(`${R}/milestones`, (c) => `${c.r}/milestones?state=all`),
  get(`${R}/milestones/{milestone_number}`, (c) => `${c.r}/milestones/${c.data.milestones[0]?.number}`),
  get(`${R}/pulls`, (c) => `${c.r}/pulls?state=all&per_page=100`),
  get(`${R}/pulls/{pull_number}`, (c) => `${c.r}/pulls/${c.pull.number}`),
  get(
    `${R}/pulls/{pull_number}/comments`,
    (c) => `${c.r}/pulls/${c.data.reviewComments[0]?.pull_number}/comments`,
  ),
  get(`${R}/pulls/comments`, (c) => `${c.r}/pulls/comments?per_page=100`),
  get(`${R}/pulls/comments/{comment_id}`, (c) => `${c.r}/pulls/comments/${c.data.reviewComments[0]?.id}`),
  get(`${R}/pulls/{pull_number}/reviews`, (c) => `${c.r}/pulls/${c.data.reviews[0]?.pull_number}/reviews`),
  get(
    `${R}/pulls/{pull_number}/reviews/{review_id}`,
    (c) => `${c.r}/pulls/${c.data.reviews[0]?.pull_number}/reviews/${c.data.reviews[0]?.id}`,
  ),
  get(`${R}/releases`, (c) => `${c.r}/releases`),
  get(`${R}/releases/latest`, (c) => `${c.r}/releases/latest`),
  get(`${R}/releases/tags/{tag}`, (c) => `${c.r}/releases/tags/${encodeURIComponent(c.release.tag_name)}`),
  get(`${R}/releases/{release_id}`, (c) => `${c.r}/releases/${c.release.id}`),
  get(`${R}/releases/{release_id}/assets`, (c) => `${c.r}/releases/${c.release.id}/assets`),
  get(`${R}/releases/assets/{asset_id}`, (c) => `${c.r}/releases/assets/${c.release.assets[0]?.id}`),
  {
    route: "GET /{owner}/{repo}/releases/download/{tag}/{name}",
    status: 302,
    openapiPath: null, // a github.com web URL, not an API route
    run: (c) =>
      c.call(
        "GET",
        `/${c.owner}/${c.repo}/releases/download/${encodeURIComponent(c.release.tag_name)}/${encodeURIComponent(
          c.release.assets[0]?.name ?? "",
        )}`,
      ),
  },

  // Repositories.
  {
    route: "POST /user/repos",
    status: 201,
    run: (c) => c.call("POST", "/user/repos", { body: { name: "openapi-user-repo", private: true } }),
  },
  {
    route: "POST /orgs/{org}/repos",
    status: 201,
    run: (c) =>
      c.call("POST", `/orgs/${c.owner}/repos`, { body: { name: "openapi-org-repo", visibility: "public" } }),
  },

  // Labels and milestones.
  {
    route: `POST ${R}/labels`,
    status: 201,
    run: (c) =>
      c.call("POST", `${c.r}/labels`, { body: { name: "openapi label", color: "aabbcc", description: "d" } }),
  },
  {
    route: `PATCH ${R}/labels/{name}`,
    status: 200,
    run: (c) => c.call("PATCH", `${c.r}/labels/openapi%20label`, { body: { new_name: "openapi-label-2" } }),
  },
  {
    route: `DELETE ${R}/labels/{name}`,
    status: 204,
    run: (c) => c.call("DELETE", `${c.r}/labels/openapi-label-2`),
  },
  {
    route: `POST ${R}/milestones`,
    status: 201,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/milestones`, {
        body: { title: "openapi ms", due_on: "2030-01-01T00:00:00Z", description: "d" },
      });
      c.made.milestone = idFrom(reply, "number");
      return reply;
    },
  },
  {
    route: `PATCH ${R}/milestones/{milestone_number}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/milestones/${numberOf(c.made.milestone)}`, { body: { state: "closed" } }),
  },
  {
    route: `DELETE ${R}/milestones/{milestone_number}`,
    status: 204,
    run: (c) => c.call("DELETE", `${c.r}/milestones/${numberOf(c.made.milestone)}`),
  },

  // Repository settings and people.
  get("/orgs/{org}/teams", (c) => `/orgs/${c.owner}/teams`),
  {
    route: `PATCH ${R}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", c.r, {
        body: {
          homepage: "https://example.invalid/",
          has_wiki: false,
          squash_merge_commit_title: "PR_TITLE",
        },
      }),
  },
  {
    route: `PUT ${R}/topics`,
    status: 200,
    run: (c) => c.call("PUT", `${c.r}/topics`, { body: { names: ["openapi", "fake"] } }),
  },
  {
    route: `PUT ${R}/branches/{branch}/protection`,
    status: 200,
    run: (c) =>
      c.call("PUT", `${c.r}/branches/${c.data.default_branch}/protection`, {
        body: {
          required_status_checks: { strict: true, contexts: ["ci"] },
          enforce_admins: true,
          required_pull_request_reviews: {
            dismissal_restrictions: { users: [c.login], teams: ["core"] },
            required_approving_review_count: 2,
          },
          restrictions: { users: [c.login], teams: ["core"] },
          required_linear_history: true,
        },
      }),
  },
  {
    route: `POST ${R}/branches/{branch}/protection/required_signatures`,
    status: 200,
    run: (c) => c.call("POST", `${c.r}/branches/${c.data.default_branch}/protection/required_signatures`),
  },
  {
    route: `DELETE ${R}/branches/{branch}/protection/required_signatures`,
    status: 204,
    run: (c) => c.call("DELETE", `${c.r}/branches/${c.data.default_branch}/protection/required_signatures`),
  },
  {
    route: `POST ${R}/rulesets`,
    status: 201,
    run: (c) =>
      c.call("POST", `${c.r}/rulesets`, {
        body: {
          name: "openapi ruleset",
          target: "branch",
          enforcement: "active",
          conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
          rules: [{ type: "deletion" }],
          bypass_actors: [{ actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" }],
        },
      }),
  },
  {
    route: `PUT ${R}/collaborators/{username}`,
    status: 201,
    run: (c) => c.call("PUT", `${c.r}/collaborators/dependabot%5Bbot%5D`, { body: { permission: "triage" } }),
  },
  {
    route: `POST ${R}/hooks`,
    status: 201,
    run: (c) =>
      c.call("POST", `${c.r}/hooks`, {
        body: {
          active: false,
          events: ["push"],
          config: { url: "https://openapi.example.invalid/", content_type: "json" },
        },
      }),
  },

  // Issues, comments, sub-issues.
  {
    route: `POST ${R}/issues`,
    status: 201,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/issues`, {
        body: {
          title: "openapi issue",
          body: "b",
          labels: [c.data.labels[0]?.name, "openapi-new-label"],
          milestone: c.data.milestones[0]?.number,
          assignees: [c.login],
        },
      });
      c.made.issue = idFrom(reply, "number");
      c.made.issueId = idFrom(reply);
      return reply;
    },
  },
  {
    route: `PATCH ${R}/issues/{issue_number}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/issues/${numberOf(c.made.issue)}`, {
        body: { state: "closed", state_reason: "not_planned", milestone: null },
      }),
  },
  {
    route: `PUT ${R}/issues/{issue_number}/lock`,
    status: 204,
    run: (c) =>
      c.call("PUT", `${c.r}/issues/${numberOf(c.made.issue)}/lock`, { body: { lock_reason: "resolved" } }),
  },
  {
    route: `DELETE ${R}/issues/{issue_number}/lock`,
    status: 204,
    run: (c) => c.call("DELETE", `${c.r}/issues/${numberOf(c.made.issue)}/lock`),
  },
  {
    route: `POST ${R}/issues/{issue_number}/comments`,
    status: 201,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/issues/${numberOf(c.made.issue)}/comments`, {
        body: { body: "hi" },
      });
      c.made.comment = idFrom(reply);
      return reply;
    },
  },
  {
    route: `PATCH ${R}/issues/comments/{comment_id}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/issues/comments/${numberOf(c.made.comment)}`, { body: { body: "edited" } }),
  },
  {
    route: `POST ${R}/issues/{issue_number}/sub_issues`,
    status: 201,
    run: async (c) => {
      for (const key of ["kidA", "kidB"]) {
        const kid = await c.call("POST", `${c.r}/issues`, { body: { title: key } });
        c.made[key] = idFrom(kid);
      }
      const parent = numberOf(c.made.issue);
      await c.call("POST", `${c.r}/issues/${parent}/sub_issues`, { body: { sub_issue_id: c.made.kidA } });
      return c.call("POST", `${c.r}/issues/${parent}/sub_issues`, { body: { sub_issue_id: c.made.kidB } });
    },
  },
  {
    route: `PATCH ${R}/issues/{issue_number}/sub_issues/priority`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/issues/${numberOf(c.made.issue)}/sub_issues/priority`, {
        body: { sub_issue_id: c.made.kidB, before_id: c.made.kidA },
      }),
  },
  {
    route: `DELETE ${R}/issues/{issue_number}/sub_issue`,
    status: 200,
    run: (c) =>
      c.call("DELETE", `${c.r}/issues/${numberOf(c.made.issue)}/sub_issue`, {
        body: { sub_issue_id: c.made.kidA },
      }),
  },

  // Git refs, pull requests, reviews, review comments.
  {
    route: `POST ${R}/git/refs`,
    status: 201,
    run: (c) =>
      c.call("POST", `${c.r}/git/refs`, {
        body: { ref: "refs/heads/openapi-branch", sha: c.pull.pull?.head.sha },
      }),
  },
  {
    route: `DELETE ${R}/git/refs/{ref}`,
    status: 204,
    run: async (c) => {
      await c.call("POST", `${c.r}/git/refs`, {
        body: { ref: "refs/heads/openapi-gone", sha: c.pull.pull?.head.sha },
      });
      return c.call("DELETE", `${c.r}/git/refs/heads%2Fopenapi-gone`);
    },
  },
  {
    route: `POST ${R}/pulls`,
    status: 201,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/pulls`, {
        body: {
          title: "openapi pr",
          head: "openapi-branch",
          base: c.data.default_branch,
          body: "b",
          draft: false,
        },
      });
      c.made.pull = idFrom(reply, "number");
      return reply;
    },
  },
  {
    route: `PATCH ${R}/pulls/{pull_number}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/pulls/${numberOf(c.made.pull)}`, { body: { title: "openapi pr (edited)" } }),
  },
  {
    route: `POST ${R}/pulls/{pull_number}/reviews`,
    status: 200,
    run: (c) =>
      c.call("POST", `${c.r}/pulls/${numberOf(c.made.pull)}/reviews`, {
        body: {
          event: "COMMENT",
          body: "looks fine",
          comments: [{ path: "README.md", line: 1, body: "inline" }],
        },
      }),
  },
  {
    route: `POST ${R}/pulls/{pull_number}/reviews/{review_id}/events`,
    status: 200,
    run: async (c) => {
      const pending = await c.call("POST", `${c.r}/pulls/${numberOf(c.made.pull)}/reviews`, {
        body: { body: "draft" },
      });
      return c.call("POST", `${c.r}/pulls/${numberOf(c.made.pull)}/reviews/${idFrom(pending)}/events`, {
        body: { event: "COMMENT" },
      });
    },
  },
  {
    route: `POST ${R}/pulls/{pull_number}/comments`,
    status: 201,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/pulls/${numberOf(c.made.pull)}/comments`, {
        body: {
          body: "line note",
          commit_id: c.pull.pull?.head.sha,
          path: "src/main.ts",
          line: 2,
          side: "RIGHT",
        },
      });
      c.made.reviewComment = idFrom(reply);
      return reply;
    },
  },
  {
    route: `POST ${R}/pulls/{pull_number}/comments/{comment_id}/replies`,
    status: 201,
    run: (c) =>
      c.call(
        "POST",
        `${c.r}/pulls/${numberOf(c.made.pull)}/comments/${numberOf(c.made.reviewComment)}/replies`,
        {
          body: { body: "reply" },
        },
      ),
  },

  // Releases and assets.
  {
    route: `POST ${R}/releases`,
    status: 201,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/releases`, {
        body: { tag_name: "openapi-v1", name: "OpenAPI", body: "notes", draft: false, prerelease: true },
      });
      c.made.release = idFrom(reply);
      return reply;
    },
  },
  {
    route: `PATCH ${R}/releases/{release_id}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/releases/${numberOf(c.made.release)}`, { body: { name: "OpenAPI (edited)" } }),
  },
  {
    route: `POST /uploads${R}/releases/{release_id}/assets`,
    status: 201,
    openapiPath: `${R}/releases/{release_id}/assets`,
    run: (c) =>
      c.call("POST", `/uploads${c.r}/releases/${numberOf(c.made.release)}/assets?name=tool.zip&label=Tool`, {
        raw: Buffer.from("PK\u0003\u0004 zip bytes"),
        contentType: "application/zip",
      }),
  },

  // The Issue Import API lives outside GitHub's OpenAPI description (a staff gist).
  {
    route: `POST ${R}/import/issues`,
    status: 202,
    openapiPath: null,
    run: async (c) => {
      const reply = await c.call("POST", `${c.r}/import/issues`, {
        body: { issue: { title: "imported", created_at: "2015-01-01T00:00:00Z" }, comments: [{ body: "c" }] },
      });
      c.made.import = idFrom(reply);
      return reply;
    },
  },
  {
    route: `GET ${R}/import/issues/{id}`,
    status: 200,
    openapiPath: null,
    run: (c) => c.call("GET", `${c.r}/import/issues/${numberOf(c.made.import)}`),
  },
  {
    route: `GET ${R}/import/issues`,
    status: 200,
    openapiPath: null,
    run: (c) => c.call("GET", `${c.r}/import/issues?since=2000-01-01`),
  },
  {
    route: `DELETE ${R}/issues/comments/{comment_id}`,
    status: 204,
    run: (c) => c.call("DELETE", `${c.r}/issues/comments/${numberOf(c.made.comment)}`),
  },
  {
    route: `PATCH ${R}/pulls/comments/{comment_id}`,
    status: 200,
    run: (c) =>
      c.call("PATCH", `${c.r}/pulls/comments/${c.data.reviewComments[1]?.id}`, { body: { body: "edited" } }),
  },
  {
    route: `DELETE ${R}/pulls/comments/{comment_id}`,
    status: 204,
    run: (c) => c.call("DELETE", `${c.r}/pulls/comments/${c.data.reviewComments[2]?.id}`),
  },
];

/** Rejected writes: their error bodies must match the documented 422 shapes too. */
const errorCases: Case[] = [
  {
    route: `POST ${R}/labels`,
    status: 422,
    run: (c) => c.call("POST", `${c.r}/labels`, { body: { name: c.data.labels[0]?.name.toUpperCase() } }),
  },
  {
    route: `POST ${R}/issues`,
    status: 422,
    run: (c) => c.call("POST", `${c.r}/issues`, { body: { title: "t", milestone: 9999 } }),
  },
  {
    route: `POST ${R}/issues/{issue_number}/sub_issues`,
    status: 422,
    run: (c) =>
      c.call("POST", `${c.r}/issues/${c.issue.number}/sub_issues`, {
        body: { sub_issue_id: c.issue.number },
      }),
  },
  {
    route: `POST ${R}/git/refs`,
    status: 422,
    run: (c) =>
      c.call("POST", `${c.r}/git/refs`, {
        body: { ref: `refs/heads/${c.data.default_branch}`, sha: c.data.branches.get(c.data.default_branch) },
      }),
  },
  {
    route: `POST ${R}/pulls`,
    status: 422,
    run: (c) =>
      c.call("POST", `${c.r}/pulls`, { body: { title: "t", head: "no-such-branch", base: "main" } }),
  },
  {
    route: `POST ${R}/pulls/{pull_number}/reviews`,
    status: 422,
    run: (c) =>
      c.call("POST", `${c.r}/pulls/${numberOf(c.made.pull)}/reviews`, { body: { event: "APPROVE" } }),
  },
  {
    route: `POST ${R}/releases`,
    status: 422,
    run: (c) => c.call("POST", `${c.r}/releases`, { body: { tag_name: c.release.tag_name } }),
  },
  {
    route: "POST /user/repos",
    status: 422,
    run: (c) => c.call("POST", "/user/repos", { body: { name: "openapi-user-repo" } }),
  },
  {
    route: `POST ${R}/milestones`,
    status: 422,
    run: (c) => c.call("POST", `${c.r}/milestones`, { body: { title: c.data.milestones[0]?.title } }),
  },
];

/** Every REST route the server serves (GraphQL excluded), as "METHOD template". */
function serverRestRoutes(): string[] {
  const reads = createReadRoutes({
    assetUrl: () => "http://127.0.0.1/unused",
    budgets: () => {
      throw new Error("not called while listing routes");
    },
  });
  return [...reads, ...writeRoutes]
    .filter((r) => r.resource !== "graphql")
    .map((r) => `${r.method} ${r.template}`);
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 15)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`)
    .join("\n");
}

let fake: FakeGitHub;
let schemas: ResponseSchemas;
let ctx: Ctx;

beforeAll(async () => {
  schemas = loadResponseSchemas();
  fake = await startFakeGitHub({ dataset: "small", seed: 7 });
  const dataset = fake.dataset;
  if (!dataset) throw new Error("dataset missing");
  const data = dataset.repo;
  const issues = [...data.issues.values()];
  const plain = issues.filter((i) => !i.pull);
  const parent = plain.find((i) => i.subIssueIds.length > 0);
  const childId = parent?.subIssueIds[0];
  const child = childId === undefined ? undefined : findIssueById(fake.store, childId)?.issue;
  const pull = issues.find((i) => i.pull && i.state === "open" && data.branches.has(i.pull.head.ref));
  const release = data.releases.find((r) => !r.draft && r.assets.length > 0);
  const withComments = plain.find((i) => data.comments.some((c) => c.issue_number === i.number));
  if (!parent || !child || !pull || !release || !withComments || !plain[0])
    throw new Error("dataset lacks a case");
  const token = dataset.token;
  ctx = {
    owner: data.ownerLogin,
    repo: data.name,
    r: `/repos/${data.ownerLogin}/${data.name}`,
    data,
    login: dataset.tokenUser.login,
    issue: plain[0],
    issueWithComments: withComments.number,
    pull,
    parent,
    child,
    release,
    made: {},
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {
        authorization: `token ${token}`,
        accept: "application/vnd.github+json",
        ...opts.headers,
      };
      let body: string | Buffer | undefined;
      if (opts.raw) {
        body = opts.raw;
        headers["content-type"] = opts.contentType ?? "application/octet-stream";
      } else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers["content-type"] = "application/json";
      }
      const res = await fetch(`${fake.url}${path}`, { method, headers, body, redirect: "manual" });
      const text = await res.text();
      const json = (res.headers.get("content-type") ?? "").includes("json") && text !== "";
      return { status: res.status, body: json ? JSON.parse(text) : text };
    },
  };
});

afterAll(async () => {
  await fake?.close();
});

describe("REST responses match GitHub's OpenAPI description", () => {
  it("has exactly one case per REST route of the server", () => {
    const routes = serverRestRoutes();
    const covered = cases.map((c) => c.route);
    expect(new Set(covered).size).toBe(covered.length);
    expect(routes.filter((r) => !covered.includes(r))).toEqual([]);
    expect(covered.filter((r) => !routes.includes(r))).toEqual([]);
  });

  const labelled = [
    ...cases.map((c) => ({ name: c.route, c })),
    ...errorCases.map((c) => ({ name: `${c.route} → ${c.status}`, c })),
  ];
  for (const { name, c: testCase } of labelled) {
    it(name, async () => {
      const reply = await testCase.run(ctx);
      expect(reply.status, JSON.stringify(reply.body)).toBe(testCase.status);
      if (testCase.openapiPath === null) return;
      const [method = "", template = ""] = testCase.route.split(" ");
      const path = testCase.openapiPath ?? template;
      expect(schemas.operation(method, path), `${method} ${path} is not in GitHub's OpenAPI`).toBeDefined();
      const validate = schemas.validator(method, path, reply.status);
      expect(validate, `status ${reply.status} is not documented for ${method} ${path}`).not.toBeUndefined();
      if (validate === null || validate === undefined) return;
      const valid = validate(reply.body);
      expect(valid, describeErrors(validate)).toBe(true);
    });
  }
});
