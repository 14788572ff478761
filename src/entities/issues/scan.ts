// Collects issues by number range (see graphql-by-number.ts for why), with
// their labels, assignees and sub-issue links. The numbers come from the
// selection, bounded by the highest number in use (issues and pull requests
// share one sequence).

import type { IssueReportedCounts } from "../../backup/record-parts.js";
import { PRIORITY } from "../../save/priorities.js";
import type { NumberSelection } from "../../selection/number-spec.js";
import { COUNTED_PAGE, countedNodes } from "../shared/counted-connection.js";
import { arr, int, type Json, obj, str } from "../shared/fields.js";
import { fetchByNumber } from "../shared/graphql-by-number.js";
import { ACTOR_FIELDS, databaseId, LABEL_FIELDS, USER_FIELDS } from "../shared/graphql-refs.js";
import type { SubIssueLink } from "../shared/sources.js";
import type { SaveContext } from "../types.js";

const SUB_ISSUE_FIELDS = "number fullDatabaseId repository { nameWithOwner }";

const LINK_FIELDS = `id number fullDatabaseId
  subIssues(first: 100) { ${COUNTED_PAGE} nodes { ${SUB_ISSUE_FIELDS} } }`;

const FULL_FIELDS = `${LINK_FIELDS}
  title body state stateReason(enableDuplicate: true) locked activeLockReason authorAssociation createdAt updatedAt closedAt url
  author { ${ACTOR_FIELDS} }
  milestone { number title }
  comments(first: 1) { totalCount }
  timelineItems(itemTypes: [CLOSED_EVENT], last: 1) { nodes { ... on ClosedEvent { actor { ${ACTOR_FIELDS} } } } }
  labels(first: 100) { ${COUNTED_PAGE} nodes { ${LABEL_FIELDS} } }
  assignees(first: 100) { ${COUNTED_PAGE} nodes { ${USER_FIELDS} } }`;

/** An issue's or pull request's reaction count, for the reactions job. */
export const REACTION_TOTAL = " reactions(first: 1) { totalCount }";

export interface ScannedIssue {
  node: Json;
  labels: Json[];
  assignees: Json[];
  /** The counts GitHub reported with the issue, each reconciled with what was read. */
  counts: Required<IssueReportedCounts>;
}

export interface ScanOptions {
  /** "links" fetches only what sub-issue links need. */
  mode: "full" | "links";
  onIssue?(issue: ScannedIssue): Promise<void>;
}

export interface ScanResult {
  links: SubIssueLink[];
  /** Selected numbers that are not issues of this repository (absent, or pull requests). */
  notIssues: number[];
}

/** The highest issue or pull request number in use (0 for an empty repository). */
export async function highestNumber(ctx: SaveContext): Promise<number> {
  const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/issues", {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 1,
    // Every batch of the scan waits for this number.
    request: { signal: ctx.signal, priority: PRIORITY.unlock },
  });
  const first = arr(response.data, "issues")[0];
  return first === undefined ? 0 : int(obj(first, "issue").number, "issue.number");
}

/** The selected numbers from 1 to max, without materialising huge ranges. */
export function* numbersUpTo(selection: NumberSelection, max: number): Generator<number> {
  if (selection.kind === "none") return;
  const ranges: Array<[number, number]> = selection.kind === "all" ? [[1, max]] : selection.ranges;
  for (const [from, to] of ranges) {
    for (let n = from; n <= Math.min(to, max); n++) yield n;
  }
}

export async function scanIssues(ctx: SaveContext, options: ScanOptions): Promise<ScanResult> {
  // Nothing selected (an incremental save with no issue to read again): no request at all.
  const max = ctx.selection.issues.kind === "none" ? 0 : await highestNumber(ctx);
  const full = options.mode === "full";
  // The reactions rollup rides along when reactions are saved (ReactionRollups).
  const fields = full
    ? `${FULL_FIELDS}${ctx.shared.reactionRollups.wanted ? REACTION_TOTAL : ""}`
    : LINK_FIELDS;
  const fragment = `fragment F on IssueOrPullRequest { __typename ... on Issue { ${fields} } }`;
  const ownRepo = `${ctx.repo.owner}/${ctx.repo.repo}`.toLowerCase();
  const links: SubIssueLink[] = [];
  const found = new Set<number>();
  let done = 0;

  await fetchByNumber(ctx, numbersUpTo(ctx.selection.issues, max), {
    field: "issueOrPullRequest",
    fragment,
    fragmentName: "F",
    onBatch: (numbers) => {
      done += numbers.length;
      ctx.progress({ items: found.size, pages: done, total: max });
    },
    onNode: async (node, number) => {
      if (node.__typename !== "Issue") return;
      found.add(number);
      const id = str(node.id, `#${number}.id`);
      // Each nested list is read to its end and checked against its totalCount.
      const counted = (field: string, value: unknown, nodeFields: string, noun: string) =>
        countedNodes(ctx, {
          value,
          nodeId: id,
          typeName: "Issue",
          field,
          nodeFields,
          parentName: `issue #${number}`,
          noun,
        });
      const subIssues = await counted("subIssues", node.subIssues, SUB_ISSUE_FIELDS, "sub-issues");
      const children = subIssues.nodes;
      if (children.length > 0) {
        links.push({
          parentNumber: number,
          parentId: databaseId(node, `#${number}`),
          children: children.map((child, i) => {
            const repository = str(obj(child.repository, "repository").nameWithOwner, "nameWithOwner");
            return {
              number: int(child.number, `#${number}.subIssues[${i}].number`),
              id: databaseId(child, `#${number}.subIssues[${i}]`),
              repository: repository.toLowerCase() === ownRepo ? null : repository,
            };
          }),
        });
      }
      if (full && options.onIssue) {
        const labels = await counted("labels", node.labels, LABEL_FIELDS, "labels");
        const assignees = await counted("assignees", node.assignees, USER_FIELDS, "assignees");
        await options.onIssue({
          node,
          labels: labels.nodes,
          assignees: assignees.nodes,
          counts: { sub_issues: subIssues.reported, labels: labels.reported, assignees: assignees.reported },
        });
      }
    },
  });

  // Only an explicit selection can name numbers that do not exist; list a bounded few.
  const notIssues: number[] = [];
  if (ctx.selection.issues.kind === "some") {
    for (const [from, to] of ctx.selection.issues.ranges) {
      for (let n = from; n <= to && notIssues.length < 1000; n++) if (!found.has(n)) notIssues.push(n);
    }
  }
  links.sort((a, b) => a.parentNumber - b.parentNumber);
  return { links, notIssues };
}
