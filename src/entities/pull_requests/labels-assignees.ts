// A pull request's labels and assignees come with the REST list; GitHub
// documents no truncation of either array, but the counts GitHub reports
// (GraphQL totalCounts, pull-counts.ts) are checked anyway
// (reconcile-list.ts): a record short of them is read again through the issue
// behind the pull request.
import { graphqlQuery } from "../../github/graphql.js";
import { totalCount } from "../shared/counted-connection.js";
import { type Json, obj } from "../shared/fields.js";
import { byLogin, byName } from "../shared/order.js";
import type { PullCounts } from "../shared/pull-counts.js";
import { reconciledList } from "../shared/reconcile-list.js";
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
  let issue: Promise<Json> | undefined;
  const readIssue = () => {
    issue ??= ctx.client.octokit
      .request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: ctx.repo.owner,
        repo: ctx.repo.repo,
        issue_number: record.number,
        request: { signal: ctx.signal },
      })
      .then(({ data }) => obj(data, what));
    return issue;
  };
  const labels = await reconciledList(ctx, {
    parentName: what,
    noun: "labels",
    reported: counts.labels,
    listed: record.labels,
    readAgain: async () => labelRefs((await readIssue()).labels, `${what}.labels`).sort(byName),
    currentCount: () => currentCount(ctx, record.number, "labels"),
  });
  const assignees = await reconciledList(ctx, {
    parentName: what,
    noun: "assignees",
    reported: counts.assignees,
    listed: record.assignees,
    readAgain: async () => userRefs((await readIssue()).assignees, `${what}.assignees`).sort(byLogin),
    currentCount: () => currentCount(ctx, record.number, "assignees"),
  });
  return { ...record, labels, assignees };
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
