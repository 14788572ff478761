// Issue events: the repository-wide list (newest first, page-numbered, no
// cross-references, each with its issue) and an issue's timeline (oldest
// first, cross-references included).
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { repositoryEvents, timelineOf } from "../../store/timeline.js";
import { serializeEvent, serializeTimelineEvent } from "../serialize/events.js";
import { serializeIssue } from "../serialize/issues.js";
import { intParam, pagedList, readRoute, withRepo } from "./common.js";
import { serializeCacheFor } from "./serialize-cache.js";

export function eventRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/issues/events", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const cache = serializeCacheFor(repo);
        return pagedList(req, repositoryEvents(repo), ({ issue, event }) => ({
          ...serializeEvent(store, repo, event, req.baseUrl),
          issue: serializeIssue(store, repo, issue, req.baseUrl, { cache }),
        }));
      }),
    ),
    readRoute("/repos/{owner}/{repo}/issues/{issue_number}/timeline", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "issue_number");
        const issue = number === null ? undefined : repo.issues.get(number);
        if (!issue) return notFound();
        const cache = serializeCacheFor(repo);
        return pagedList(req, timelineOf(repo, issue), (event) =>
          serializeTimelineEvent(store, repo, event, req.baseUrl, { cache }),
        );
      }),
    ),
  ];
}
