import { describe, expect, it } from "vitest";
import {
  budgetFloorMs,
  cappedListPages,
  discussionRequests,
  extraNestedPages,
  LIST_CAP_ITEMS,
  longestChain,
  nestedRequestFloor,
  pages,
  type RepoFacts,
  reactionRequests,
  requestFloor,
  settingsTerms,
  timeFloor,
  timelineRequests,
} from "../../bench/floor.js";

/** The medium dataset's shape (fake-github/data/generate.ts documents its counts). */
const medium: RepoFacts = {
  labels: 30,
  milestones: 15,
  issues: 1000,
  pulls: 300,
  conversationComments: 4000,
  reviewComments: 900,
  reviews: 600,
  releases: 10,
  assets: 20,
  subIssueChildren: [100, 3, 2],
  reviewsPerPull: [2, 2, 2],
  commentsPerItem: [3, 4],
  maxLabelsPerItem: 3,
  maxAssigneesPerItem: 2,
  eventsPerItem: [12, 5, 1],
  protectedBranches: 1,
  rulesets: 2,
  collaborators: 4,
  teams: 2,
  webhooks: 1,
  advisories: 1,
  reactionsPerSubject: [105, 3, 2],
  discussionsEnabled: true,
  discussionCategories: 6,
  discussions: 40,
  commentsPerDiscussion: [130, 4],
  repliesPerComment: [120, 2],
  maxLabelsPerDiscussion: 2,
};

const empty: RepoFacts = {
  labels: 0,
  milestones: 0,
  issues: 0,
  pulls: 0,
  conversationComments: 0,
  reviewComments: 0,
  reviews: 0,
  releases: 0,
  assets: 0,
  subIssueChildren: [],
  reviewsPerPull: [],
  commentsPerItem: [],
  maxLabelsPerItem: 0,
  maxAssigneesPerItem: 0,
  eventsPerItem: [],
  protectedBranches: 0,
  rulesets: 0,
  collaborators: 0,
  teams: 0,
  webhooks: 0,
  advisories: 0,
  reactionsPerSubject: [],
  discussionsEnabled: false,
  discussionCategories: 0,
  discussions: 0,
  commentsPerDiscussion: [],
  repliesPerComment: [],
  maxLabelsPerDiscussion: 0,
};

describe("pages", () => {
  it("counts 100 items per page and one request for an empty list", () => {
    expect(pages(0)).toBe(1);
    expect(pages(1)).toBe(1);
    expect(pages(100)).toBe(1);
    expect(pages(101)).toBe(2);
    expect(pages(4000)).toBe(40);
  });

  it("adds follow-up pages only for nested lists longer than 100", () => {
    expect(extraNestedPages([100, 50])).toBe(0);
    expect(extraNestedPages([101])).toBe(1);
    expect(extraNestedPages([250, 201])).toBe(4);
  });
});

describe("requestFloor", () => {
  it("sums the cheapest source of every record set", () => {
    const floor = requestFloor(medium);
    // 1 repo + 1 labels + 1 milestones + 10 issues + 0 nested + 3 pulls + 3 reviews
    // + 40 comments + 9 review comments + 1 releases + 20 assets
    // + 13 timelines (10 issue pages + 3 pull-request pages)
    // + 9 settings (branches + 1 protection, rulesets + 2 details, 4 lists)
    // + 2 reactions (3 subjects in one page, one with 105 reactions: + 1)
    // + 4 discussions (categories, one page of 40, + 1 for 130 comments, + 1 for 120 replies)
    expect(floor.total).toBe(117);
    expect(floor.terms.find((t) => t.what === "reactions")?.requests).toBe(2);
    expect(floor.terms.find((t) => t.what === "discussions")?.requests).toBe(4);
    expect(floor.terms.find((t) => t.what === "issue events")?.requests).toBe(13);
    expect(floor.terms.find((t) => t.what === "issue + PR comments")?.requests).toBe(40);
    expect(floor.formula).toContain("P(n) = max(1, ceil(n/100))");
  });

  it("charges nested pages beyond 100 children", () => {
    expect(requestFloor({ ...medium, subIssueChildren: [250] }).total).toBe(117 + 2);
    expect(requestFloor({ ...medium, reviewsPerPull: [150] }).total).toBe(117 + 1);
    expect(requestFloor({ ...medium, eventsPerItem: [250, 12] }).total).toBe(117 + 2);
  });

  it("still needs one request per list for an empty repository", () => {
    // repo, labels, milestones, issues, pulls, comments, review comments, releases,
    // and the six settings lists; no reviews or timelines without issues and PRs,
    // no reactions without subjects that have some, no discussions when turned off.
    expect(requestFloor(empty).total).toBe(14);
  });

  it("reads each settings type from its only REST source", () => {
    const settings = (f: RepoFacts) => settingsTerms(f).reduce((sum, t) => sum + t.requests, 0);
    expect(settings(medium)).toBe(9);
    // One request per protected branch and per ruleset beyond their lists.
    expect(settings({ ...medium, protectedBranches: 3, rulesets: 5 })).toBe(9 + 2 + 3);
    expect(settings({ ...medium, collaborators: 250 })).toBe(9 + 2);
  });

  it("reads timelines in pages of 100 issues and of 100 pull requests", () => {
    expect(timelineRequests(medium)).toBe(13);
    expect(timelineRequests({ ...medium, pulls: 0 })).toBe(10);
    expect(timelineRequests(empty)).toBe(0);
  });

  it("is lower when comments and reviews ride nested in GraphQL pages", () => {
    // 1 + 1 + 1 + 10 issues + 3 PRs + 0 nested + 9 review comments + 1 release page + 20 assets
    // + 0 timeline pages (nested) + 9 settings + 2 reactions + 4 discussions
    expect(nestedRequestFloor(medium).total).toBe(61);
    expect(nestedRequestFloor({ ...medium, commentsPerItem: [101] }).total).toBe(62);
    expect(nestedRequestFloor({ ...medium, eventsPerItem: [101] }).total).toBe(62);
  });
});

describe("reactionRequests", () => {
  it("reads only subjects with reactions, 100 per request, plus pages past 100 reactions", () => {
    expect(reactionRequests(medium)).toBe(2);
    expect(reactionRequests(empty)).toBe(0);
    expect(reactionRequests({ ...medium, reactionsPerSubject: [0, 0] })).toBe(0);
    expect(reactionRequests({ ...medium, reactionsPerSubject: Array(101).fill(1) })).toBe(2);
    expect(reactionRequests({ ...medium, reactionsPerSubject: [250, 1] })).toBe(1 + 2);
  });
});

describe("discussionRequests", () => {
  it("reads categories and pages of 100 discussions, plus nested pages past 100", () => {
    expect(discussionRequests(medium)).toBe(4);
    expect(discussionRequests({ ...medium, discussions: 250 })).toBe(6);
    expect(discussionRequests({ ...medium, commentsPerDiscussion: [4], repliesPerComment: [2] })).toBe(2);
    expect(discussionRequests({ ...medium, maxLabelsPerDiscussion: 101 })).toBe(5);
  });

  it("costs the categories and one empty page when turned on without discussions, nothing when off", () => {
    expect(discussionRequests({ ...empty, discussionsEnabled: true })).toBe(2);
    expect(discussionRequests({ ...medium, discussionsEnabled: false })).toBe(0);
  });
});

describe("longestChain", () => {
  it("is release page → asset redirect → download when there are assets", () => {
    expect(longestChain(medium).k).toBe(3);
    expect(longestChain({ ...medium, releases: 150 }).k).toBe(4);
  });

  it("is page 1 then the rest, without assets, reactions or long nested lists", () => {
    expect(longestChain({ ...medium, assets: 0, reactionsPerSubject: [] }).k).toBe(2);
    expect(longestChain(empty).k).toBe(1);
  });

  it("reads reactions after their subjects' page", () => {
    const plain = { ...medium, assets: 0, subIssueChildren: [], reactionsPerSubject: [] };
    expect(longestChain(plain).k).toBe(2);
    expect(longestChain({ ...plain, reactionsPerSubject: [3] }).k).toBe(3);
    expect(longestChain({ ...empty, reactionsPerSubject: [3] }).k).toBe(2);
    expect(longestChain({ ...empty, reactionsPerSubject: [101] }).k).toBe(3);
  });

  it("adds a step for a nested list longer than 100", () => {
    expect(longestChain({ ...medium, assets: 0, reactionsPerSubject: [], subIssueChildren: [101] }).k).toBe(
      3,
    );
  });
});

describe("budgetFloorMs", () => {
  it("lets one window's worth go at once", () => {
    expect(budgetFloorMs({ "GET /repos/{owner}/{repo}/issues/comments": 900 })).toBe(0);
    expect(budgetFloorMs({ "POST /graphql": 2000 })).toBe(0);
  });

  it("waits a window for every further window's worth, per route", () => {
    expect(budgetFloorMs({ "GET /a": 901 })).toBe(60_000);
    expect(budgetFloorMs({ "GET /a": 1800, "GET /b": 2700 })).toBe(120_000);
    expect(budgetFloorMs({ "POST /graphql": 4001 })).toBe(120_000);
  });
});

describe("timeFloor", () => {
  it("is max(K, R / C) × L", () => {
    expect(timeFloor({ requests: 110, k: 3, concurrency: 10, latencyMs: 80, budgetFloorMs: 0 })).toEqual({
      ms: 880,
      boundBy: "concurrency",
    });
    expect(timeFloor({ requests: 10, k: 3, concurrency: 10, latencyMs: 80, budgetFloorMs: 0 })).toEqual({
      ms: 240,
      boundBy: "chain",
    });
  });

  it("is never below the budget floor", () => {
    expect(
      timeFloor({ requests: 2000, k: 2, concurrency: 100, latencyMs: 80, budgetFloorMs: 60_000 }),
    ).toEqual({
      ms: 60_000,
      boundBy: "budget",
    });
  });
});

describe("R_min past GitHub's list depth limit", () => {
  it("counts every item once, plus the 422 and one boundary page per further window", () => {
    expect(LIST_CAP_ITEMS).toBe(30_000);
    expect(cappedListPages(30_000)).toBe(300);
    expect(cappedListPages(40_000)).toBe(400 + 1 + 1);
    expect(cappedListPages(70_000)).toBe(700 + 1 + 2);
  });
});
