import type { UserRef } from "../../backup/record-parts.js";
import { arr, bool, int, type Json, obj, str, strOrNull } from "../shared/fields.js";
import {
  actorRef,
  databaseId,
  gqlMilestoneRef,
  labelRef,
  lockReason,
  restEnum,
} from "../shared/graphql-refs.js";
import { byLogin, byName } from "../shared/order.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { ISSUES_FILE, type IssueRecord, issueSortKey } from "./record.js";
import { type ScannedIssue, scanIssues } from "./scan.js";

/** Who closed a closed issue: the actor of its last ClosedEvent. */
function closedBy(node: Json, what: string): UserRef | null {
  if (node.state !== "CLOSED") return null;
  const events = arr(obj(node.timelineItems, `${what}.timelineItems`).nodes, `${what}.timelineItems.nodes`);
  const last = events.at(-1);
  return last === undefined
    ? null
    : actorRef(obj(last, `${what}.closedEvent`).actor, `${what}.closedEvent.actor`);
}

export function issueRecord({ node, labels, assignees }: ScannedIssue): IssueRecord {
  const number = int(node.number, "issue.number");
  const what = `issue #${number}`;
  const body = strOrNull(node.body, `${what}.body`);
  return {
    id: databaseId(node, what),
    node_id: str(node.id, `${what}.id`),
    number,
    title: str(node.title, `${what}.title`),
    // GraphQL says "" where REST says null for an issue without a body.
    body: body === "" ? null : body,
    state: restEnum(node.state, `${what}.state`) as IssueRecord["state"],
    state_reason: restEnum(node.stateReason, `${what}.stateReason`) as IssueRecord["state_reason"],
    locked: bool(node.locked, `${what}.locked`),
    active_lock_reason: lockReason(
      node.activeLockReason,
      `${what}.activeLockReason`,
    ) as IssueRecord["active_lock_reason"],
    user: actorRef(node.author, `${what}.author`),
    labels: labels.map((l, i) => labelRef(l, `${what}.labels[${i}]`)).sort(byName),
    assignees: assignees.flatMap((a, i) => actorRef(a, `${what}.assignees[${i}]`) ?? []).sort(byLogin),
    milestone: gqlMilestoneRef(node.milestone, `${what}.milestone`),
    comments: int(obj(node.comments, `${what}.comments`).totalCount, `${what}.comments.totalCount`),
    author_association: str(node.authorAssociation, `${what}.authorAssociation`),
    created_at: str(node.createdAt, `${what}.createdAt`),
    updated_at: str(node.updatedAt, `${what}.updatedAt`),
    closed_at: strOrNull(node.closedAt, `${what}.closedAt`),
    closed_by: closedBy(node, what),
    html_url: str(node.url, `${what}.url`),
  };
}

export const issuesSaver: EntitySaver = {
  name: "issues",
  dependsOn: [],
  save: (ctx) =>
    writeRecords<IssueRecord>(ctx, ISSUES_FILE, issueSortKey, async (add) => {
      const counts = ctx.shared.issueCommentCounts;
      const { links, notIssues } = await scanIssues(ctx, {
        mode: "full",
        onIssue: (issue) => {
          const record = issueRecord(issue);
          counts.set(record.number, record.comments);
          ctx.shared.reactionRollups.reportNode("issues", "issue", record, issue.node);
          return add(record);
        },
      });
      counts.complete();
      ctx.shared.reactionRollups.complete("issues");
      // sub_issues depends on this job and writes these links.
      ctx.shared.subIssueLinks = links;
      if (notIssues.length > 0) {
        ctx.log.warn(
          `selected numbers that are not issues of ${ctx.repo.owner}/${ctx.repo.repo}: ${notIssues.join(", ")}`,
        );
      }
    }),
};
