// The attribution block of a restored pull request: the original author and
// times, how it ended (merged as which commit, or closed), its branches, and,
// when the restore had to take another route, what that route was.
import { attributionLines, formatTime } from "../../restore/attribution.js";
import type { PullRequestRecord } from "./record.js";

/** How the pull request was recreated. */
export type PullRoute =
  | { kind: "branches" }
  | { kind: "restore-branch"; head: string; base: string }
  | { kind: "issue"; reason: string };

function branchOf(pr: PullRequestRecord): string {
  const fork = pr.head.repo && pr.base.repo && pr.head.repo.full_name !== pr.base.repo.full_name;
  return fork ? `${pr.head.repo?.full_name}:${pr.head.ref}` : pr.head.ref;
}

export function pullAttribution(
  pr: PullRequestRecord,
  route: PullRoute,
  notes: readonly string[] = [],
): string[] {
  const clauses: string[] = [];
  if (pr.merged_at) {
    // GitHub cannot merge a restored PR again without changing the code: it is closed, and this says how it ended.
    const sha = pr.merge_commit_sha ? ` as \`${pr.merge_commit_sha}\`` : "";
    clauses.push(`merged on ${formatTime(pr.merged_at)}${sha}`);
  } else if (pr.closed_at) {
    clauses.push(`closed on ${formatTime(pr.closed_at)} without merging`);
  }
  const extra: string[] = [];
  const branches = `\`${branchOf(pr)}\` → \`${pr.base.ref}\``;
  switch (route.kind) {
    case "branches":
      extra.push(`Branches: ${branches}`);
      break;
    case "restore-branch":
      extra.push(
        `Branches: ${branches}; restored from the saved commit \`${pr.head.sha}\` as \`${route.head}\` → \`${route.base}\``,
      );
      break;
    case "issue":
      extra.push(`This was a pull request (${branches}, head \`${pr.head.sha}\`); ${route.reason}`);
      break;
  }
  if (pr.draft && route.kind === "issue") extra.push("It was a draft.");
  extra.push(...notes);
  return attributionLines({
    what: route.kind === "issue" ? "Originally pull request" : "Originally",
    number: pr.number,
    author: pr.user,
    createdAt: pr.created_at,
    clauses,
    url: pr.html_url,
    extraLines: extra,
  });
}
