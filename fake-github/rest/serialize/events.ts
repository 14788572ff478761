// Issue events as GitHub's REST API returns them: the repository-wide list
// (each with its issue) and the per-issue timeline (cross-references carry
// their source issue and no id).
import type { FakeIssue, FakeIssueEvent, FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo, type SerializeOptions } from "./common.js";
import { serializeIssue } from "./issues.js";
import { serializeRepoSummary } from "./repository.js";
import { restUser } from "./users.js";

function userOrNull(store: FakeStore, id: number | null | undefined, baseUrl: string) {
  const user = id === null || id === undefined ? undefined : store.users.get(id);
  return user ? restUser(user, baseUrl) : null;
}

/** The fields each event type adds to the common ones. */
function ownFields(store: FakeStore, event: FakeIssueEvent, baseUrl: string): Record<string, unknown> {
  switch (event.event) {
    case "labeled":
    case "unlabeled":
      return { label: event.label ?? { name: "", color: "ededed" } };
    case "assigned":
    case "unassigned":
      return {
        assignee: userOrNull(store, event.assigneeId, baseUrl),
        assigner: userOrNull(store, event.actorId, baseUrl),
      };
    case "milestoned":
    case "demilestoned":
      return { milestone: { title: event.milestoneTitle ?? "" } };
    case "renamed":
      return { rename: event.rename ?? { from: "", to: "" } };
    case "closed":
    case "reopened":
      return { state_reason: event.state_reason ?? null };
    case "locked":
      return { lock_reason: event.lock_reason ?? null };
    case "review_requested":
      return {
        review_requester: userOrNull(store, event.actorId, baseUrl),
        requested_reviewer: userOrNull(store, event.requestedReviewerId, baseUrl),
      };
    default:
      return {};
  }
}

/** An event with an id (every type but cross-referenced). */
export function serializeEvent(
  store: FakeStore,
  repo: FakeRepo,
  event: FakeIssueEvent,
  baseUrl: string,
): Record<string, unknown> {
  const commit = event.commit_id ?? null;
  return {
    id: event.id,
    node_id: event.node_id,
    url: `${apiRepo(baseUrl, repo)}/issues/events/${event.id}`,
    actor: userOrNull(store, event.actorId, baseUrl),
    event: event.event,
    commit_id: commit,
    commit_url: commit === null ? null : `${apiRepo(baseUrl, repo)}/commits/${commit}`,
    created_at: event.created_at,
    performed_via_github_app: null,
    ...ownFields(store, event, baseUrl),
  };
}

/** One item of an issue's timeline. */
export function serializeTimelineEvent(
  store: FakeStore,
  repo: FakeRepo,
  event: FakeIssueEvent,
  baseUrl: string,
  opts: SerializeOptions = {},
): Record<string, unknown> {
  if (event.event !== "cross-referenced") return serializeEvent(store, repo, event, baseUrl);
  const sourceRepo = event.source ? store.repos.get(event.source.repoKey) : undefined;
  const source: FakeIssue | undefined = event.source
    ? sourceRepo?.issues.get(event.source.number)
    : undefined;
  return {
    event: event.event,
    actor: userOrNull(store, event.actorId, baseUrl),
    created_at: event.created_at,
    updated_at: event.created_at,
    source: {
      type: "issue",
      ...(sourceRepo && source
        ? {
            issue: {
              ...serializeIssue(store, sourceRepo, source, baseUrl, opts),
              repository: serializeRepoSummary(store, sourceRepo, baseUrl, opts),
            },
          }
        : {}),
    },
  };
}
