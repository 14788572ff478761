// An issue's or pull request's timeline events: the stored ones plus the
// closing and merge events derived from its state (so an issue closed through
// the API has its closed event as on GitHub). REST and GraphQL both serve this
// one list.
import type { FakeEventType, FakeIssue, FakeIssueEvent, FakeRepo } from "./types.js";

/** GitHub's node id prefix of each event type (LE_… for a LabeledEvent). */
const NODE_PREFIX: Record<FakeEventType, string> = {
  labeled: "LE",
  unlabeled: "UNLE",
  assigned: "AE",
  unassigned: "UAE",
  milestoned: "MIE",
  demilestoned: "DEME",
  renamed: "RTE",
  closed: "CE",
  reopened: "REE",
  locked: "LOE",
  unlocked: "UNLOE",
  referenced: "REFE",
  "cross-referenced": "CRE",
  merged: "ME",
  review_requested: "RRE",
  head_ref_deleted: "HRDE",
  convert_to_draft: "CTDE",
  ready_for_review: "RFRE",
};

export function eventNodeId(event: FakeEventType, id: number): string {
  return `${NODE_PREFIX[event]}_${Buffer.from(String(id)).toString("base64url")}`;
}

const indexes = new WeakMap<FakeIssueEvent[], { length: number; byNumber: Map<number, FakeIssueEvent[]> }>();

/** Stored events by issue number, rebuilt when events were added since. */
function storedEvents(repo: FakeRepo, number: number): FakeIssueEvent[] {
  let index = indexes.get(repo.events);
  if (!index || index.length !== repo.events.length) {
    const byNumber = new Map<number, FakeIssueEvent[]>();
    for (const event of repo.events) {
      const list = byNumber.get(event.issue_number) ?? [];
      list.push(event);
      byNumber.set(event.issue_number, list);
    }
    index = { length: repo.events.length, byNumber };
    indexes.set(repo.events, index);
  }
  return index.byNumber.get(number) ?? [];
}

/** The events derived from state: merged (pull requests) then closed. Their ids are the PR's and the issue's. */
function derivedEvents(issue: FakeIssue): FakeIssueEvent[] {
  const out: FakeIssueEvent[] = [];
  const pull = issue.pull;
  if (pull?.merged_at) {
    out.push({
      id: pull.id,
      node_id: eventNodeId("merged", pull.id),
      issue_number: issue.number,
      event: "merged",
      actorId: pull.mergedById,
      created_at: pull.merged_at,
      ...(pull.merge_commit_sha ? { commit_id: pull.merge_commit_sha } : {}),
    });
  }
  if (issue.state === "closed" && issue.closed_at !== null) {
    out.push({
      id: issue.id,
      // The id format the closing event had before the timeline was modelled.
      node_id: `CE_${Buffer.from(String(issue.id)).toString("base64url")}`,
      issue_number: issue.number,
      event: "closed",
      actorId: issue.closedById,
      created_at: issue.closed_at,
      state_reason: issue.pull ? null : issue.state_reason,
    });
  }
  return out;
}

/** Every event of the issue, oldest first (merged before closed at the same time). */
export function timelineOf(repo: FakeRepo, issue: FakeIssue): FakeIssueEvent[] {
  const events = [...storedEvents(repo, issue.number), ...derivedEvents(issue)];
  return events
    .map((event, position) => ({ event, position }))
    .sort((a, b) =>
      a.event.created_at < b.event.created_at
        ? -1
        : a.event.created_at > b.event.created_at
          ? 1
          : a.position - b.position,
    )
    .map(({ event }) => event);
}

/** The events the repository-wide issue events list shows (it has no cross-references), newest first. */
export function repositoryEvents(repo: FakeRepo): Array<{ issue: FakeIssue; event: FakeIssueEvent }> {
  const out: Array<{ issue: FakeIssue; event: FakeIssueEvent }> = [];
  for (const issue of repo.issues.values()) {
    for (const event of timelineOf(repo, issue)) {
      if (event.event !== "cross-referenced") out.push({ issue, event });
    }
  }
  return out.sort((a, b) => b.event.id - a.event.id);
}
