// Issue writes: create, update (state and state_reason included), lock, unlock.
import type { RouteDef } from "../../http/types.js";
import { MutationError } from "../../store/mutations/errors.js";
import {
  createIssue,
  type IssueUpdateInput,
  lockIssue,
  unlockIssue,
  updateIssue,
} from "../../store/mutations/issues.js";
import { serializeIssue } from "../serialize/issues.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { created, noContent, okJson, writeRoute } from "./route.js";

const stateReasons = ["completed", "not_planned", "duplicate", "reopened"] as const;
const lockReasons = ["off-topic", "too heated", "resolved", "spam"] as const;

/** `milestone` may be a number, a numeric string, or null (clear). */
function milestoneField(body: Body): number | null | undefined {
  const value = body.raw("milestone");
  if (value === undefined || value === null) return value;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  throw new MutationError(
    422,
    `Invalid request.\n\nFor 'properties/milestone', ${JSON.stringify(value)} is not an integer or null.`,
  );
}

/** `assignees`, plus the deprecated single `assignee` GitHub still honours. */
function assigneesField(body: Body): string[] | undefined {
  const list = body.stringArray("assignees");
  const single = body.nullableString("assignee");
  if (single === undefined) return list;
  if (single === null) return list ?? [];
  return [...(list ?? []), single];
}

function issueInput(body: Body): IssueUpdateInput {
  return {
    title: body.stringOrNumber("title"),
    body: body.nullableText("body", "Issue"),
    assignees: assigneesField(body),
    milestone: milestoneField(body),
    labels: body.labelNames("labels"),
  };
}

const item = "/repos/{owner}/{repo}/issues/{issue_number}";

export const issueRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/issues",
    "issues/issues#create-an-issue",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const issue = createIssue(store, repo, user, issueInput(new Body(req.body)));
      return created(serializeIssue(store, repo, issue, req.baseUrl, { single: true }));
    },
    { contentCreating: true },
  ),
  writeRoute("PATCH", item, "issues/issues#update-an-issue", (req, { store }) => {
    const { repo, user } = requireWritableRepo(req, store);
    const body = new Body(req.body);
    const issue = updateIssue(store, repo, user, intParam(req, "issue_number"), {
      ...issueInput(body),
      state: body.oneOf("state", ["open", "closed"] as const),
      state_reason: body.raw("state_reason") === null ? null : body.oneOf("state_reason", stateReasons),
    });
    return okJson(serializeIssue(store, repo, issue, req.baseUrl, { single: true }));
  }),
  writeRoute("PUT", `${item}/lock`, "issues/issues#lock-an-issue", (req, { store }) => {
    const { repo } = requireWritableRepo(req, store);
    const reason = new Body(req.body).oneOf("lock_reason", lockReasons) ?? null;
    lockIssue(store, repo, intParam(req, "issue_number"), reason);
    return noContent();
  }),
  writeRoute("DELETE", `${item}/lock`, "issues/issues#unlock-an-issue", (req, { store }) => {
    const { repo } = requireWritableRepo(req, store);
    unlockIssue(store, repo, intParam(req, "issue_number"));
    return noContent();
  }),
];
