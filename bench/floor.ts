// The floor GitHub's limits set for a save (docs/performance.md): the fewest
// requests any client could use for a repository's data (R_min), the longest
// chain of requests that must follow one another (K), and the shortest time
// T_min = max(K, R / C) × L, no lower than the per-minute budgets allow.
// Pure functions over counts, so the formulas are unit-tested.

/** What a repository holds, as far as request counts are concerned. */
export interface RepoFacts {
  labels: number;
  milestones: number;
  /** Issues, not counting pull requests. */
  issues: number;
  pulls: number;
  /** Conversation comments on issues and on pull requests (one repo-wide list). */
  conversationComments: number;
  reviewComments: number;
  reviews: number;
  releases: number;
  assets: number;
  /** Per issue with sub-issues: its number of children. */
  subIssueChildren: number[];
  /** Per pull request with reviews: its number of reviews. */
  reviewsPerPull: number[];
  /** Per issue or pull request with comments: its number of conversation comments. */
  commentsPerItem: number[];
  /** Largest label and assignee lists on one issue. */
  maxLabelsPerItem: number;
  maxAssigneesPerItem: number;
  /** Per issue or pull request with timeline events: how many (issue_events). */
  eventsPerItem: number[];
  /** The settings types: branches with classic protection, rulesets, and the lengths of the plain lists. */
  protectedBranches: number;
  rulesets: number;
  collaborators: number;
  teams: number;
  webhooks: number;
  advisories: number;
  /** Per subject (issue, pull request, comment, review comment, release) with reactions: how many. */
  reactionsPerSubject: number[];
  /** Whether the repository has discussions turned on (GET /repos says so). */
  discussionsEnabled: boolean;
  discussionCategories: number;
  discussions: number;
  /** Per discussion with comments: its number of top-level comments. */
  commentsPerDiscussion: number[];
  /** Per discussion comment with replies: its number of replies. */
  repliesPerComment: number[];
  /** Largest label list on one discussion. */
  maxLabelsPerDiscussion: number;
}

export const PAGE = 100;

/** Requests to read a list of n items at 100 per page (an empty list still costs one). */
export function pages(n: number): number {
  return Math.max(1, Math.ceil(n / PAGE));
}

/** GitHub's depth limit on the repository-wide comment lists (observed: about 30,000 items). */
export const LIST_CAP_ITEMS = 30_000;

/**
 * Pages of a repo-wide comment list of `n` items. Past GitHub's depth limit
 * the cheapest honest path still reads every item once, plus the 422 that
 * reveals the limit and one boundary page per further window of
 * `sort=updated&since=` (each window is as deep as the limit).
 */
export function cappedListPages(n: number, cap: number = LIST_CAP_ITEMS): number {
  if (n <= cap) return pages(n);
  return pages(n) + 1 + Math.ceil((n - cap) / cap);
}

/** Follow-up requests for nested connections longer than one page of 100. */
export function extraNestedPages(lengths: readonly number[]): number {
  let extra = 0;
  for (const n of lengths) if (n > PAGE) extra += Math.ceil(n / PAGE) - 1;
  return extra;
}

export interface FloorTerm {
  /** What is read, e.g. "issue comments". */
  what: string;
  /** How, e.g. "ceil(4000/100) REST issues/comments". */
  how: string;
  requests: number;
}

export interface RequestFloor {
  total: number;
  terms: FloorTerm[];
  /** One line stating the formula. */
  formula: string;
}

function term(what: string, how: string, requests: number): FloorTerm {
  return { what, how, requests };
}

/**
 * Timelines (issue_events) have no complete list: the repository-wide events
 * list lacks cross-references and is capped, the per-issue list costs a
 * request per issue. The cheapest honest source is GraphQL, a page of 100
 * issues and one of 100 pull requests with their timelines nested, like
 * reviews, plus follow-up pages for timelines longer than 100.
 */
export function timelineRequests(f: RepoFacts): number {
  if (f.issues + f.pulls === 0) return 0;
  return (
    (f.issues > 0 ? pages(f.issues) : 0) +
    (f.pulls > 0 ? pages(f.pulls) : 0) +
    extraNestedPages(f.eventsPerItem)
  );
}

/**
 * Reactions have no list of their own: the REST list is per subject, a
 * request each. Every subject's rollup (its count) rides in the record that
 * carries the subject, so only subjects with reactions are read, 100 at a
 * time through GraphQL `nodes(ids:)` with their first 100 reactions nested,
 * plus follow-up pages for subjects with more than 100.
 */
export function reactionRequests(f: RepoFacts): number {
  const subjects = f.reactionsPerSubject.filter((n) => n > 0);
  if (subjects.length === 0) return 0;
  return Math.ceil(subjects.length / PAGE) + extraNestedPages(subjects);
}

/**
 * Discussions exist only in GraphQL: the categories list, then pages of 100
 * discussions with their labels, comments and the comments' replies nested at
 * 100 each, plus follow-up pages for any of those longer than 100. (100 × 100
 * × 100 nested nodes pass GitHub's 500,000-node cap, so a real client takes
 * smaller pages; counting them at 100 keeps this a floor.) Nothing when the
 * repository has discussions turned off.
 */
export function discussionRequests(f: RepoFacts): number {
  if (!f.discussionsEnabled) return 0;
  return (
    pages(f.discussionCategories) +
    pages(f.discussions) +
    extraNestedPages(f.commentsPerDiscussion) +
    extraNestedPages(f.repliesPerComment) +
    extraNestedPages([f.maxLabelsPerDiscussion])
  );
}

/** The terms both floors share: reactions and discussions. */
function reactionAndDiscussionTerms(f: RepoFacts): FloorTerm[] {
  const withReactions = f.reactionsPerSubject.filter((n) => n > 0).length;
  return [
    term(
      "reactions",
      `ceil(${withReactions}/100) GraphQL nodes(ids:){reactions(first:100)} over subjects with reactions + nested pages`,
      reactionRequests(f),
    ),
    term(
      "discussions",
      `P(${f.discussionCategories}) categories + P(${f.discussions}) GraphQL discussions(first:100){labels, comments{replies}} + nested pages`,
      discussionRequests(f),
    ),
  ];
}

/**
 * The settings types, each by its only REST source (GET /repos itself is the
 * repository term): the protected branches' list, then one request per
 * protected branch (no list carries the protection); the rulesets' list,
 * then one request per ruleset (the list omits the rules); collaborators,
 * teams, webhooks and security advisories one list each.
 */
export function settingsTerms(f: RepoFacts): FloorTerm[] {
  return [
    term(
      "branch protection",
      `P(${f.protectedBranches}) GET branches?protected=true + ${f.protectedBranches} × GET branches/{b}/protection`,
      pages(f.protectedBranches) + f.protectedBranches,
    ),
    term(
      "rulesets",
      `P(${f.rulesets}) GET rulesets + ${f.rulesets} × GET rulesets/{id}`,
      pages(f.rulesets) + f.rulesets,
    ),
    term("collaborators", `P(${f.collaborators}) REST collaborators`, pages(f.collaborators)),
    term("teams", `P(${f.teams}) REST teams`, pages(f.teams)),
    term("webhooks", `P(${f.webhooks}) REST hooks`, pages(f.webhooks)),
    term("security advisories", `P(${f.advisories}) REST security-advisories`, pages(f.advisories)),
  ];
}

/**
 * R_min: for every record set, the pages of the cheapest source GitHub offers
 * at its largest page size (100): REST lists where they exist, GraphQL
 * connections for data without a list (reviews) or where GraphQL is cheaper
 * (issues without pull requests, with their sub-issue links nested). Nested
 * connections of ≤ 100 ride along in their parent's page. Separate top-level
 * collections are not merged into one request.
 */
export function requestFloor(f: RepoFacts): RequestFloor {
  const terms: FloorTerm[] = [
    term("repository", "1 GET /repos/{o}/{r} (clone URL, access check)", 1),
    term("labels", `P(${f.labels}) REST labels`, pages(f.labels)),
    term("milestones", `P(${f.milestones}) REST milestones`, pages(f.milestones)),
    term(
      "issues + sub-issue links",
      `P(${f.issues}) GraphQL issues(first:100){labels,assignees,subIssues(first:100)}`,
      pages(f.issues),
    ),
    term(
      "nested pages > 100",
      "Σ (ceil(n/100)−1) over sub-issue lists, labels, assignees",
      extraNestedPages(f.subIssueChildren) + extraNestedPages([f.maxLabelsPerItem, f.maxAssigneesPerItem]),
    ),
    term("pull requests", `P(${f.pulls}) REST pulls`, pages(f.pulls)),
    term(
      "reviews",
      `P(${f.pulls}) GraphQL pullRequests(first:100){reviews(first:100)} + nested pages`,
      f.reviews === 0 && f.pulls === 0 ? 0 : pages(f.pulls) + extraNestedPages(f.reviewsPerPull),
    ),
    term(
      "issue + PR comments",
      `P(${f.conversationComments}) REST issues/comments (past ${LIST_CAP_ITEMS}: + the 422 + 1 per since-window)`,
      cappedListPages(f.conversationComments),
    ),
    term(
      "review comments",
      `P(${f.reviewComments}) REST pulls/comments (past ${LIST_CAP_ITEMS}: as above)`,
      cappedListPages(f.reviewComments),
    ),
    term("releases", `P(${f.releases}) REST releases`, pages(f.releases)),
    term("release assets", `${f.assets} × 1 GET releases/assets/{id}`, f.assets),
    term(
      "issue events",
      `P(${f.issues}) + P(${f.pulls}) GraphQL issues/pullRequests(first:100){timelineItems(first:100)} + nested pages`,
      timelineRequests(f),
    ),
    ...settingsTerms(f),
    ...reactionAndDiscussionTerms(f),
  ];
  return {
    total: terms.reduce((sum, t) => sum + t.requests, 0),
    terms,
    formula:
      "R_min = 1 + P(labels) + P(milestones) + P(issues) + nested + P(pulls) + P(pulls)[reviews, GraphQL] + P(issue+PR comments) + P(review comments) + P(releases) + assets + P(issues) + P(pulls) + nested[timelines, GraphQL] + settings + reactions + discussions, P(n) = max(1, ceil(n/100))",
  };
}

/**
 * A stricter floor a GraphQL-only client could approach: conversation
 * comments nested in their issue's or pull request's page, reviews in the
 * pull-request page. Review comments stay on the REST list (threads nested
 * under 100 pull requests exceed GitHub's 500,000-node cap).
 */
export function nestedRequestFloor(f: RepoFacts): RequestFloor {
  const terms: FloorTerm[] = [
    term("repository", "1 GET /repos/{o}/{r}", 1),
    term("labels", `P(${f.labels})`, pages(f.labels)),
    term("milestones", `P(${f.milestones})`, pages(f.milestones)),
    term(
      "issues (+ sub-issues, comments)",
      `P(${f.issues}) GraphQL issues(first:100){…, comments(first:100)}`,
      pages(f.issues),
    ),
    term(
      "pull requests (+ reviews, comments)",
      `P(${f.pulls}) GraphQL pullRequests(first:100){…, reviews, comments}`,
      pages(f.pulls),
    ),
    term(
      "nested pages > 100",
      "Σ (ceil(n/100)−1) over sub-issues, comments, reviews, labels, assignees",
      extraNestedPages(f.subIssueChildren) +
        extraNestedPages(f.commentsPerItem) +
        extraNestedPages(f.reviewsPerPull) +
        extraNestedPages([f.maxLabelsPerItem, f.maxAssigneesPerItem]),
    ),
    term(
      "review comments",
      `P(${f.reviewComments}) REST pulls/comments (past ${LIST_CAP_ITEMS}: as above)`,
      cappedListPages(f.reviewComments),
    ),
    term("releases", `P(${f.releases})`, pages(f.releases)),
    term("release assets", `${f.assets} downloads`, f.assets),
    term(
      "issue events (nested)",
      "timelineItems ride in the issue and pull-request pages; Σ (ceil(n/100)−1) beyond 100",
      extraNestedPages(f.eventsPerItem),
    ),
    ...settingsTerms(f),
    ...reactionAndDiscussionTerms(f),
  ];
  return {
    total: terms.reduce((sum, t) => sum + t.requests, 0),
    terms,
    formula:
      "R_min* = 1 + P(labels) + P(milestones) + P(issues) + P(pulls) + nested + P(review comments) + P(releases) + assets + settings + reactions + discussions (comments, reviews and timelines nested in GraphQL pages)",
  };
}

export interface Chain {
  k: number;
  /** The chain that sets K, in words. */
  why: string;
}

/**
 * K: the longest run of requests that must follow one another. A page-
 * numbered list is page 1 (which names the last page), then every other page
 * at once; issues are read by number in parallel batches once the highest
 * number is known; an asset is a release page, then the API's redirect, then
 * the storage download; a nested list longer than 100 needs one more request
 * after its parent's page; reactions are read by their subjects' ids, after
 * the subjects' page.
 */
export function longestChain(f: RepoFacts): Chain {
  const candidates: Chain[] = [{ k: 1, why: "one page per list" }];
  const lists = [f.labels, f.milestones, f.pulls, f.conversationComments, f.reviewComments, f.releases];
  if (lists.some((n) => n > PAGE) || f.issues > 0)
    candidates.push({
      k: 2,
      why: "page 1 names the last page (or the highest number), then the rest at once",
    });
  const nested =
    f.subIssueChildren.some((n) => n > PAGE) ||
    f.reviewsPerPull.some((n) => n > PAGE) ||
    f.eventsPerItem.some((n) => n > PAGE) ||
    f.maxLabelsPerItem > PAGE ||
    f.maxAssigneesPerItem > PAGE;
  if (nested) candidates.push({ k: 3, why: "list → parent page → nested page beyond 100" });
  // Reactions are read by the subjects' ids, known only once their page is in;
  // a subject's reactions past 100 need one more request.
  if (f.reactionsPerSubject.some((n) => n > 0)) {
    const k = (lists.some((n) => n > PAGE) ? 2 : 1) + 1;
    candidates.push({ k, why: "subjects' page → nodes(ids:) with their reactions" });
  }
  if (f.reactionsPerSubject.some((n) => n > PAGE))
    candidates.push({ k: 3, why: "subject's page → nodes(ids:) → reactions beyond 100" });
  if (f.assets > 0) {
    const k = (f.releases > PAGE ? 2 : 1) + 2;
    candidates.push({ k, why: "releases page → asset redirect → asset download" });
  }
  return candidates.reduce((a, b) => (b.k > a.k ? b : a));
}

/** C: GitHub's limit on requests in flight per user (not a setting of the client's). */
export const GITHUB_CONCURRENCY = 100;

export interface Budgets {
  restPointsPerMinute: number;
  graphqlPointsPerMinute: number;
  windowMs: number;
}

export const GITHUB_BUDGETS: Budgets = {
  restPointsPerMinute: 900,
  graphqlPointsPerMinute: 2000,
  windowMs: 60_000,
};

/**
 * The shortest time the per-minute budgets allow for these requests (GETs
 * and GraphQL queries cost 1 point): a window's worth can go at once, every
 * further window's worth one window later. Routes are "METHOD template".
 */
export function budgetFloorMs(
  byRoute: Readonly<Record<string, number>>,
  budgets: Budgets = GITHUB_BUDGETS,
): number {
  let floor = 0;
  for (const [route, count] of Object.entries(byRoute)) {
    const limit = route === "POST /graphql" ? budgets.graphqlPointsPerMinute : budgets.restPointsPerMinute;
    const windows = Math.ceil(count / limit) - 1;
    floor = Math.max(floor, Math.max(0, windows) * budgets.windowMs);
  }
  return floor;
}

export interface TimeFloorInput {
  /** Requests (API only). */
  requests: number;
  k: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Latency per request, ms. */
  latencyMs: number;
  budgetFloorMs: number;
}

export interface TimeFloor {
  ms: number;
  /** Which term set it: "chain", "concurrency" or "budget". */
  boundBy: "chain" | "concurrency" | "budget";
}

/** T_min = max(K, R / C) × L, no lower than the budget floor. */
export function timeFloor(input: TimeFloorInput): TimeFloor {
  const chain = input.k * input.latencyMs;
  const width = (input.requests / Math.max(1, input.concurrency)) * input.latencyMs;
  const ms = Math.max(chain, width, input.budgetFloorMs);
  const boundBy =
    ms === input.budgetFloorMs && ms > Math.max(chain, width)
      ? "budget"
      : width > chain
        ? "concurrency"
        : "chain";
  return { ms, boundBy };
}

export const TIME_FLOOR_FORMULA =
  "T_min = max(K, R / C) × L, and ≥ the per-minute budget floor (REST 900/min/route, GraphQL 2,000/min)";
