import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, OWNER, REPO, startWriteFixture, type WriteFixture } from "./setup.js";

let fx: WriteFixture;
const repo = { owner: OWNER, repo: REPO };
const preview = { accept: "application/vnd.github.golden-comet-preview+json" };

interface ImportStatus {
  id: number;
  status: "pending" | "imported" | "failed";
  url: string;
  import_issues_url: string;
  repository_url: string;
  created_at: string;
  updated_at: string;
  issue_url?: string;
  errors?: Array<{ location: string; resource: string; field: string; value: string; code: string }>;
}

beforeAll(async () => {
  fx = await startWriteFixture();
});
afterAll(async () => {
  await fx?.close();
});

function start(payload: unknown, octokit = fx.octokit) {
  return octokit.request("POST /repos/{owner}/{repo}/import/issues", {
    ...repo,
    headers: preview,
    data: payload,
  });
}

async function status(id: number): Promise<ImportStatus> {
  const res = await fx.octokit.request("GET /repos/{owner}/{repo}/import/issues/{id}", {
    ...repo,
    id,
    headers: preview,
  });
  return res.data as ImportStatus;
}

describe("Issue Import API", () => {
  it("accepts (202 pending), then imports with the original timestamps", async () => {
    await fx.octokit.rest.issues.createLabel({ ...repo, name: "imported-label" });
    const milestone = await fx.octokit.rest.issues.createMilestone({ ...repo, title: "import-ms" });
    const accepted = await start({
      issue: {
        title: "Old issue",
        body: "from 2014",
        created_at: "2014-01-01T12:34:58Z",
        updated_at: "2014-01-02T00:00:00Z",
        closed_at: "2014-01-03T00:00:00Z",
        closed: true,
        assignee: "peer-user",
        milestone: milestone.data.number,
        labels: ["imported-label"],
      },
      comments: [
        { body: "first", created_at: "2014-01-01T14:00:00Z" },
        { body: "second", created_at: "2014-01-01T15:00:00Z" },
      ],
    });
    expect(accepted.status).toBe(202);
    const body = accepted.data as ImportStatus;
    expect(body).toMatchObject({
      status: "pending",
      url: `${fx.fake.url}/repos/${OWNER}/${REPO}/import/issues/${body.id}`,
      import_issues_url: `${fx.fake.url}/repos/${OWNER}/${REPO}/import/issues`,
      repository_url: `${fx.fake.url}/repos/${OWNER}/${REPO}`,
    });
    expect(body.issue_url).toBeUndefined();

    const done = await status(body.id);
    expect(done.status).toBe("imported");
    const number = Number(done.issue_url?.split("/").pop());
    expect(done.issue_url).toBe(`${fx.fake.url}/repos/${OWNER}/${REPO}/issues/${number}`);

    const issue = await fx.octokit.rest.issues.get({ ...repo, issue_number: number });
    expect(issue.data).toMatchObject({
      title: "Old issue",
      body: "from 2014",
      state: "closed",
      created_at: "2014-01-01T12:34:58Z",
      updated_at: "2014-01-02T00:00:00Z",
      closed_at: "2014-01-03T00:00:00Z",
      milestone: { number: milestone.data.number },
    });
    expect(issue.data.assignees?.map((a) => a.login)).toEqual(["peer-user"]);
    expect(issue.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["imported-label"]);
    const comments = await fx.octokit.rest.issues.listComments({ ...repo, issue_number: number });
    expect(comments.data.map((c) => [c.body, c.created_at])).toEqual([
      ["first", "2014-01-01T14:00:00Z"],
      ["second", "2014-01-01T15:00:00Z"],
    ]);
  });

  it("assigns numbers on completion, in submission order", async () => {
    const a = (await start({ issue: { title: "queued a" } })).data as ImportStatus;
    const b = (await start({ issue: { title: "queued b" } })).data as ImportStatus;
    const between = await fx.octokit.rest.issues.create({ ...repo, title: "created meanwhile" });
    const doneB = await status(b.id);
    const doneA = await status(a.id);
    const numberOf = (s: ImportStatus) => Number(s.issue_url?.split("/").pop());
    expect(numberOf(doneA)).toBe(between.data.number + 1);
    expect(numberOf(doneB)).toBe(between.data.number + 2);
  });

  it("fails an import with an unknown milestone, label or assignee, reporting errors", async () => {
    const accepted = (
      await start({
        issue: { title: "bad refs", milestone: 4242, labels: ["no-such-label"], assignee: "nobody-here" },
      })
    ).data as ImportStatus;
    const before = fx.repo.nextIssueNumber;
    const failed = await status(accepted.id);
    expect(failed.status).toBe("failed");
    expect(failed.issue_url).toBeUndefined();
    expect(failed.errors).toEqual(
      expect.arrayContaining([
        { location: "/issue", resource: "Issue", field: "milestone", value: "4242", code: "invalid" },
        { location: "/issue", resource: "Issue", field: "labels", value: "no-such-label", code: "invalid" },
        { location: "/issue", resource: "Issue", field: "assignee", value: "nobody-here", code: "invalid" },
      ]),
    );
    expect(fx.repo.nextIssueNumber).toBe(before);
  });

  it("lists imports with ?since and completes pending ones", async () => {
    const accepted = (await start({ issue: { title: "listed" } })).data as ImportStatus;
    const res = await fx.octokit.request("GET /repos/{owner}/{repo}/import/issues", {
      ...repo,
      since: "2000-01-01",
      headers: preview,
    });
    const list = res.data as ImportStatus[];
    expect(list.find((s) => s.id === accepted.id)?.status).toBe("imported");
    const future = await fx.octokit.request("GET /repos/{owner}/{repo}/import/issues", {
      ...repo,
      since: "2999-01-01",
      headers: preview,
    });
    expect(future.data).toEqual([]);
  });

  it("rejects a malformed payload synchronously (422), an oversized one (413) and a token without the right (403)", async () => {
    const noTitle = await failure(start({ issue: { body: "x" } }));
    expect(noTitle.status).toBe(422);
    expect(noTitle.data.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "title", code: "missing_field" })]),
    );
    const badTime = await failure(start({ issue: { title: "t", created_at: "yesterday" } }));
    expect(badTime.status).toBe(422);
    const big = await failure(start({ issue: { title: "big", body: "x".repeat(1024 * 1024) } }));
    expect(big.status).toBe(413);
    const forbidden = await failure(start({ issue: { title: "t" } }, fx.peerOctokit));
    expect(forbidden.status).toBe(403);
    expect((await failure(status(99999999))).status).toBe(404);
  });
});
