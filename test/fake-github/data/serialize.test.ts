import { describe, expect, it } from "vitest";
import { generateDataset } from "../../../fake-github/data/generate.js";
import { createSerializeCache } from "../../../fake-github/rest/serialize/common.js";
import { serializeIssueComment } from "../../../fake-github/rest/serialize/issue-comments.js";
import { serializeIssue } from "../../../fake-github/rest/serialize/issues.js";
import { serializeLabel } from "../../../fake-github/rest/serialize/labels.js";
import { serializeMilestone } from "../../../fake-github/rest/serialize/milestones.js";
import { serializePull } from "../../../fake-github/rest/serialize/pulls.js";
import { serializeRelease } from "../../../fake-github/rest/serialize/releases.js";
import { serializeRepo } from "../../../fake-github/rest/serialize/repository.js";
import { serializeReviewComment } from "../../../fake-github/rest/serialize/review-comments.js";
import { serializeReview } from "../../../fake-github/rest/serialize/reviews.js";
import { serializeSubIssue } from "../../../fake-github/rest/serialize/sub-issues.js";
import { serializeUser } from "../../../fake-github/rest/serialize/users.js";
import { createStore } from "../../../fake-github/store/create-store.js";
import { findIssueById } from "../../../fake-github/store/lookup.js";
import type { FakeIssue } from "../../../fake-github/store/types.js";
import { schemaErrors } from "./openapi-validator.js";

const baseUrl = "http://127.0.0.1:4567";

function tricky() {
  const store = createStore();
  const data = generateDataset(store, { dataset: "tricky", seed: 5 });
  return { store, ...data };
}

/** Places where GitHub really answers null although the OpenAPI schema says non-null. */
function unexpected(errors: string[], allowedNullPaths: RegExp[]): string[] {
  return errors.filter((e) => !allowedNullPaths.some((p) => p.test(e)));
}

describe("REST serializers", () => {
  const { store, repo, otherRepo } = tricky();
  const issues = [...repo.issues.values()];
  const pulls = issues.filter((i) => i.pull);
  const nonNull = [
    /^\/user must be object$/,
    /^\/head\/(repo|user) must be object$/,
    /^\/author must be object$/,
  ];

  it("issues (list and single shape) match the issue schema", () => {
    const cache = createSerializeCache();
    for (const issue of issues) {
      expect(schemaErrors("issue", serializeIssue(store, repo, issue, baseUrl)), `#${issue.number}`).toEqual(
        [],
      );
      const single = serializeIssue(store, repo, issue, baseUrl, { single: true, cache });
      expect(schemaErrors("issue", single), `#${issue.number}`).toEqual([]);
      expect(single).toHaveProperty("closed_by");
    }
  });

  it("pull requests match pull-request-simple (list) and pull-request (single)", () => {
    for (const pr of pulls) {
      const row = serializePull(store, repo, pr, baseUrl);
      expect(unexpected(schemaErrors("pull-request-simple", row), nonNull), `#${pr.number}`).toEqual([]);
      const single = serializePull(store, repo, pr, baseUrl, { single: true });
      expect(unexpected(schemaErrors("pull-request", single), nonNull), `#${pr.number}`).toEqual([]);
      expect(single.merged).toBe(pr.pull?.merged_at !== null);
      expect(row).not.toHaveProperty("merged");
    }
  });

  it("comments, reviews, review comments, labels, milestones, releases and the repo match their schemas", () => {
    for (const c of repo.comments) {
      expect(schemaErrors("issue-comment", serializeIssueComment(store, repo, c, baseUrl))).toEqual([]);
    }
    for (const r of repo.reviews) {
      expect(schemaErrors("pull-request-review", serializeReview(store, repo, r, baseUrl))).toEqual([]);
    }
    for (const c of repo.reviewComments) {
      expect(
        schemaErrors("pull-request-review-comment", serializeReviewComment(store, repo, c, baseUrl)),
      ).toEqual([]);
    }
    for (const l of repo.labels) expect(schemaErrors("label", serializeLabel(repo, l, baseUrl))).toEqual([]);
    for (const m of repo.milestones) {
      expect(schemaErrors("milestone", serializeMilestone(store, repo, m, baseUrl))).toEqual([]);
    }
    for (const r of repo.releases) {
      expect(unexpected(schemaErrors("release", serializeRelease(store, repo, r, baseUrl)), nonNull)).toEqual(
        [],
      );
    }
    expect(schemaErrors("full-repository", serializeRepo(store, repo, baseUrl))).toEqual([]);
  });

  it("marks PR rows of the issues list with pull_request and uses /pull/ web URLs", () => {
    const pr = pulls[0] as FakeIssue;
    const row = serializeIssue(store, repo, pr, baseUrl);
    expect(row.pull_request).toEqual({
      url: `${baseUrl}/repos/octo-org/sample/pulls/${pr.number}`,
      html_url: `${baseUrl}/octo-org/sample/pull/${pr.number}`,
      diff_url: `${baseUrl}/octo-org/sample/pull/${pr.number}.diff`,
      patch_url: `${baseUrl}/octo-org/sample/pull/${pr.number}.patch`,
      merged_at: pr.pull?.merged_at,
    });
    expect(row.id).toBe(pr.id);
    expect(serializePull(store, repo, pr, baseUrl).id).toBe(pr.pull?.id);
    const plain = issues.find((i) => !i.pull) as FakeIssue;
    expect(serializeIssue(store, repo, plain, baseUrl)).not.toHaveProperty("pull_request");
    expect(serializeIssue(store, repo, plain, baseUrl).html_url).toBe(
      `${baseUrl}/octo-org/sample/issues/${plain.number}`,
    );
  });

  it("serialises a deleted user as null and omits closed_by from list rows", () => {
    expect(serializeUser(store, null, baseUrl)).toBeNull();
    const ghost = issues.find((i) => i.userId === null && !i.pull) as FakeIssue;
    const row = serializeIssue(store, repo, ghost, baseUrl);
    expect(row.user).toBeNull();
    expect(row).not.toHaveProperty("closed_by");
    const ghostPull = pulls.find((p) => p.userId === null) as FakeIssue;
    expect(serializePull(store, repo, ghostPull, baseUrl).user).toBeNull();
  });

  it("builds comment anchors, review links and in_reply_to_id only for replies", () => {
    const onPull = repo.comments.find((c) => repo.issues.get(c.issue_number)?.pull);
    expect(onPull).toBeDefined();
    if (onPull) {
      expect(serializeIssueComment(store, repo, onPull, baseUrl).html_url).toBe(
        `${baseUrl}/octo-org/sample/pull/${onPull.issue_number}#issuecomment-${onPull.id}`,
      );
    }
    const reply = repo.reviewComments.find((c) => c.in_reply_to_id !== null);
    const top = repo.reviewComments.find((c) => c.in_reply_to_id === null);
    expect(reply && serializeReviewComment(store, repo, reply, baseUrl).in_reply_to_id).toBe(
      reply?.in_reply_to_id,
    );
    expect(top && serializeReviewComment(store, repo, top, baseUrl)).not.toHaveProperty("in_reply_to_id");
    const review = repo.reviews[0];
    expect(review && serializeReview(store, repo, review, baseUrl).html_url).toBe(
      `${baseUrl}/octo-org/sample/pull/${review?.pull_number}#pullrequestreview-${review?.id}`,
    );
  });

  it("gives head.repo null when the head repository is gone", () => {
    const orphan = pulls.find((p) => p.pull?.head.repoFullName === null) as FakeIssue;
    const head = serializePull(store, repo, orphan, baseUrl).head as Record<string, unknown>;
    expect(head.repo).toBeNull();
    expect(head.sha).toMatch(/^[0-9a-f]{40}$/);
    const live = pulls.find((p) => p.pull?.head.repoFullName !== null) as FakeIssue;
    const liveHead = serializePull(store, repo, live, baseUrl).head as Record<string, unknown>;
    expect((liveHead.repo as Record<string, unknown>).full_name).toBe("octo-org/sample");
  });

  it("releases embed assets with upload and download URLs", () => {
    const release = repo.releases.find((r) => r.assets.length > 0);
    if (!release) throw new Error("no release with assets");
    const json = serializeRelease(store, repo, release, baseUrl);
    expect(json.upload_url).toBe(
      `${baseUrl}/uploads/repos/octo-org/sample/releases/${release.id}/assets{?name,label}`,
    );
    const assets = json.assets as Array<Record<string, unknown>>;
    expect(assets).toHaveLength(release.assets.length);
    for (const [i, asset] of assets.entries()) {
      const source = release.assets[i];
      expect(asset.size).toBe(source?.data.length);
      expect(asset.state).toBe("uploaded");
      expect(asset.browser_download_url).toBe(
        `${baseUrl}/octo-org/sample/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(source?.name ?? "")}`,
      );
    }
  });

  it("serialises the repository with clone_url and permissions", () => {
    const json = serializeRepo(store, repo, baseUrl);
    expect(json.full_name).toBe("octo-org/sample");
    expect(json.clone_url).toBe(`${baseUrl}/octo-org/sample.git`);
    expect(json.permissions).toMatchObject({ admin: true, push: true, pull: true });
    expect((json.owner as Record<string, unknown>).type).toBe("Organization");
    expect(json.visibility).toBe("public");
  });

  it("serialises sub-issues, including one in another repository, with summaries", () => {
    const root = issues.find((i) => i.subIssueIds.some((id) => findIssueById(store, id)?.repo === otherRepo));
    if (!root) throw new Error("no cross-repo parent");
    const summary = serializeIssue(store, repo, root, baseUrl).sub_issues_summary;
    expect(summary).toEqual({ total: 3, completed: 1, percent_completed: 33 });
    const foreignId = root.subIssueIds.find((id) => findIssueById(store, id)?.repo === otherRepo) as number;
    const foreign = findIssueById(store, foreignId)?.issue as FakeIssue;
    const json = serializeSubIssue(store, foreign, baseUrl);
    expect(json.repository_url).toBe(`${baseUrl}/repos/octo-org/sample-tools`);
    expect(json.parent_issue_url).toBe(`${baseUrl}/repos/octo-org/sample/issues/${root.number}`);
    expect(schemaErrors("issue", json)).toEqual([]);
  });

  it("counts milestone issues and PRs the same with and without a cache", () => {
    const cache = createSerializeCache();
    for (const m of repo.milestones) {
      const plain = serializeMilestone(store, repo, m, baseUrl);
      const cached = serializeMilestone(store, repo, m, baseUrl, { cache });
      expect(cached).toEqual(plain);
      const expected = issues.filter((i) => i.milestoneNumber === m.number).length;
      expect(Number(plain.open_issues) + Number(plain.closed_issues)).toBe(expected);
    }
  });
});
