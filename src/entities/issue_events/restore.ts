// Restores each issue's and pull request's timeline as one collapsed
// "History" comment on its copy (GitHub has no API to create events). The
// comment carries a marker, so a rerun adopts the one an interrupted run
// posted instead of posting it twice.
import { conversationChildren } from "../../restore/conversation-children.js";
import { restoreChildren } from "../../restore/restore-children.js";
import { restoredIssue, restoredPull } from "../../restore/restored-parent.js";
import type { EntityRestorer, RestoreContext } from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { historyText } from "./history.js";
import { ISSUE_EVENTS_FILE, type IssueEventRecord } from "./record.js";

interface History {
  number: number;
  events: IssueEventRecord[];
}

/** The events of each selected issue or pull request, grouped by number, oldest first (the file's order). */
async function histories(ctx: RestoreContext): Promise<History[]> {
  const byNumber = new Map<number, IssueEventRecord[]>();
  for await (const event of ctx.readRecords<IssueEventRecord>(ISSUE_EVENTS_FILE)) {
    const n = event.issue_number;
    if (!selectionHas(ctx.selection.issues, n) && !selectionHas(ctx.selection.pullRequests, n)) continue;
    const list = byNumber.get(n) ?? [];
    list.push(event);
    byNumber.set(n, list);
  }
  return [...byNumber.entries()].sort(([a], [b]) => a - b).map(([number, events]) => ({ number, events }));
}

export const issueEventsRestorer: EntityRestorer = {
  name: "issue_events",
  // After the conversation, so the history closes it.
  dependsOn: ["issues", "pull_requests", "issue_comments", "pr_comments"],
  files: [ISSUE_EVENTS_FILE],
  async restore(ctx) {
    const repository = ctx.source ? `${ctx.source.owner}/${ctx.source.repo}` : "";
    return restoreChildren(ctx, await histories(ctx), {
      entity: "issue_events",
      noun: "history comment",
      parentNoun: "issue or pull request",
      parentNumber: (h) => h.number,
      parent: (number) => restoredIssue(ctx, number) ?? restoredPull(ctx, number),
      plan: () => ({ create: true }),
      // A history too long for one comment goes on in continuation comments, like any long text.
      ...conversationChildren(ctx, "issue_history", {
        key: (h) => String(h.number),
        text: (h) => historyText(h.events, repository),
        render: (h, key) =>
          ctx.bodies.render(historyText(h.events, repository), {
            kind: "issue_history",
            originalId: key,
            attribution: [`*Timeline of the original \`#${h.number}\`, as GitHub recorded it*`],
          }),
      }),
    });
  },
};
