// Sub-issue writes. `sub_issue_id`, `after_id` and `before_id` are issue ids,
// not numbers; the child may live in another repository of the same owner.
import type { RouteDef } from "../../http/types.js";
import { findIssueById } from "../../store/lookup.js";
import { MutationError } from "../../store/mutations/errors.js";
import { addSubIssue, removeSubIssue, reprioritizeSubIssue } from "../../store/mutations/sub-issues.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../../store/types.js";
import { serializeIssue } from "../serialize/issues.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { created, okJson, writeRoute } from "./route.js";

function requiredId(body: Body, field: string): number {
  const value = body.integer(field);
  if (value === undefined) throw new MutationError(422, `Invalid request.\n\n"${field}" wasn't supplied.`);
  return value;
}

/** Serialises an issue in whichever repository holds it. */
function issueBody(store: FakeStore, fallback: FakeRepo, issue: FakeIssue, baseUrl: string): unknown {
  const repo = findIssueById(store, issue.id)?.repo ?? fallback;
  return serializeIssue(store, repo, issue, baseUrl);
}

const base = "/repos/{owner}/{repo}/issues/{issue_number}";

export const subIssueRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    `${base}/sub_issues`,
    "issues/sub-issues#add-sub-issue",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const parent = addSubIssue(
        store,
        repo,
        intParam(req, "issue_number"),
        requiredId(body, "sub_issue_id"),
        body.boolean("replace_parent") ?? false,
      );
      return created(issueBody(store, repo, parent, req.baseUrl));
    },
    { contentCreating: true },
  ),
  writeRoute("DELETE", `${base}/sub_issue`, "issues/sub-issues#remove-sub-issue", (req, { store }) => {
    const { repo } = requireWritableRepo(req, store);
    const body = new Body(req.body);
    const child = removeSubIssue(
      store,
      repo,
      intParam(req, "issue_number"),
      requiredId(body, "sub_issue_id"),
    );
    return okJson(issueBody(store, repo, child, req.baseUrl));
  }),
  writeRoute(
    "PATCH",
    `${base}/sub_issues/priority`,
    "issues/sub-issues#reprioritize-sub-issue",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const parent = reprioritizeSubIssue(
        store,
        repo,
        intParam(req, "issue_number"),
        requiredId(body, "sub_issue_id"),
        {
          afterId: body.integer("after_id"),
          beforeId: body.integer("before_id"),
        },
      );
      return okJson(issueBody(store, repo, parent, req.baseUrl));
    },
  ),
];
