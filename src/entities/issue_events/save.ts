// Saves the timeline of every selected issue and pull request with GraphQL
// `timelineItems`, a batch of numbers per request (graphql-by-number.ts), each
// connection read to its end. The cheaper-looking REST lists are not complete:
// the repository-wide events list has no cross-references and is capped like
// the other page-numbered lists, and the per-issue timeline costs a request
// per issue. Each timeline's totalCount is checked against what was read.
import { selectionHas } from "../../selection/number-spec.js";
import { highestNumber } from "../issues/scan.js";
import { int, type Json, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { fetchByNumber } from "../shared/graphql-by-number.js";
import { allNodes, connection } from "../shared/graphql-connection.js";
import { actorRef, lockReason, restEnum } from "../shared/graphql-refs.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import {
  type CrossReferenceSource,
  ISSUE_EVENTS_FILE,
  type IssueEventRecord,
  type IssueEventType,
  issueEventSortKey,
} from "./record.js";

/** An actor field typed as a union (Assignee, RequestedReviewer): its members' login and id. */
const UNION_ACTOR =
  "__typename ... on Actor { login } ... on User { databaseId } ... on Bot { databaseId } ... on Organization { databaseId }";
const REVIEWER = "__typename ... on Actor { login } ... on User { databaseId } ... on Bot { databaseId }";
const ACTOR =
  "__typename login ... on User { databaseId } ... on Bot { databaseId } ... on Organization { databaseId }";
const SUBJECT =
  "__typename ... on Issue { number url repository { nameWithOwner } } ... on PullRequest { number url repository { nameWithOwner } }";

/** Each GraphQL event type: its REST name and the fields it adds. */
const TYPES: Record<string, { event: IssueEventType; fields: string; pullOnly?: boolean }> = {
  LabeledEvent: { event: "labeled", fields: "label { name color }" },
  UnlabeledEvent: { event: "unlabeled", fields: "label { name color }" },
  AssignedEvent: { event: "assigned", fields: `assignee { ${UNION_ACTOR} }` },
  UnassignedEvent: { event: "unassigned", fields: `assignee { ${UNION_ACTOR} }` },
  MilestonedEvent: { event: "milestoned", fields: "milestoneTitle" },
  DemilestonedEvent: { event: "demilestoned", fields: "milestoneTitle" },
  RenamedTitleEvent: { event: "renamed", fields: "previousTitle currentTitle" },
  ClosedEvent: { event: "closed", fields: "stateReason" },
  ReopenedEvent: { event: "reopened", fields: "stateReason" },
  LockedEvent: { event: "locked", fields: "lockReason" },
  UnlockedEvent: { event: "unlocked", fields: "" },
  ReferencedEvent: { event: "referenced", fields: "commit { oid }" },
  CrossReferencedEvent: { event: "cross-referenced", fields: `source { ${SUBJECT} }` },
  MergedEvent: { event: "merged", fields: "commit { oid }", pullOnly: true },
  ReviewRequestedEvent: {
    event: "review_requested",
    fields: `requestedReviewer { ${REVIEWER} }`,
    pullOnly: true,
  },
  HeadRefDeletedEvent: { event: "head_ref_deleted", fields: "", pullOnly: true },
  ConvertToDraftEvent: { event: "convert_to_draft", fields: "", pullOnly: true },
  ReadyForReviewEvent: { event: "ready_for_review", fields: "", pullOnly: true },
};

interface Timeline {
  typeName: "Issue" | "PullRequest";
  /** The connection's arguments besides the page. */
  args: string;
  nodeFields: string;
}

function timeline(typeName: Timeline["typeName"]): Timeline {
  const types = Object.entries(TYPES).filter(([, t]) => typeName === "PullRequest" || !t.pullOnly);
  const itemTypes = types.map(([name]) => name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase());
  const nodeFields = `__typename ${types
    .map(([name, t]) => `... on ${name} { id createdAt actor { ${ACTOR} } ${t.fields} }`)
    .join(" ")}`;
  return { typeName, args: `itemTypes: [${itemTypes.join(", ")}]`, nodeFields };
}

const ISSUE = timeline("Issue");
const PULL = timeline("PullRequest");

const page = (t: Timeline) =>
  `timelineItems(first: 100, ${t.args}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${t.nodeFields} } }`;
const FRAGMENT = `fragment T on IssueOrPullRequest { __typename ... on Issue { id number ${page(ISSUE)} } ... on PullRequest { id number ${page(PULL)} } }`;

/** A union-typed actor (a team asked for review has no login): the account, or null. */
function accountOrNull(value: unknown, what: string) {
  const account = objOrNull(value, what);
  return account === null || typeof account.login !== "string" ? null : actorRef(account, what);
}

function sourceOf(value: unknown, what: string): CrossReferenceSource {
  const subject = obj(value, what);
  const url = str(subject.url, `${what}.url`);
  return {
    type: "issue",
    issue: {
      number: int(subject.number, `${what}.number`),
      html_url: url,
      ...(subject.__typename === "PullRequest" ? { pull_request: { html_url: url } } : {}),
      repository: {
        full_name: str(obj(subject.repository, `${what}.repository`).nameWithOwner, `${what}.nameWithOwner`),
      },
    },
  };
}

/** A timeline item as a REST-shaped record; null for a type this version does not save. */
export function eventRecord(node: Json, issueNumber: number): IssueEventRecord | null {
  const typeName = str(node.__typename, "event.__typename");
  const type = TYPES[typeName];
  if (!type) return null;
  const what = `${typeName} on #${issueNumber}`;
  const base: IssueEventRecord = {
    issue_number: issueNumber,
    node_id: str(node.id, `${what}.id`),
    event: type.event,
    actor: actorRef(node.actor, `${what}.actor`),
    created_at: str(node.createdAt, `${what}.createdAt`),
  };
  switch (type.event) {
    case "labeled":
    case "unlabeled": {
      const label = obj(node.label, `${what}.label`);
      return {
        ...base,
        label: {
          name: str(label.name, `${what}.label.name`),
          color: str(label.color, `${what}.label.color`),
        },
      };
    }
    case "assigned":
    case "unassigned":
      return { ...base, assignee: accountOrNull(node.assignee, `${what}.assignee`) };
    case "milestoned":
    case "demilestoned":
      return { ...base, milestone: { title: str(node.milestoneTitle, `${what}.milestoneTitle`) } };
    case "renamed":
      return {
        ...base,
        rename: {
          from: str(node.previousTitle, `${what}.previousTitle`),
          to: str(node.currentTitle, `${what}.currentTitle`),
        },
      };
    case "closed":
    case "reopened":
      return { ...base, state_reason: restEnum(node.stateReason, `${what}.stateReason`) };
    case "locked":
      return { ...base, lock_reason: lockReason(node.lockReason, `${what}.lockReason`) };
    case "referenced":
    case "merged":
      return {
        ...base,
        commit_id: strOrNull(objOrNull(node.commit, `${what}.commit`)?.oid, `${what}.commit.oid`),
      };
    case "cross-referenced":
      return { ...base, source: sourceOf(node.source, `${what}.source`) };
    case "review_requested":
      return {
        ...base,
        requested_reviewer: accountOrNull(node.requestedReviewer, `${what}.requestedReviewer`),
      };
    default:
      return base;
  }
}

/** The numbers either selection names, up to the highest in use. */
function* selectedNumbers(ctx: SaveContext, max: number): Generator<number> {
  const { issues, pullRequests } = ctx.selection;
  for (let n = 1; n <= max; n++) {
    if (selectionHas(issues, n) || selectionHas(pullRequests, n)) yield n;
  }
}

export const issueEventsSaver: EntitySaver = {
  name: "issue_events",
  dependsOn: [],
  save: (ctx) =>
    writeRecords<IssueEventRecord>(ctx, ISSUE_EVENTS_FILE, issueEventSortKey, async (add) => {
      const none = ctx.selection.issues.kind === "none" && ctx.selection.pullRequests.kind === "none";
      const max = none ? 0 : await highestNumber(ctx);
      let done = 0;
      let records = 0;
      const short: string[] = [];
      await fetchByNumber(ctx, selectedNumbers(ctx, max), {
        field: "issueOrPullRequest",
        fragment: FRAGMENT,
        fragmentName: "T",
        onBatch: (numbers) => {
          done += numbers.length;
          ctx.progress({ items: records, pages: done, total: max });
        },
        onNode: async (node, number) => {
          const isPull = node.__typename === "PullRequest";
          if (!selectionHas(isPull ? ctx.selection.pullRequests : ctx.selection.issues, number)) return;
          const t = isPull ? PULL : ISSUE;
          const first = obj(node.timelineItems, `#${number}.timelineItems`);
          const total = int(first.totalCount, `#${number}.timelineItems.totalCount`);
          const items = await allNodes(
            ctx,
            connection(first, `#${number}.timelineItems`),
            str(node.id, `#${number}.id`),
            t.typeName,
            "timelineItems",
            t.nodeFields,
            t.args,
          );
          if (items.length < total) short.push(`#${number} (${items.length} of ${total})`);
          for (const item of items) {
            const record = eventRecord(item, number);
            if (record) {
              await add(record);
              records++;
            }
          }
        },
      });
      if (short.length > 0) {
        ctx.log.warn(
          `GitHub listed fewer timeline events than it counted for ${short.length} issues or pull requests: ${short.slice(0, 20).join(", ")}`,
        );
      }
    }),
};
