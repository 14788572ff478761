import { describe, expect, it } from "vitest";
import { ENTITY_NAMES } from "../../src/entities/names.js";
import { UsageError } from "../../src/errors.js";
import { type EntitySelectionInput, resolveEntities } from "../../src/selection/entities.js";

const resolve = (input: Partial<EntitySelectionInput>) => resolveEntities({ env: {}, ...input });
const names = (input: Partial<EntitySelectionInput>) => [...resolve(input).entities];

describe("resolveEntities", () => {
  it("selects everything by default, with no warnings", () => {
    const result = resolve({});
    expect([...result.entities]).toEqual([...ENTITY_NAMES]);
    expect(result.issues).toEqual({ kind: "all" });
    expect(result.pullRequests).toEqual({ kind: "all" });
    expect(result.warnings).toEqual([]);
  });

  it("--include keeps only the named entities, in canonical order", () => {
    expect(names({ include: ["releases,labels"] })).toEqual(["labels", "releases"]);
    expect(names({ include: ["labels", "milestones"] })).toEqual(["labels", "milestones"]);
    expect(names({ include: ["labels  milestones"] })).toEqual(["labels", "milestones"]);
  });

  it("accepts hyphens, any case and the Python tool's names", () => {
    expect(names({ include: ["Pull-Requests,comments,git_repository"] })).toEqual([
      "issue_comments",
      "pull_requests",
      "git_repo",
    ]);
  });

  it("--exclude removes entities", () => {
    expect(names({ exclude: ["git_repo,release_assets"] })).toEqual(
      ENTITY_NAMES.filter((n) => n !== "git_repo" && n !== "release_assets"),
    );
  });

  it("rejects unknown names, listing the valid ones", () => {
    expect(() => resolve({ include: ["labels,wikis"] })).toThrow(UsageError);
    expect(() => resolve({ include: ["labels,wikis"] })).toThrow(
      /^--include: unknown entity "wikis"; valid names are labels, milestones, issues, .*git_repo, repository, branch_protection, rulesets, collaborators, teams, webhooks, security_advisories\b.*, wiki, lfs_objects\b/,
    );
    expect(() => resolve({ exclude: ["nope"] })).toThrow(/^--exclude: unknown entity "nope"/);
    expect(() => resolve({ include: [""] })).toThrow(/--include: the list is empty/);
  });

  it("rejects an entity both included and excluded", () => {
    expect(() => resolve({ include: ["labels,issues"], exclude: ["issues"] })).toThrow(
      /both in --include and in --exclude/,
    );
  });

  it("rejects a selection that leaves nothing", () => {
    expect(() => resolve({ exclude: [ENTITY_NAMES.join(",")] })).toThrow(/no entity is selected/);
  });

  describe("environment", () => {
    it("INCLUDE_* booleans turn entities off", () => {
      const result = resolve({
        env: { INCLUDE_GIT_REPO: "false", INCLUDE_RELEASE_ASSETS: "no", INCLUDE_LABELS: "ON" },
      });
      expect(result.entities.has("git_repo")).toBe(false);
      expect(result.entities.has("release_assets")).toBe(false);
      expect(result.entities.has("labels")).toBe(true);
      expect(result.warnings).toEqual([]);
    });

    it("a bad boolean names the variable", () => {
      expect(() => resolve({ env: { INCLUDE_LABELS: "maybe" } })).toThrow(/^INCLUDE_LABELS is "maybe"/);
      expect(() => resolve({ env: { INCLUDE_PR_REVIEWS: "" } })).toThrow(/^INCLUDE_PR_REVIEWS is empty/);
    });

    it("INCLUDE_ISSUES takes a boolean or numbers; a bare 1 is issue #1", () => {
      expect(resolve({ env: { INCLUDE_ISSUES: "1-3 7" } }).issues).toEqual({
        kind: "some",
        ranges: [
          [1, 3],
          [7, 7],
        ],
      });
      expect(resolve({ env: { INCLUDE_ISSUES: "1" } }).issues).toEqual({ kind: "some", ranges: [[1, 1]] });
      expect(resolve({ env: { INCLUDE_ISSUES: "TRUE" } }).issues).toEqual({ kind: "all" });
      expect(resolve({ env: { INCLUDE_PULL_REQUESTS: "2,4" } }).pullRequests).toEqual({
        kind: "some",
        ranges: [
          [2, 2],
          [4, 4],
        ],
      });
      expect(() => resolve({ env: { INCLUDE_ISSUES: "0" } })).toThrow(
        /INCLUDE_ISSUES: "0" is not an issue number/,
      );
      expect(() => resolve({ env: { INCLUDE_PULL_REQUESTS: "5-1" } })).toThrow(
        /^INCLUDE_PULL_REQUESTS: "5-1" is a reversed range; write 1-5$/,
      );
      expect(() => resolve({ env: { INCLUDE_ISSUES: "" } })).toThrow(/^INCLUDE_ISSUES is empty/);
    });

    it("--include replaces the environment's choices", () => {
      expect(names({ include: ["labels"], env: { INCLUDE_LABELS: "false" } })).toEqual(["labels"]);
    });

    it("--issues beats INCLUDE_ISSUES, also when it is false", () => {
      const spec = resolve({ issues: "4-6", env: { INCLUDE_ISSUES: "1-2" } });
      expect(spec.issues).toEqual({ kind: "some", ranges: [[4, 6]] });
      const off = resolve({ issues: "9", env: { INCLUDE_ISSUES: "false" } });
      expect(off.entities.has("issues")).toBe(true);
      expect(off.issues).toEqual({ kind: "some", ranges: [[9, 9]] });
      expect(off.warnings).toEqual([]);
    });

    it("keeps INCLUDE_ISSUES numbers when --include names issues", () => {
      const result = resolve({ include: ["issues"], env: { INCLUDE_ISSUES: "3" } });
      expect(result.issues).toEqual({ kind: "some", ranges: [[3, 3]] });
    });
  });

  describe("number flags", () => {
    it("parse specs and 'all'", () => {
      expect(resolve({ pullRequests: "10-12" }).pullRequests).toEqual({ kind: "some", ranges: [[10, 12]] });
      expect(resolve({ issues: "all" }).issues).toEqual({ kind: "all" });
      expect(() => resolve({ issues: "5-1" })).toThrow(/^--issues: "5-1" is a reversed range; write 1-5$/);
      expect(() => resolve({ pullRequests: "x" })).toThrow(/^--pull-requests: "x"/);
    });

    it("contradict --exclude of the same entity", () => {
      expect(() => resolve({ issues: "1", exclude: ["issues"] })).toThrow(
        /--issues selects issues, but --exclude removes/,
      );
    });

    it("have no effect when --include names neither the parent nor a child", () => {
      expect(() => resolve({ issues: "1", include: ["labels"] })).toThrow(/--issues has no effect/);
      expect(resolve({ issues: "1", include: ["issue_comments"] }).issues).toEqual({
        kind: "some",
        ranges: [[1, 1]],
      });
    });
  });

  describe("parents and children", () => {
    it("a child without its parent still runs, following the parent's selection, with a warning", () => {
      const result = resolve({ include: ["issue_comments"], issues: "1-5" });
      expect([...result.entities]).toEqual(["issue_comments"]);
      expect(result.issues).toEqual({ kind: "some", ranges: [[1, 5]] });
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toMatch(
        /^issues is not selected, but issue_comments runs anyway, for issues 1-5/,
      );
      expect(result.warnings[0]).toMatch(/--exclude issue_comments/);
      expect(result.warnings[0]).toMatch(/INCLUDE_ISSUE_COMMENTS=false/);
    });

    it("never drops children silently when the parent is turned off in the environment", () => {
      const result = resolve({ env: { INCLUDE_ISSUES: "false" } });
      expect(result.entities.has("issues")).toBe(false);
      expect(result.entities.has("issue_comments")).toBe(true);
      expect(result.entities.has("sub_issues")).toBe(true);
      expect(result.issues).toEqual({ kind: "all" });
      expect(result.warnings).toEqual([
        expect.stringMatching(
          /^issues is not selected, but issue_comments, sub_issues run anyway, for all issues/,
        ),
      ]);
    });

    it.each([
      ["pull_requests", ["pr_comments", "pr_reviews", "pr_review_comments"]],
      ["releases", ["release_assets"]],
      ["issues", ["issue_comments", "sub_issues"]],
    ])("warns for every child of %s", (parent, children) => {
      const result = resolve({ exclude: [parent] });
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toContain(`${parent} is not selected, but ${children.join(", ")}`);
      for (const child of children) expect(result.entities.has(child as never)).toBe(true);
    });

    it("no warning when the children are left out too; the unused selection is none", () => {
      const result = resolve({ exclude: ["pull_requests,pr_comments,pr_reviews,pr_review_comments"] });
      expect(result.warnings).toEqual([]);
      expect(result.pullRequests).toEqual({ kind: "none" });
    });

    it("milestones are not a dependency of issues", () => {
      const result = resolve({ exclude: ["milestones"] });
      expect(result.warnings).toEqual([]);
      expect(result.entities.has("issues")).toBe(true);
      expect(result.entities.has("pull_requests")).toBe(true);
    });
  });
});
