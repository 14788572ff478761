// Timeline events (LabeledEvent, ClosedEvent, CrossReferencedEvent, …) and the
// `timelineItems` connection of issues and pull requests, served from the
// store's timeline (store/timeline.ts), the list REST's timeline serves too.
import { timelineOf } from "../../store/timeline.js";
import type { FakeEventType, FakeIssueEvent, FakeLabel } from "../../store/types.js";
import { paginate } from "../connection.js";
import type { GqlContext } from "../context.js";
import { commitSrc, type IssueSrc, issueSrc, labelSrc } from "../sources.js";
import { mapConnection } from "./issue-lists.js";
import { type Args, actor, pageArgs, stringListArg, type TypeResolvers } from "./shared.js";

/** The GraphQL type of each REST event name. */
export const EVENT_TYPES: Record<FakeEventType, string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  assigned: "AssignedEvent",
  unassigned: "UnassignedEvent",
  milestoned: "MilestonedEvent",
  demilestoned: "DemilestonedEvent",
  renamed: "RenamedTitleEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  locked: "LockedEvent",
  unlocked: "UnlockedEvent",
  referenced: "ReferencedEvent",
  "cross-referenced": "CrossReferencedEvent",
  merged: "MergedEvent",
  review_requested: "ReviewRequestedEvent",
  head_ref_deleted: "HeadRefDeletedEvent",
  convert_to_draft: "ConvertToDraftEvent",
  ready_for_review: "ReadyForReviewEvent",
};

export interface EventSrc {
  __typename: string;
  owner: IssueSrc;
  event: FakeIssueEvent;
}

/** "ConvertToDraftEvent" → "CONVERT_TO_DRAFT_EVENT", the itemTypes enum value. */
function itemType(typeName: string): string {
  return typeName.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

const enumOf: Record<string, string> = { "off-topic": "OFF_TOPIC", "too heated": "TOO_HEATED" };

/** `timelineItems` of an issue or pull request: its events of the requested types, oldest first. */
export function timelineItems(src: IssueSrc, args: Args) {
  const types = stringListArg(args, "itemTypes");
  const events = timelineOf(src.repo, src.issue).filter(
    (event) => types === null || types.includes(itemType(EVENT_TYPES[event.event])),
  );
  const position = new Map(events.map((event, index) => [event, index]));
  const page = paginate("timelineItems", pageArgs(args), events, (event) => [position.get(event) ?? 0]);
  return mapConnection(
    page,
    (event): EventSrc => ({ __typename: EVENT_TYPES[event.event], owner: src, event }),
  );
}

/** The label an event names: the repository's label of that name, or the one it was when deleted since. */
function eventLabel(src: EventSrc): FakeLabel {
  const label = src.event.label ?? { name: "", color: "ededed" };
  return (
    src.owner.repo.labels.find((l) => l.name === label.name) ?? {
      id: 0,
      node_id: "LA_deleted",
      name: label.name,
      color: label.color,
      description: null,
      default: false,
    }
  );
}

function subject(ctx: GqlContext, src: EventSrc) {
  const source = src.event.source;
  if (!source) return null;
  const repo = ctx.store.repos.get(source.repoKey);
  const issue = repo?.issues.get(source.number);
  return repo && issue ? issueSrc(repo, issue) : null;
}

/** Every event type's fields (each type's schema names the ones it has). */
export const eventResolvers: TypeResolvers<EventSrc> = {
  id: (src) => src.event.node_id,
  actor: (src, _args, ctx) => actor(ctx, src.event.actorId),
  createdAt: (src) => src.event.created_at,
  label: (src) => labelSrc(src.owner.repo, eventLabel(src)),
  assignee: (src, _args, ctx) => actor(ctx, src.event.assigneeId ?? null),
  requestedReviewer: (src, _args, ctx) => actor(ctx, src.event.requestedReviewerId ?? null),
  milestoneTitle: (src) => src.event.milestoneTitle ?? "",
  previousTitle: (src) => src.event.rename?.from ?? "",
  currentTitle: (src) => src.event.rename?.to ?? "",
  stateReason: (src) => src.event.state_reason?.toUpperCase() ?? null,
  lockReason: (src) => {
    const reason = src.event.lock_reason ?? null;
    return reason === null ? null : (enumOf[reason] ?? reason.toUpperCase());
  },
  commit: (src) => (src.event.commit_id ? commitSrc(src.owner.repo, src.event.commit_id) : null),
  source: (src, _args, ctx) => subject(ctx, src),
  headRefName: (src) => src.owner.issue.pull?.head.ref ?? "",
};
