// The text of one "History" comment: an issue's or pull request's timeline
// events, oldest first, as a collapsed list. Everything from the backup is
// untrusted: names and titles go in code spans (no Markdown, no links, no
// mentions), while actors and same-repository `#N` stay prose so the body
// rewriter neutralises the mentions and points the numbers at the copy.
import { formatTime, who } from "../../restore/attribution.js";
import type { IssueEventRecord } from "./record.js";

/** `text` as one inline code span, whatever backticks or line breaks it holds. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const REASONS: Record<string, string> = {
  completed: " as completed",
  not_planned: " as not planned",
  duplicate: " as a duplicate",
};

/** What happened, after the actor's name. `repository` is the backed-up "owner/name". */
export function describeEvent(event: IssueEventRecord, repository: string): string {
  switch (event.event) {
    case "labeled":
      return `added the label ${codeSpan(event.label?.name ?? "")}`;
    case "unlabeled":
      return `removed the label ${codeSpan(event.label?.name ?? "")}`;
    case "assigned":
      return `assigned ${who(event.assignee)}`;
    case "unassigned":
      return `unassigned ${who(event.assignee)}`;
    case "milestoned":
      return `added this to the milestone ${codeSpan(event.milestone?.title ?? "")}`;
    case "demilestoned":
      return `removed this from the milestone ${codeSpan(event.milestone?.title ?? "")}`;
    case "renamed":
      return `changed the title from ${codeSpan(event.rename?.from ?? "")} to ${codeSpan(event.rename?.to ?? "")}`;
    case "closed":
      return `closed this${REASONS[event.state_reason ?? ""] ?? ""}`;
    case "reopened":
      return "reopened this";
    case "locked":
      return `locked the conversation${event.lock_reason ? ` as ${codeSpan(event.lock_reason)}` : ""}`;
    case "unlocked":
      return "unlocked the conversation";
    case "referenced":
      return `referenced this in commit ${codeSpan(event.commit_id ?? "")}`;
    case "cross-referenced": {
      const issue = event.source?.issue;
      if (!issue) return "mentioned this elsewhere";
      const kind = issue.pull_request ? "pull request" : "issue";
      const same = issue.repository.full_name.toLowerCase() === repository.toLowerCase();
      // Another repository's number stays verbatim: a link would notify it.
      return same
        ? `mentioned this in ${kind} #${issue.number}`
        : `mentioned this in ${kind} ${codeSpan(`${issue.repository.full_name}#${issue.number}`)}`;
    }
    case "merged":
      return `merged this${event.commit_id ? ` in commit ${codeSpan(event.commit_id)}` : ""}`;
    case "review_requested":
      return `requested a review from ${event.requested_reviewer ? who(event.requested_reviewer) : "a team"}`;
    case "head_ref_deleted":
      return "deleted the head branch";
    case "convert_to_draft":
      return "marked this pull request as draft";
    case "ready_for_review":
      return "marked this pull request as ready for review";
  }
}

/** The comment's text (before the body rewriter adds marker, attribution and neutralisation). */
export function historyText(events: readonly IssueEventRecord[], repository: string): string {
  const lines = events.map(
    (event) => `- ${formatTime(event.created_at)} · ${who(event.actor)} ${describeEvent(event, repository)}`,
  );
  const noun = events.length === 1 ? "event" : "events";
  return `<details>\n<summary>History: ${events.length} ${noun}</summary>\n\n${lines.join("\n")}\n\n</details>`;
}
