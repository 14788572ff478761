// GitHub creates the object, then the answer is lost (a 5xx or a reset after
// the route ran). The restore must find the object by its marker (or a release
// by its tag) instead of sending the write again.
import { afterAll, expect, it } from "vitest";
import { markerOf } from "../../../src/restore/bodies.js";
import {
  pulls,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  startFake,
} from "../support/pull-side.js";

afterAll(removeTempDirs);

function unique(values: Array<string | null>): boolean {
  const present = values.filter((v) => v !== null);
  return new Set(present).size === present.length;
}

it("never duplicates a pull request, review, review comment or release whose answer was lost", async () => {
  const fake = await startFake("small", 4);
  try {
    const dir = await saveBackup(fake);
    fake.configure({
      script: [
        { route: "POST /repos/{owner}/{repo}/pulls", nth: 2, reset: true, afterHandler: true },
        {
          route: "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
          nth: 3,
          status: 502,
          afterHandler: true,
        },
        {
          route: "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments",
          nth: 1,
          status: 500,
          afterHandler: true,
        },
        { route: "POST /repos/{owner}/{repo}/releases", nth: 1, status: 503, afterHandler: true },
      ],
    });
    const result = await restore(restoreRequest(fake, dir, "lost-answers"));
    expect(result.exitCode).toBe(0);
    expect(fake.stats.byStatus["0"] ?? 0).toBeGreaterThan(0);
    const source = repoOf(fake, "sample");
    const target = repoOf(fake, "lost-answers");
    expect(pulls(target).length).toBe(pulls(source).length);
    expect(target.releases.map((r) => r.tag_name).sort()).toEqual(
      source.releases.map((r) => r.tag_name).sort(),
    );
    expect(unique(pulls(target).map((p) => markerOf(p.body, "pull_request")))).toBe(true);
    expect(unique(target.reviews.map((r) => markerOf(r.body, "pr_review")))).toBe(true);
    expect(unique(target.reviewComments.map((c) => markerOf(c.body, "pr_review_comment")))).toBe(true);
  } finally {
    await fake.close();
  }
});
