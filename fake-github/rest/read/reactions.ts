// Each subject's reactions, oldest first, page-numbered, with GitHub's
// optional `content` filter: an issue's or pull request's, a conversation
// comment's, a review comment's and a release's. An unknown subject is a 404.
import { notFound, validationFailed } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef } from "../../http/types.js";
import { REACTION_CONTENTS, reactionsOf } from "../../store/reactions.js";
import type { FakeReactionSubject, FakeRepo, FakeStore } from "../../store/types.js";
import { serializeReaction } from "../serialize/reactions.js";
import { intParam, pagedList, type RepoAccess, readRoute, withRepo } from "./common.js";

function listed(
  req: FakeRequest,
  store: FakeStore,
  repo: FakeRepo,
  subject: FakeReactionSubject,
  id: number,
): FakeResponse {
  const content = req.query.get("content");
  if (content !== null && !(REACTION_CONTENTS as readonly string[]).includes(content)) {
    return validationFailed(`Invalid value for "content": ${content}`);
  }
  const all = reactionsOf(repo, subject, id);
  const selected = content === null ? all : all.filter((r) => r.content === content);
  return pagedList(req, selected, (reaction) => serializeReaction(store, reaction, req.baseUrl));
}

/** A route whose subject is found by `find` (its id, or null for a 404). */
function subjectRoute(
  template: string,
  subject: FakeReactionSubject,
  find: (access: RepoAccess, req: FakeRequest) => number | null,
): RouteDef {
  return readRoute(template, (req, { store }) =>
    withRepo(req, store, (access) => {
      const id = find(access, req);
      return id === null ? notFound() : listed(req, store, access.repo, subject, id);
    }),
  );
}

export function reactionRoutes(): RouteDef[] {
  return [
    subjectRoute("/repos/{owner}/{repo}/issues/{issue_number}/reactions", "issue", ({ repo }, req) => {
      const number = intParam(req, "issue_number");
      return (number === null ? undefined : repo.issues.get(number))?.id ?? null;
    }),
    subjectRoute(
      "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      "issue_comment",
      ({ repo }, req) => {
        const id = intParam(req, "comment_id");
        return repo.comments.find((c) => c.id === id)?.id ?? null;
      },
    ),
    subjectRoute(
      "/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
      "review_comment",
      ({ repo }, req) => {
        const id = intParam(req, "comment_id");
        return repo.reviewComments.find((c) => c.id === id)?.id ?? null;
      },
    ),
    subjectRoute(
      "/repos/{owner}/{repo}/releases/{release_id}/reactions",
      "release",
      ({ repo, canWrite }, req) => {
        const id = intParam(req, "release_id");
        const release = repo.releases.find((r) => r.id === id);
        return release && (!release.draft || canWrite) ? release.id : null;
      },
    ),
  ];
}
