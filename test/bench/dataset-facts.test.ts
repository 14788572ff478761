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
    const repo = generated.repo;
    const reactions = [...repo.reactions.values()].reduce((sum, list) => sum + list.length, 0);
    expect(reactions).toBeGreaterThan(0);
    expect(facts.reactionsPerSubject.reduce((a, b) => a + b, 0)).toBe(reactions);
    expect(facts.discussionsEnabled).toBe(true);
    expect(facts.discussions).toBe(6);
    expect(facts.discussionCategories).toBe(6);
    expect(
      facts.commentsPerDiscussion.reduce((a, b) => a + b, 0) +
        facts.repliesPerComment.reduce((a, b) => a + b, 0),
    ).toBe(repo.discussionComments.length);
    // Every list of the small dataset fits one page; six assets are one request each;
    // timelines cost a page of issues and one of pull requests; the settings 9;
    // the 27 subjects with reactions one request; discussions their categories and one page.
    expect(requestFloor(facts).total).toBe(15 + 2 + 9 + 1 + 2);
  });

  it("gives the R_min docs/performance.md states for medium and large", () => {
    const floor = (dataset: "medium" | "large") =>
      requestFloor(factsFromRepo(generateDataset(createStore(), { dataset, seed: 1 }).repo));
    const medium = floor("medium");
    expect(medium.total).toBe(133);
    expect(medium.terms.find((t) => t.what === "reactions")?.requests).toBe(18);
    expect(medium.terms.find((t) => t.what === "discussions")?.requests).toBe(4);
    expect(floor("large").total).toBe(1043);
  });
});
