// Which issues and pull requests an incremental save reads again. One sweep
// asks GitHub, for every number in use, a few cheap facts — its type, its
// `updatedAt`, and the counts of the children that GitHub adds or removes
// without moving `updatedAt` (conversation comments, reviews, cross-
// references, the ordered sub-issue list) — in GraphQL batches of many
// numbers. Each fact is compared with what the previous save's files hold:
// a number whose facts differ is read again through the full save's own
// code; a number the previous save had and GitHub no longer lists as the
// same type (deleted, transferred) is gone. Records that embed a label or
// milestone renamed, recoloured or deleted since are read again too, as
// GitHub does not move their `updatedAt` for that. With --verify-full the
// sweep asks more of each number and compares it too (verify-full.ts).

import { fetchAll } from "../../github/paginate-parallel.js";
import { selectionHas } from "../../selection/number-spec.js";
import { ISSUE_COMMENTS_FILE } from "../issue_comments/record.js";
import { ISSUE_EVENTS_FILE } from "../issue_events/record.js";
import { ISSUES_FILE } from "../issues/record.js";
import { numbersUpTo } from "../issues/scan.js";
import { LABELS_FILE } from "../labels/record.js";
import { MILESTONES_FILE } from "../milestones/record.js";
import { PR_COMMENTS_FILE } from "../pr_comments/record.js";
import { PR_REVIEW_COMMENTS_FILE } from "../pr_review_comments/record.js";
import { PR_REVIEWS_FILE } from "../pr_reviews/record.js";
import { PULL_REQUESTS_FILE } from "../pull_requests/record.js";
import { SUB_ISSUES_FILE } from "../sub_issues/record.js";
import type { SaveContext } from "../types.js";
import { arr, int, type Json, obj, objOrNull, str } from "./fields.js";
import { fetchByNumber } from "./graphql-by-number.js";
import type { ChangePlan, IncrementalView, ItemKind, VerifyFindings } from "./incremental-view.js";
import {
  readSavedChildren,
  recordDiffers,
  type SavedChildren,
  threadMissed,
  VERIFY_BATCH,
  type VerifyFacts,
  verifyFactsOf,
  verifySelection,
} from "./verify-full.js";

export type { ChangePlan };

/**
 * Numbers per sweep request: the facts are a few counts (about 7 nodes of
 * GitHub's 500,000 per query), so one request covers many. A batch GitHub
 * cannot answer in time is split in halves (graphql-by-number.ts).
 */
export const SWEEP_BATCH = 5000;

/** Timeline items GitHub adds without moving `updatedAt` (a mention elsewhere, a commit). */
const QUIET_EVENTS = new Set(["cross-referenced", "referenced"]);

interface Facts {
  kind: ItemKind;
  updatedAt: string;
  comments: number;
  reviews?: number;
  /** The ordered child numbers ("1,5,3"), "*" when not asked or longer than a page. */
  children?: string;
  quietEvents?: number;
  /** The reactions rollup's total (asked when reactions are saved). */
  reactions?: number;
  /** GitHub's counts as a record's `reported_counts` keeps them (a count can change without `updatedAt`). */
  reported: Record<string, number>;
  verify?: VerifyFacts;
}

/** The `reported_counts` keys the sweep reads, with their GraphQL connections. */
const REPORTED = {
  Issue: { labels: "labels", assignees: "assignees" },
  PullRequest: { labels: "labels", assignees: "assignees", review_threads: "reviewThreads" },
} as const;

const countsOf = (connections: Record<string, string>) =>
  Object.values(connections)
    .map((c) => `${c}(first: 1) { totalCount }`)
    .join(" ");

function sweepFragment(ctx: SaveContext): string {
  const has = (name: string) => ctx.selection.entities.has(name as never);
  const quiet = has("issue_events")
    ? "timelineItems(first: 1, itemTypes: [CROSS_REFERENCED_EVENT, REFERENCED_EVENT]) { totalCount }"
    : "";
  // Only the count for most issues; the ordered list for the parents the previous save had (CHILD_LIST).
  const children = has("sub_issues") ? "subIssues(first: 1) { totalCount }" : "";
  const reviews = has("pr_reviews") ? "reviews(first: 1) { totalCount }" : "";
  const reactions = has("reactions") ? "reactions(first: 1) { totalCount }" : "";
  return `fragment S on IssueOrPullRequest { __typename
    ... on Issue { updatedAt comments(first: 1) { totalCount } ${children} ${quiet} ${reactions} ${countsOf(REPORTED.Issue)} }
    ... on PullRequest { updatedAt comments(first: 1) { totalCount } ${reviews} ${quiet} ${reactions} ${countsOf(REPORTED.PullRequest)} } }`;
}

/** Numbers swept beyond the previous save's highest, when they fit in its last request. */
const HEADROOM = 100;

/** The highest issue and pull request numbers, asked with every sweep request. */
const LATEST = ["issues", "pullRequests"]
  .map(
    (c) =>
      `latest_${c}: ${c}(first: 1, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { number } }`,
  )
  .join(" ");

function latestNumber(repository: Json): number {
  let max = 0;
  for (const c of ["issues", "pullRequests"]) {
    for (const node of arr(obj(repository[`latest_${c}`], c).nodes, `${c}.nodes`)) {
      max = Math.max(max, int(obj(node, c).number, `${c}.number`));
    }
  }
  return max;
}

/** The ordered sub-issue list, asked of a number the previous save knew as a parent (order changes quietly). */
const CHILD_LIST = " ... on Issue { kids: subIssues(first: 100) { totalCount nodes { number } } }";

function factsOf(node: Json, n: number, verify: boolean): Facts | null {
  const kind = node.__typename;
  if (kind !== "Issue" && kind !== "PullRequest") return null;
  const what = `#${n}`;
  const facts: Facts = {
    kind,
    updatedAt: str(node.updatedAt, `${what}.updatedAt`),
    comments: int(obj(node.comments, `${what}.comments`).totalCount, `${what}.comments.totalCount`),
    reported: {},
  };
  for (const [key, connection] of Object.entries(REPORTED[kind])) {
    const counted = objOrNull(node[connection], `${what}.${connection}`);
    if (counted !== null) facts.reported[key] = int(counted.totalCount, `${what}.${connection}.totalCount`);
  }
  if (kind === "PullRequest") facts.reported.comments = facts.comments;
  const reviews = objOrNull(node.reviews, `${what}.reviews`);
  if (reviews !== null) {
    facts.reviews = int(reviews.totalCount, `${what}.reviews.totalCount`);
    facts.reported.reviews = facts.reviews;
  }
  const reactions = objOrNull(node.reactions ?? null, `${what}.reactions`);
  if (reactions !== null) facts.reactions = int(reactions.totalCount, `${what}.reactions.totalCount`);
  const timeline = objOrNull(node.timelineItems, `${what}.timelineItems`);
  if (timeline !== null) facts.quietEvents = int(timeline.totalCount, `${what}.timelineItems.totalCount`);
  const list = objOrNull(node.kids, `${what}.subIssues`);
  const subIssues = objOrNull(node.subIssues, `${what}.subIssues`);
  if (list !== null) {
    const nodes = arr(list.nodes, `${what}.subIssues.nodes`);
    const total = int(list.totalCount, `${what}.subIssues.totalCount`);
    // More than a page: never equal to a saved list, so always read again.
    facts.children =
      total > nodes.length
        ? "*"
        : nodes.map((c, i) => int(obj(c, "child").number, `${what}[${i}]`)).join(",");
  } else if (subIssues !== null) {
    // Not a parent before: no children is the saved state; any is a change.
    facts.children = int(subIssues.totalCount, `${what}.subIssues.totalCount`) === 0 ? "" : "*";
  }
  if (verify) facts.verify = verifyFactsOf(node, n);
  return facts;
}

/** What the previous save's files say about each number, in the same terms as Facts. */
interface Previous {
  kinds: Map<number, ItemKind | null>;
  records: Map<number, Json>;
  comments: Map<number, number>;
  reviews: Map<number, number>;
  children: Map<number, number[]>;
  quietEvents: Map<number, number>;
  /** ChangePlan.previousParents. */
  parents: Map<string, Set<unknown>>;
}

function bump(map: Map<number, number>, n: number): void {
  map.set(n, (map.get(n) ?? 0) + 1);
}

async function readPrevious(source: IncrementalView<SaveContext>): Promise<Previous> {
  const p: Previous = {
    kinds: new Map(),
    records: new Map(),
    comments: new Map(),
    reviews: new Map(),
    children: new Map(),
    quietEvents: new Map(),
    parents: new Map(),
  };
  const parent = (file: string, value: unknown) => {
    let values = p.parents.get(file);
    if (values === undefined) {
      values = new Set();
      p.parents.set(file, values);
    }
    values.add(value);
  };
  const note = (n: number, kind: ItemKind | null) => {
    if (!p.kinds.has(n) || p.kinds.get(n) === null) p.kinds.set(n, kind);
  };
  for await (const r of source.records(ISSUES_FILE)) {
    parent(ISSUES_FILE, r.number);
    note(r.number as number, "Issue");
    p.records.set(r.number as number, r);
  }
  for await (const r of source.records(PULL_REQUESTS_FILE)) {
    parent(PULL_REQUESTS_FILE, r.number);
    note(r.number as number, "PullRequest");
    p.records.set(r.number as number, r);
  }
  for await (const r of source.records(ISSUE_COMMENTS_FILE)) {
    note(r.issue_number as number, "Issue");
    bump(p.comments, r.issue_number as number);
  }
  for await (const r of source.records(PR_COMMENTS_FILE)) {
    note(r.pull_request_number as number, "PullRequest");
    bump(p.comments, r.pull_request_number as number);
  }
  for await (const r of source.records(PR_REVIEWS_FILE)) {
    parent(PR_REVIEWS_FILE, r.pull_request_number);
    note(r.pull_request_number as number, "PullRequest");
    bump(p.reviews, r.pull_request_number as number);
  }
  for await (const r of source.records(PR_REVIEW_COMMENTS_FILE))
    note(r.pull_request_number as number, "PullRequest");
  for await (const r of source.records(SUB_ISSUES_FILE)) {
    parent(SUB_ISSUES_FILE, r.parent_number);
    const n = r.parent_number as number;
    note(n, "Issue");
    // The file is sorted by parent, then position.
    const list = p.children.get(n) ?? [];
    list.push(r.sub_issue_number as number);
    p.children.set(n, list);
  }
  for await (const r of source.records(ISSUE_EVENTS_FILE)) {
    parent(ISSUE_EVENTS_FILE, r.issue_number);
    const n = r.issue_number as number;
    note(n, null);
    if (QUIET_EVENTS.has(r.event as string)) bump(p.quietEvents, n);
  }
  return p;
}

type Refs = { labels: Set<string>; milestones: Set<string> };

/**
 * "name/color/description" of every label, "number/title" of every milestone,
 * as they are now: the previous save's files when the labels and milestones
 * jobs' conditional requests answer 304 (which those jobs ask anyway, and
 * cost no rate limit), the lists otherwise.
 */
async function currentRefs(ctx: SaveContext, source: IncrementalView<SaveContext>): Promise<Refs> {
  const where = { owner: ctx.repo.owner, repo: ctx.repo.repo };
  const read = async (job: string, file: string, route: string, extra: Record<string, string>) => {
    if (ctx.selection.entities.has(job as never) && (await source.unchanged(job, ctx))) {
      const saved: Json[] = [];
      for await (const r of source.records(file)) saved.push(r);
      return saved;
    }
    return fetchAll<Json>(ctx.client, route, { ...where, ...extra }, { signal: ctx.signal });
  };
  const [labels, milestones] = await Promise.all([
    read("labels", LABELS_FILE, "GET /repos/{owner}/{repo}/labels", {}),
    read("milestones", MILESTONES_FILE, "GET /repos/{owner}/{repo}/milestones", { state: "all" }),
  ]);
  return {
    labels: new Set(labels.map((l) => labelKey(l))),
    milestones: new Set(milestones.map((m) => milestoneKey(m))),
  };
}

const labelKey = (l: Json) => JSON.stringify([l.name, l.color, l.description ?? null]);
const milestoneKey = (m: Json) => JSON.stringify([m.number, m.title]);

/** A record that names a label or milestone as it no longer is. */
function staleRefs(record: Json, refs: Refs): boolean {
  const labels = Array.isArray(record.labels) ? (record.labels as Json[]) : [];
  if (labels.some((l) => !refs.labels.has(labelKey(l)))) return true;
  const milestone = record.milestone as Json | null | undefined;
  return milestone !== null && milestone !== undefined && !refs.milestones.has(milestoneKey(milestone));
}

export async function computeChangePlan(
  ctx: SaveContext,
  source: IncrementalView<SaveContext>,
): Promise<ChangePlan> {
  const has = (name: string) => ctx.selection.entities.has(name as never);
  const verify = source.verifyFull;
  const [previous, refs, saved] = await Promise.all([
    readPrevious(source),
    has("issues") || has("pull_requests") ? currentRefs(ctx, source) : null,
    verify ? readSavedChildren(source) : null,
  ]);
  const now = new Map<number, Facts>();
  const batchSize = verify ? VERIFY_BATCH : SWEEP_BATCH;
  let latest = 0;
  const sweep = (from: number, to: number) =>
    fetchByNumber(ctx, numbersUpTo({ kind: "some", ranges: [[from, to]] }, to), {
      field: "issueOrPullRequest",
      fragment: sweepFragment(ctx),
      fragmentName: "S",
      batchSize,
      extra: (n) => `${previous.children.has(n) ? CHILD_LIST : ""}${verify ? verifySelection(has) : ""}`,
      head: LATEST,
      onRepository: (repository) => {
        latest = Math.max(latest, latestNumber(repository));
      },
      onNode: (node, n) => {
        const facts = factsOf(node, n, verify);
        if (facts !== null) now.set(n, facts);
      },
    });
  // The numbers the previous save knew, and a few more where that adds no request; every request
  // also asks the latest numbers, and any beyond are swept after.
  let known = 0;
  for (const n of previous.kinds.keys()) known = Math.max(known, n);
  const guess = Math.max(1, Math.min(Math.ceil(known / batchSize) * batchSize, known + HEADROOM));
  await sweep(1, guess);
  if (latest > guess) await sweep(guess + 1, latest);

  const issues = new Set<number>();
  const pulls = new Set<number>();
  const gone = new Set<number>();
  const findings: VerifyFindings = { issues: [], pull_requests: [], comment_threads: [] };
  for (const [n, kind] of previous.kinds) {
    const facts = now.get(n);
    if (facts === undefined || (kind !== null && facts.kind !== kind)) gone.add(n);
  }
  for (const [n, facts] of now) {
    if (gone.has(n)) continue;
    const isPull = facts.kind === "PullRequest";
    if (!selectionHas(isPull ? ctx.selection.pullRequests : ctx.selection.issues, n)) continue;
    // Comments are not read again with their parent, so a changed parent's thread is compared too.
    if (saved !== null && threadMissedOf(n, facts, saved, has, source.since))
      findings.comment_threads.push(n);
    if (changed(n, facts, previous, refs, has)) (isPull ? pulls : issues).add(n);
    else if (
      saved !== null &&
      facts.verify &&
      recordDiffers(previous.records.get(n), facts.verify, saved, n)
    ) {
      (isPull ? pulls : issues).add(n);
      (isPull ? findings.pull_requests : findings.issues).push(n);
    }
  }
  // A number that became another type is read again as what it is now.
  for (const n of gone) {
    const facts = now.get(n);
    if (facts !== undefined) (facts.kind === "PullRequest" ? pulls : issues).add(n);
  }
  const kinds = new Map([...now].map(([n, f]) => [n, f.kind] as const));
  const comments = new Map([...now].map(([n, f]) => [n, f.comments] as const));
  const reactions = new Map(
    [...now].flatMap(([n, f]) => (f.reactions === undefined ? [] : [[n, f.reactions] as const])),
  );
  ctx.log.info(
    `incremental: ${issues.size} issues and ${pulls.size} pull requests to read again, ${gone.size} gone, of ${now.size}`,
  );
  const previousParents = previous.parents;
  if (saved === null)
    return { issues, pulls, gone, kinds, comments, commentThreads: new Set(), reactions, previousParents };
  for (const list of Object.values(findings) as number[][]) list.sort((a, b) => a - b);
  ctx.log.info(
    `verify-full: the full comparison found ${findings.issues.length} issues, ${findings.pull_requests.length} pull requests and ${findings.comment_threads.length} comment threads changed that the incremental checks did not`,
  );
  return {
    issues,
    pulls,
    gone,
    kinds,
    comments,
    commentThreads: new Set(findings.comment_threads),
    findings,
    reactions,
    previousParents,
  };
}

/** Whether the comment thread of `n` differs where the `since` list and the count check cannot see it. */
function threadMissedOf(
  n: number,
  facts: Facts,
  saved: SavedChildren,
  has: (name: string) => boolean,
  since: string,
): boolean {
  const comments = facts.kind === "PullRequest" ? "pr_comments" : "issue_comments";
  return (
    facts.verify !== undefined && has(comments) && threadMissed(facts.verify, saved, n, since, facts.comments)
  );
}

function changed(
  n: number,
  facts: Facts,
  previous: Previous,
  refs: Refs | null,
  has: (name: string) => boolean,
): boolean {
  const own = facts.kind === "PullRequest" ? "pull_requests" : "issues";
  if (!has(own)) return true; // no record of the previous state to compare with
  const record = previous.records.get(n);
  if (record === undefined || record.updated_at !== facts.updatedAt) return true;
  if (refs !== null && staleRefs(record, refs)) return true;
  // Any parent record that keeps GitHub's comment count (issues do) changes with it.
  if (typeof record.comments === "number" && record.comments !== facts.comments) return true;
  if (facts.reviews !== undefined && (previous.reviews.get(n) ?? 0) !== facts.reviews) return true;
  // A count kept in the record that GitHub now reports differently makes the record differ.
  const kept = record.reported_counts;
  if (typeof kept === "object" && kept !== null && !Array.isArray(kept)) {
    for (const [key, count] of Object.entries(facts.reported)) {
      const was = (kept as Record<string, unknown>)[key];
      if (typeof was === "number" && was !== count) return true;
    }
  }
  if (facts.quietEvents !== undefined && (previous.quietEvents.get(n) ?? 0) !== facts.quietEvents)
    return true;
  if (facts.children !== undefined && (previous.children.get(n) ?? []).join(",") !== facts.children)
    return true;
  return false;
}
