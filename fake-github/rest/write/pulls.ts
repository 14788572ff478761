// Pull request writes: create (from branches, or by converting an issue), update.
import type { RouteDef } from "../../http/types.js";
import { createPull, updatePull } from "../../store/mutations/pulls.js";
import { serializePull } from "../serialize/pulls.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { syncBranches } from "./branches.js";
import { created, okJson, writeRoute } from "./route.js";

export const pullRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/pulls",
    "pulls/pulls#create-a-pull-request",
    async (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const input = {
        title: body.stringOrNumber("title"),
        issue: body.integer("issue"),
        head: body.string("head"),
        base: body.string("base"),
        body: body.nullableText("body", "PullRequest"),
        draft: body.boolean("draft"),
      };
      await syncBranches(repo, [input.head, input.base]);
      const pr = createPull(store, repo, user, input);
      return created(serializePull(store, repo, pr, req.baseUrl, { single: true }));
    },
    { contentCreating: true },
  ),
  writeRoute(
    "PATCH",
    "/repos/{owner}/{repo}/pulls/{pull_number}",
    "pulls/pulls#update-a-pull-request",
    async (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const input = {
        title: body.stringOrNumber("title"),
        body: body.nullableText("body", "PullRequest"),
        state: body.oneOf("state", ["open", "closed"] as const),
        base: body.string("base"),
      };
      await syncBranches(repo, [input.base]);
      const pr = updatePull(store, repo, user, intParam(req, "pull_number"), input);
      return okJson(serializePull(store, repo, pr, req.baseUrl, { single: true }));
    },
  ),
];
