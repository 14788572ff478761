// Pull-request reviews as GitHub's REST API returns them.
import type { FakeRepo, FakeReview, FakeStore } from "../../store/types.js";
import { apiRepo, webRepo } from "./common.js";
import { serializeUser } from "./users.js";

export type RestReview = Record<string, unknown>;

export function serializeReview(
  store: FakeStore,
  repo: FakeRepo,
  review: FakeReview,
  baseUrl: string,
): RestReview {
  const pullUrl = `${apiRepo(baseUrl, repo)}/pulls/${review.pull_number}`;
  const html = `${webRepo(baseUrl, repo)}/pull/${review.pull_number}#pullrequestreview-${review.id}`;
  const out: RestReview = {
    id: review.id,
    node_id: review.node_id,
    user: serializeUser(store, review.userId, baseUrl),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: review.author_association,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
  };
  // GitHub omits submitted_at on pending (unsubmitted) reviews.
  if (review.submitted_at !== null) out.submitted_at = review.submitted_at;
  out.commit_id = review.commit_id;
  return out;
}
