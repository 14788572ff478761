// Creating one issue through the normal endpoint: title, rendered body,
// labels, the milestone's new number and the assignees GitHub accepts. A 422
// naming an assignee or the milestone drops that field (with a warning) and
// tries again, so one unknown login never loses an issue.
import type { RenderedBody, RestoreContext } from "../../restore/types.js";
import { problemsWith } from "../../restore/validation.js";
import { dropRejectedAssignees, type Unassignable, wantedAssignees } from "./finish.js";
import { type IssueState, issueStateOf } from "./issue-state.js";
import type { IssueRecord } from "./record.js";

export interface CreatedIssue {
  id: number;
  number: number;
  state: IssueState;
}

export function issueTitle(record: IssueRecord): string {
  return record.title.trim() === "" ? `(untitled issue #${record.number})` : record.title;
}

/** The milestone's new number; warns (once per issue) when it was not restored. */
export function mappedMilestone(ctx: RestoreContext, record: IssueRecord): number | undefined {
  if (!record.milestone) return undefined;
  const entry = ctx.journal.byNumber("milestone", record.milestone.number);
  if (entry?.newNumber === undefined) {
    ctx.warn(
      `issue #${record.number}: milestone ${JSON.stringify(record.milestone.title)} was not restored; the issue is created without it`,
    );
    return undefined;
  }
  return entry.newNumber;
}

export async function createIssueRest(
  ctx: RestoreContext,
  record: IssueRecord,
  rendered: RenderedBody,
  unassignable: Unassignable,
): Promise<CreatedIssue> {
  const where = `issue #${record.number}`;
  let milestone = mappedMilestone(ctx, record);
  let assignees = wantedAssignees(record, unassignable);
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/issues", {
        owner: ctx.target.owner,
        repo: ctx.target.repo,
        title: issueTitle(record),
        body: rendered.body,
        labels: record.labels.map((l) => l.name),
        ...(assignees.length > 0 ? { assignees } : {}),
        ...(milestone !== undefined ? { milestone } : {}),
        request: { signal: ctx.signal },
      });
      const data = response.data as { id: number; number: number };
      return { id: data.id, number: data.number, state: issueStateOf(response.data) };
    } catch (error) {
      if (attempt >= 3) throw error;
      if (dropRejectedAssignees(ctx, error, assignees, unassignable, where)) {
        assignees = wantedAssignees(record, unassignable);
        continue;
      }
      if (milestone !== undefined && problemsWith(error, "milestone").length > 0) {
        ctx.warn(
          `${where}: GitHub rejected milestone ${JSON.stringify(record.milestone?.title)}; created without it`,
        );
        milestone = undefined;
        continue;
      }
      throw error;
    }
  }
}
