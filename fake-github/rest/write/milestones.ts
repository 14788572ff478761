// Milestone writes: create, update, delete.
import type { RouteDef } from "../../http/types.js";
import { MutationError } from "../../store/mutations/errors.js";
import { createMilestone, deleteMilestone, updateMilestone } from "../../store/mutations/milestones.js";
import type { Iso } from "../../store/types.js";
import { serializeMilestone } from "../serialize/milestones.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { created, noContent, okJson, writeRoute } from "./route.js";

/** GitHub stores due dates as timestamps; it accepts any ISO 8601 date-time. */
function dueOn(body: Body): Iso | null | undefined {
  const value = body.nullableString("due_on");
  if (value === null || value === undefined) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new MutationError(
      422,
      `Invalid request.\n\nFor 'properties/due_on', ${JSON.stringify(value)} is not a date-time.`,
    );
  }
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function milestoneInput(body: Body) {
  return {
    title: body.stringOrNumber("title"),
    state: body.oneOf("state", ["open", "closed"] as const),
    description: body.nullableString("description"),
    due_on: dueOn(body),
  };
}

const item = "/repos/{owner}/{repo}/milestones/{milestone_number}";

export const milestoneRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/milestones",
    "issues/milestones#create-a-milestone",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const milestone = createMilestone(store, repo, user, milestoneInput(new Body(req.body)));
      return created(serializeMilestone(store, repo, milestone, req.baseUrl));
    },
  ),
  writeRoute("PATCH", item, "issues/milestones#update-a-milestone", (req, { store }) => {
    const { repo } = requireWritableRepo(req, store);
    const number = intParam(req, "milestone_number");
    const milestone = updateMilestone(store, repo, number, milestoneInput(new Body(req.body)));
    return okJson(serializeMilestone(store, repo, milestone, req.baseUrl));
  }),
  writeRoute("DELETE", item, "issues/milestones#delete-a-milestone", (req, { store }) => {
    const { repo } = requireWritableRepo(req, store);
    deleteMilestone(store, repo, intParam(req, "milestone_number"));
    return noContent();
  }),
];
