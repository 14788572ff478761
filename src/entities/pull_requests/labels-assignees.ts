// A pull request's labels and assignees come with the REST list; GitHub
// documents no truncation of either array, but the counts GitHub reports
// (GraphQL totalCounts, pull-counts.ts) are checked anyway. A record short of
// them is read again through the issue behind the pull request; a shortfall
// GitHub's current count does not explain fails the job, naming the pull
// request and both counts.
import { graphqlQuery } from "../../github/graphql.js";
import { totalCount } from "../shared/counted-connection.js";
import { type Json, obj } from "../shared/fields.js";
import { byLogin, byName } from "../shared/order.js";
import type { PullCounts } from "../shared/pull-counts.js";
import { UnreconciledCountsError } from "../shared/reconcile-children.js";
import { labelRefs, userRefs } from "../shared/rest-refs.js";
import type { SaveContext } from "../types.js";
import type { PullRequestRecord } from "./record.js";

type Field = "labels" | "assignees";
const FIELDS: readonly Field[] = ["labels", "assignees"];

export async function reconcileLabelsAndAssignees(
  ctx: SaveContext,
  record: PullRequestRecord,
  counts: PullCounts,
): Promise<PullRequestRecord> {
  if (FIELDS.every((field) => record[field].length >= counts[field])) return record;
  const what = `pull request #${record.number}`;
  const { data } = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    issue_number: record.number,
    request: { signal: ctx.signal },
  });
  const issue = obj(data, what);
  const again: PullRequestRecord = {
    ...record,
    labels: labelRefs(issue.labels, `${what}.labels`).sort(byName),
    assignees: userRefs(issue.assignees, `${what}.assignees`).sort(byLogin),
  };
  for (const field of FIELDS) {
    if (again[field].length >= counts[field]) continue;
    if (again[field].length >= (await currentCount(ctx, record.number, field))) continue;
    throw new UnreconciledCountsError(field, [
      `${what}: GitHub reports ${counts[field]} ${field}, ${again[field].length} saved`,
    ]);
  }
  ctx.log.info(`labels and assignees of ${what}: read again through its issue`);
  return again;
}

async function currentCount(ctx: SaveContext, number: number, field: Field): Promise<number> {
  const { data } = await graphqlQuery<Json>(
    ctx.client,
    `query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { pullRequest(number: $number) { ${field}(first: 1) { totalCount } } } }`,
    { owner: ctx.repo.owner, name: ctx.repo.repo, number },
    { signal: ctx.signal },
  );
  const pull = obj(obj(data.repository, "repository").pullRequest, `pull request #${number}`);
  return totalCount(pull[field], `pull request #${number}.${field}`);
}
