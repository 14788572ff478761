// Sub-issues of one issue, in their stored order (children may live in other
// repositories of the owner), and an issue's parent.
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { findIssueById } from "../../store/lookup.js";
import type { FakeIssue } from "../../store/types.js";
import { serializeIssue } from "../serialize/issues.js";
import { serializeSubIssue } from "../serialize/sub-issues.js";
import { intParam, pagedList, readRoute, withRepo } from "./common.js";
import { serializeCacheFor } from "./serialize-cache.js";

export function subIssueRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "issue_number");
        const parent = number === null ? undefined : repo.issues.get(number);
        if (!parent) return notFound();
        const children: FakeIssue[] = [];
        for (const id of parent.subIssueIds) {
          const child = findIssueById(store, id);
          if (child) children.push(child.issue);
        }
        const cache = serializeCacheFor(repo);
        return pagedList(req, children, (child) => serializeSubIssue(store, child, req.baseUrl, { cache }));
      }),
    ),
    readRoute("/repos/{owner}/{repo}/issues/{issue_number}/parent", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "issue_number");
        const issue = number === null ? undefined : repo.issues.get(number);
        const parent = issue?.parentId != null ? findIssueById(store, issue.parentId) : undefined;
        if (!parent) return notFound();
        return { status: 200, body: serializeIssue(store, parent.repo, parent.issue, req.baseUrl) };
      }),
    ),
  ];
}
