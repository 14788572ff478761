import { describe, expect, it } from "vitest";
import { factsFromRepo } from "../../bench/dataset-facts.js";
import { requestFloor } from "../../bench/floor.js";
import { createStore, generateDataset } from "../../fake-github/index.js";

describe("factsFromRepo", () => {
  it("counts what the generator made", () => {
    const generated = generateDataset(createStore(), { dataset: "small", seed: 1 });
    const facts = factsFromRepo(generated.repo);
    const counts = generated.counts;
    expect(facts.labels).toBe(counts.labels);
    expect(facts.milestones).toBe(counts.milestones);
    expect(facts.issues).toBe(counts.issues);
    expect(facts.pulls).toBe(counts.pulls);
    expect(facts.conversationComments).toBe((counts.issueComments ?? 0) + (counts.prComments ?? 0));
    expect(facts.reviews).toBe(counts.reviews);
    expect(facts.reviewComments).toBe(counts.reviewComments);
    expect(facts.releases).toBe(counts.releases);
    expect(facts.assets).toBe(counts.assets);
    expect(facts.subIssueChildren.reduce((a, b) => a + b, 0)).toBe(counts.subIssues);
    expect(facts.eventsPerItem.length).toBeGreaterThan(0);
    expect(facts.protectedBranches).toBe(1);
    expect(facts.rulesets).toBe(2);
    // Every list of the small dataset fits one page; six assets are one request each;
    // timelines cost a page of issues and one of pull requests; the settings 9.
    expect(requestFloor(facts).total).toBe(15 + 2 + 9);
  });
});
