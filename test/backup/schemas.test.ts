import { describe, expect, it } from "vitest";
import { getValidator, loadSchema, type SchemaRef } from "../../src/backup/schemas.js";
import { RECORD_FILES, SCHEMAS } from "../../src/entities/index.js";
import * as f from "./fixtures.js";
import { attachments } from "./fixtures-attachments.js";
import * as fd from "./fixtures-discussions.js";
import * as fs from "./fixtures-settings.js";
import { schemaNamed } from "./helpers.js";

const samples: Record<string, readonly object[]> = {
  "labels.jsonl": [f.label],
  "milestones.jsonl": [f.milestone],
  "issues.jsonl": [f.issue(1), f.issue(2), f.issue(3)],
  "issue_comments.jsonl": [f.issueComment],
  "sub_issues.jsonl": [f.subIssue, f.crossRepoSubIssue],
  "pull_requests.jsonl": [f.pullRequest],
  "pr_comments.jsonl": [f.prComment],
  "pr_reviews.jsonl": [f.prReview],
  "pr_review_comments.jsonl": [f.prReviewComment],
  "issue_events.jsonl": f.issueEvents,
  "reactions.jsonl": f.reactions,
  "releases.jsonl": [
    f.release(9, [f.asset(501, 9, "app.tar.gz", Buffer.from("x"), "0".repeat(64))]),
    f.release(10, [f.asset(502, 10, "skipped.bin", Buffer.from("y"), null)]),
  ],
  "repository.json": [fs.repositorySettings],
  "branch_protection.jsonl": [fs.branchProtection],
  "rulesets.jsonl": [fs.ruleset],
  "collaborators.jsonl": [fs.collaborator],
  "teams.jsonl": [fs.team],
  "webhooks.jsonl": [fs.webhook],
  "security_advisories.jsonl": [fs.securityAdvisory],
  "discussion_categories.jsonl": [fd.discussionCategory],
  "discussions.jsonl": [fd.discussion],
  "discussion_comments.jsonl": fd.discussionComments,
  "attachments.jsonl": attachments,
};

/** The documented optional fields of each file (issue events carry only their own event's fields). */
const OPTIONAL: Record<string, readonly string[]> = {
  "sub_issues.jsonl": ["sub_issue_repository"],
  "issue_events.jsonl": [
    "commit_id",
    "label",
    "assignee",
    "milestone",
    "rename",
    "state_reason",
    "lock_reason",
    "requested_reviewer",
    "source",
  ],
};

function requiredOf(schema: SchemaRef): string[] {
  return (loadSchema(schema).required as string[]).slice().sort();
}

describe("JSON Schemas", () => {
  it("every schema compiles", () => {
    for (const file of SCHEMAS.filter((s) => s.name !== "common.schema.json")) {
      expect(() => getValidator(file)).not.toThrow();
    }
  });

  it.each(RECORD_FILES.map((spec) => [spec.file, spec] as const))("%s: samples validate", (file, spec) => {
    const validate = getValidator(spec.schema);
    for (const sample of samples[file]!) {
      expect(validate(JSON.parse(JSON.stringify(sample))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it.each(RECORD_FILES.map((spec) => [spec.file, spec] as const))(
    "%s: the schema's properties are exactly the record interface's fields",
    (file, spec) => {
      const schema = loadSchema(spec.schema);
      const sampleKeys = new Set(samples[file]!.flatMap((s) => Object.keys(s)));
      expect(Object.keys(schema.properties as object).sort()).toEqual([...sampleKeys].sort());
      // Required = every field except the documented optional one.
      const optional = OPTIONAL[file] ?? [];
      expect(requiredOf(spec.schema)).toEqual([...sampleKeys].filter((k) => !optional.includes(k)).sort());
    },
  );

  it("rejects unknown fields, wrong types and non-UTC timestamps", () => {
    const validate = getValidator(schemaNamed("issues.schema.json"));
    expect(validate({ ...f.issue(1), extra: 1 })).toBe(false);
    expect(validate({ ...f.issue(1), number: "1" })).toBe(false);
    expect(validate({ ...f.issue(1), created_at: "2025-01-01 12:00:00+00:00" })).toBe(false);
    expect(validate({ ...f.issue(1), created_at: "2025-01-01T12:00:00+02:00" })).toBe(false);
    expect(validate({ ...f.issue(1), user: { login: "x", id: 1 } })).toBe(false);
    expect(validate({ ...f.issue(1), labels: [{ name: "x", color: "#ffffff", description: null }] })).toBe(
      false,
    );
  });

  it("rejects asset paths outside release-assets/<id>/", () => {
    const validate = getValidator(schemaNamed("releases.schema.json"));
    const bad = (path: string) =>
      f.release(9, [{ ...f.asset(1, 9, "a", Buffer.from(""), "0".repeat(64)), path }]);
    expect(validate(bad("release-assets/9/a"))).toBe(true);
    expect(validate(bad("../a"))).toBe(false);
    expect(validate(bad("/etc/passwd"))).toBe(false);
    expect(validate(bad("release-assets/9/../../x"))).toBe(false);
    expect(validate(bad("release-assets/9/.."))).toBe(false);
    expect(validate(bad("release-assets/9/a\\b"))).toBe(false);
  });
});
