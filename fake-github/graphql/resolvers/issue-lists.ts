// The issue and pull-request connections of a repository, with GitHub's
// filters (states, labels, filterBy, head/base ref) and orderings.
import type { FakeIssue, FakeLabel, FakeRepo } from "../../store/types.js";
import { type Connection, paginate, paginateSorted, type SortKey, sortByKey } from "../connection.js";
import { commentsOfIssue, type GqlContext } from "../context.js";
import { type IssueSrc, issueSrc, type LabelSrc, labelSrc } from "../sources.js";
import { type Args, objectArg, orderArg, pageArgs, stringArg, stringListArg } from "./shared.js";

/** IssueState / PullRequestState of a store record. */
export function issueState(issue: FakeIssue): "OPEN" | "CLOSED" | "MERGED" {
  if (issue.pull?.merged_at) return "MERGED";
  return issue.state === "open" ? "OPEN" : "CLOSED";
}

function hasAnyLabel(repo: FakeRepo, issue: FakeIssue, names: string[]): boolean {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  return issue.labelIds.some((id) => {
    const label = repo.labels.find((l) => l.id === id);
    return label !== undefined && wanted.has(label.name.toLowerCase());
  });
}

function userIdByLogin(ctx: GqlContext, login: string): number | null {
  const wanted = login.toLowerCase();
  for (const user of ctx.store.users.values()) if (user.login.toLowerCase() === wanted) return user.id;
  return null;
}

/** userIdByLogin, looked up once per login (a filter is checked against every issue). */
function userIdsByLogin(ctx: GqlContext): (login: string) => number | null {
  const known = new Map<string, number | null>();
  return (login) => {
    let id = known.get(login);
    if (id === undefined) {
      id = userIdByLogin(ctx, login);
      known.set(login, id);
    }
    return id;
  };
}

/** IssueFilters: the filters GitHub applies to `issues(filterBy:)`. */
function matchesFilterBy(
  repo: FakeRepo,
  issue: FakeIssue,
  filter: Args,
  idOf: (login: string) => number | null,
): boolean {
  const since = stringArg(filter, "since");
  if (since !== null && Date.parse(issue.updated_at) < Date.parse(since)) return false;
  const states = stringListArg(filter, "states");
  if (states && !states.includes(issueState(issue))) return false;
  const labels = stringListArg(filter, "labels");
  if (labels && !hasAnyLabel(repo, issue, labels)) return false;
  const assignee = stringArg(filter, "assignee");
  if (assignee === "*") {
    if (issue.assigneeIds.length === 0) return false;
  } else if (assignee !== null) {
    const id = idOf(assignee);
    if (id === null || !issue.assigneeIds.includes(id)) return false;
  } else if ("assignee" in filter && filter.assignee === null && issue.assigneeIds.length > 0) return false;
  const createdBy = stringArg(filter, "createdBy");
  if (createdBy !== null && (issue.userId === null || issue.userId !== idOf(createdBy))) return false;
  const milestone = stringArg(filter, "milestoneNumber");
  if (milestone === "*") {
    if (issue.milestoneNumber === null) return false;
  } else if (milestone === "none") {
    if (issue.milestoneNumber !== null) return false;
  } else if (milestone !== null && String(issue.milestoneNumber) !== milestone) return false;
  return true;
}

/** The value an IssueOrder field sorts by; ties break on the number. */
function orderValue(ctx: GqlContext, repo: FakeRepo, field: string): (issue: FakeIssue) => string | number {
  switch (field) {
    case "UPDATED_AT":
      return (issue) => issue.updated_at;
    case "COMMENTS":
      return (issue) => commentsOfIssue(ctx, repo, issue.number).length;
    default:
      return (issue) => issue.created_at;
  }
}

interface CachedOrder {
  items: FakeIssue[];
  /** Each item's sort value when sorted; the order stands while none changed. */
  values: Array<string | number>;
}

/**
 * Every issue (or every PR) of the repository in the given order. Sorting
 * 12,000 issues on each page request would be the bulk of a page's time, so
 * the order is kept between requests and reused while a linear check shows the
 * same items with the same sort values (writes change updated_at in place).
 */
const orderCache = new WeakMap<FakeRepo, Map<string, CachedOrder>>();

function ordered(
  repo: FakeRepo,
  pulls: boolean,
  cacheKey: string,
  value: (issue: FakeIssue) => string | number,
  descending: boolean,
): FakeIssue[] {
  let perRepo = orderCache.get(repo);
  if (!perRepo) {
    perRepo = new Map();
    orderCache.set(repo, perRepo);
  }
  const cached = perRepo.get(cacheKey);
  if (cached && unchanged(repo, pulls, cached, value)) return cached.items;
  const all: FakeIssue[] = [];
  for (const issue of repo.issues.values()) if ((issue.pull !== null) === pulls) all.push(issue);
  const items = sortByKey(all, (issue) => [value(issue), issue.number], descending);
  perRepo.set(cacheKey, { items, values: items.map(value) });
  return items;
}

function unchanged(
  repo: FakeRepo,
  pulls: boolean,
  cached: CachedOrder,
  value: (issue: FakeIssue) => string | number,
): boolean {
  let count = 0;
  for (const issue of repo.issues.values()) if ((issue.pull !== null) === pulls) count++;
  if (count !== cached.items.length) return false;
  for (let i = 0; i < cached.items.length; i++) {
    const issue = cached.items[i] as FakeIssue;
    if (repo.issues.get(issue.number) !== issue || value(issue) !== cached.values[i]) return false;
  }
  return true;
}

/** `Repository.issues` (never pull requests) or `Repository.pullRequests`. */
export function issueConnection(
  ctx: GqlContext,
  repo: FakeRepo,
  args: Args,
  kind: "issues" | "pullRequests",
): Connection<IssueSrc> {
  const states = stringListArg(args, "states");
  const labels = stringListArg(args, "labels");
  const filterBy = kind === "issues" ? objectArg(args, "filterBy") : null;
  const headRefName = kind === "pullRequests" ? stringArg(args, "headRefName") : null;
  const baseRefName = kind === "pullRequests" ? stringArg(args, "baseRefName") : null;
  const order = orderArg(args, { field: "CREATED_AT", direction: "ASC" });
  const value = orderValue(ctx, repo, order.field);
  const cacheKey = `${kind} ${order.field} ${order.descending ? "DESC" : "ASC"}`;
  const idOf = userIdsByLogin(ctx);
  const sorted = ordered(repo, kind === "pullRequests", cacheKey, value, order.descending).filter((issue) => {
    if (states && !states.includes(issueState(issue))) return false;
    if (labels && !hasAnyLabel(repo, issue, labels)) return false;
    if (filterBy && !matchesFilterBy(repo, issue, filterBy, idOf)) return false;
    if (headRefName !== null && issue.pull?.head.ref !== headRefName) return false;
    if (baseRefName !== null && issue.pull?.base.ref !== baseRefName) return false;
    return true;
  });
  const key = (issue: FakeIssue): SortKey => [value(issue), issue.number];
  const page = paginate(kind, pageArgs(args), sorted, key, order.descending);
  return mapConnection(page, (issue) => issueSrc(repo, issue));
}

/** The same page with each node wrapped for the resolvers. */
export function mapConnection<T, U>(page: Connection<T>, wrap: (item: T) => U): Connection<U> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: wrap(edge.node) }));
  return {
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
    edges,
    nodes: edges.map((edge) => edge.node),
  };
}

/** The `labels` connection of an issue, pull request or discussion. */
export function labelConnection(
  repo: FakeRepo,
  labelIds: readonly number[],
  args: Args,
): Connection<LabelSrc> {
  const order = orderArg(args, { field: "CREATED_AT", direction: "ASC" });
  const labels = labelIds.flatMap((id) => repo.labels.filter((label) => label.id === id));
  const key = order.field === "NAME" ? (l: FakeLabel) => [l.name, l.id] : (l: FakeLabel) => [l.id];
  const page = paginateSorted("labels", pageArgs(args), labels, key, order.descending);
  return mapConnection(page, (label) => labelSrc(repo, label));
}
