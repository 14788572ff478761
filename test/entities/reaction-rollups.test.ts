// The rollups the subject jobs report for the reactions job: a full save keeps
// only subjects that may have reactions; an incremental one keeps every report.
import { describe, expect, it } from "vitest";
import { ReactionRollups } from "../../src/entities/shared/reaction-rollups.js";

const subject = (id: number, total: number | null) => ({
  type: "issue_comment",
  id,
  nodeId: `IC_${id}`,
  total,
});

describe("ReactionRollups", () => {
  it("keeps, in a full save, the subjects with reactions or no rollup, and the last report of each", () => {
    const rollups = new ReactionRollups(true);
    rollups.report("issue_comments", subject(1, 0));
    rollups.report("issue_comments", subject(2, 3));
    rollups.report("issue_comments", subject(3, null));
    rollups.report("issue_comments", subject(4, 2));
    // A retried job reports again: subject 4 has none left, subject 1 has one now.
    rollups.report("issue_comments", subject(4, 0));
    rollups.report("issue_comments", subject(1, 1));
    rollups.complete("issue_comments");
    expect(rollups.subjectsOf("issue_comments")?.map((s) => [s.id, s.total])).toEqual([
      [2, 3],
      [3, null],
      [1, 1],
    ]);
  });

  it("keeps every report, zeros included, in an incremental save", () => {
    const rollups = new ReactionRollups(true, true);
    rollups.report("issue_comments", subject(1, 0));
    rollups.report("issue_comments", subject(2, 3));
    expect([...rollups.reported("issue_comments").keys()]).toEqual(["issue_comment:1", "issue_comment:2"]);
  });

  it("keeps nothing when reactions are not saved", () => {
    const rollups = new ReactionRollups(false);
    rollups.report("issue_comments", subject(2, 3));
    expect(rollups.reported("issue_comments").size).toBe(0);
  });
});
