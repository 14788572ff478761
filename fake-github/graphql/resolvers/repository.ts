// Repository: its own fields, lookups by number/name, and its connections.
import { findUserByLogin } from "../../store/create-store.js";
import type { FakeLabel, FakeMilestone, FakeRelease } from "../../store/types.js";
import { paginateSorted, type SortKey } from "../connection.js";
import { GitHubFieldError } from "../errors.js";
import { issueSrc, labelSrc, milestoneSrc, type RepoSrc, refSrc, releaseSrc, userSrc } from "../sources.js";
import { issueConnection, mapConnection } from "./issue-lists.js";
import {
  intArg,
  orderArg,
  pageArgs,
  repoPath,
  stringArg,
  stringListArg,
  type TypeResolvers,
  webRepo,
} from "./shared.js";

function numberArg(args: Record<string, unknown>): number {
  return intArg(args, "number") ?? 0;
}

function notFound(what: string, number: number): GitHubFieldError {
  return new GitHubFieldError("NOT_FOUND", `Could not resolve to ${what} with the number of ${number}.`);
}

function milestoneKey(field: string): (m: FakeMilestone) => SortKey {
  switch (field) {
    case "CREATED_AT":
      return (m) => [m.created_at, m.number];
    case "UPDATED_AT":
      return (m) => [m.updated_at, m.number];
    case "DUE_DATE":
      return (m) => [m.due_on ?? "", m.number];
    default:
      return (m) => [m.number];
  }
}

function releaseKey(field: string): (r: FakeRelease) => SortKey {
  return field === "NAME" ? (r) => [r.name ?? r.tag_name, r.id] : (r) => [r.created_at, r.id];
}

export const repositoryResolvers: TypeResolvers<RepoSrc> = {
  id: (src) => src.repo.node_id,
  databaseId: (src) => src.repo.id,
  name: (src) => src.repo.name,
  nameWithOwner: (src) => `${src.repo.ownerLogin}/${src.repo.name}`,
  description: (src) => src.repo.description,
  isPrivate: (src) => src.repo.private,
  visibility: (src) => (src.repo.private ? "PRIVATE" : "PUBLIC"),
  createdAt: (src) => src.repo.created_at,
  updatedAt: (src) => src.repo.updated_at,
  pushedAt: (src) => src.repo.pushed_at,
  resourcePath: (src) => repoPath(src.repo),
  url: (src, _args, ctx) => webRepo(ctx, src.repo),
  owner: (src, _args, ctx) => {
    const user = findUserByLogin(ctx.store, src.repo.ownerLogin);
    if (!user) throw new Error(`repository owner ${src.repo.ownerLogin} is not a known account`);
    // RepositoryOwner is implemented by User and Organization only.
    return user.type === "Organization" ? userSrc(user) : { __typename: "User", user };
  },
  defaultBranchRef: (src) => {
    const oid = src.repo.branches.get(src.repo.default_branch);
    return oid ? refSrc(src.repo, src.repo.default_branch, oid) : null;
  },
  issue: (src, args) => {
    const number = numberArg(args);
    const issue = src.repo.issues.get(number);
    if (!issue || issue.pull) throw notFound("an Issue", number);
    return issueSrc(src.repo, issue);
  },
  pullRequest: (src, args) => {
    const number = numberArg(args);
    const issue = src.repo.issues.get(number);
    if (!issue?.pull) throw notFound("a PullRequest", number);
    return issueSrc(src.repo, issue);
  },
  issueOrPullRequest: (src, args) => {
    const number = numberArg(args);
    const issue = src.repo.issues.get(number);
    if (!issue) throw notFound("an issue or pull request", number);
    return issueSrc(src.repo, issue);
  },
  issues: (src, args, ctx) => issueConnection(ctx, src.repo, args, "issues"),
  pullRequests: (src, args, ctx) => issueConnection(ctx, src.repo, args, "pullRequests"),
  label: (src, args) => {
    const name = (stringArg(args, "name") ?? "").toLowerCase();
    const label = src.repo.labels.find((l) => l.name.toLowerCase() === name);
    return label ? labelSrc(src.repo, label) : null;
  },
  labels: (src, args) => {
    const query = stringArg(args, "query")?.toLowerCase() ?? null;
    const labels = src.repo.labels.filter(
      (l) =>
        query === null ||
        l.name.toLowerCase().includes(query) ||
        !!l.description?.toLowerCase().includes(query),
    );
    const order = orderArg(args, { field: "CREATED_AT", direction: "ASC" });
    const key =
      order.field === "NAME" ? (l: FakeLabel) => [l.name.toLowerCase(), l.id] : (l: FakeLabel) => [l.id];
    const page = paginateSorted("labels", pageArgs(args), labels, key, order.descending);
    return mapConnection(page, (label) => labelSrc(src.repo, label));
  },
  milestone: (src, args) => {
    const milestone = src.repo.milestones.find((m) => m.number === numberArg(args));
    return milestone ? milestoneSrc(src.repo, milestone) : null;
  },
  milestones: (src, args) => {
    const states = stringListArg(args, "states");
    const query = stringArg(args, "query")?.toLowerCase() ?? null;
    const milestones = src.repo.milestones.filter(
      (m) =>
        (!states || states.includes(m.state.toUpperCase())) &&
        (query === null || m.title.toLowerCase().includes(query)),
    );
    const order = orderArg(args, { field: "NUMBER", direction: "ASC" });
    const key = milestoneKey(order.field);
    const page = paginateSorted("milestones", pageArgs(args), milestones, key, order.descending);
    return mapConnection(page, (milestone) => milestoneSrc(src.repo, milestone));
  },
  release: (src, args) => {
    const tag = stringArg(args, "tagName");
    const release = src.repo.releases.find((r) => r.tag_name === tag);
    return release ? releaseSrc(src.repo, release) : null;
  },
  releases: (src, args) => {
    const order = orderArg(args, { field: "CREATED_AT", direction: "DESC" });
    const key = releaseKey(order.field);
    const page = paginateSorted("releases", pageArgs(args), src.repo.releases, key, order.descending);
    return mapConnection(page, (release) => releaseSrc(src.repo, release));
  },
};
