// Reviews of one pull request, in chronological (id) order, and one by id.
// A pending review is visible to its author only, as on GitHub.
import { notFound } from "../../http/responses.js";
import type { FakeRequest, RouteDef } from "../../http/types.js";
import type { FakeReview } from "../../store/types.js";
import { serializeReview } from "../serialize/reviews.js";
import { intParam, pagedList, readRoute, withRepo } from "./common.js";
import { groupedView } from "./sorted-view.js";

function visible(req: FakeRequest, review: FakeReview): boolean {
  return review.state !== "PENDING" || (req.user !== null && review.userId === req.user.id);
}

export function reviewRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "pull_number");
        if (number === null || !repo.issues.get(number)?.pull) return notFound();
        const groups = groupedView(
          repo,
          "reviews",
          repo.reviews,
          (r) => r.pull_number,
          (r) => r.id,
        );
        const reviews = (groups.get(number) ?? []).filter((review) => visible(req, review));
        return pagedList(req, reviews, (review) => serializeReview(store, repo, review, req.baseUrl));
      }),
    ),
    readRoute("/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "pull_number");
        const id = intParam(req, "review_id");
        const review = repo.reviews.find((r) => r.id === id && r.pull_number === number);
        if (!review || !visible(req, review)) return notFound();
        return { status: 200, body: serializeReview(store, repo, review, req.baseUrl) };
      }),
    ),
  ];
}
