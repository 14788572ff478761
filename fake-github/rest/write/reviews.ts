// Pull request reviews (create, submit a pending one) and review comments
// (create, reply).
import type { RouteDef } from "../../http/types.js";
import { notFound } from "../../store/mutations/errors.js";
import {
  createReview,
  createReviewComment,
  type ReviewCommentInput,
  submitReview,
} from "../../store/mutations/reviews.js";
import { serializeReviewComment } from "../serialize/review-comments.js";
import { serializeReview } from "../serialize/reviews.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { commitChecker } from "./branches.js";
import { created, okJson, writeRoute } from "./route.js";

const events = ["APPROVE", "REQUEST_CHANGES", "COMMENT"] as const;
const sides = ["LEFT", "RIGHT"] as const;

function commentInput(body: Body): ReviewCommentInput {
  return {
    body: body.text("body", "PullRequestReviewComment"),
    commit_id: body.string("commit_id"),
    path: body.string("path"),
    line: body.integer("line"),
    side: body.oneOf("side", sides),
    start_line: body.integer("start_line"),
    start_side: body.oneOf("start_side", sides),
    position: body.integer("position"),
    subject_type: body.oneOf("subject_type", ["line", "file"] as const),
    in_reply_to: body.integer("in_reply_to"),
  };
}

const pull = "/repos/{owner}/{repo}/pulls/{pull_number}";

export const reviewRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    `${pull}/reviews`,
    "pulls/reviews#create-a-review-for-a-pull-request",
    async (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const commitId = body.string("commit_id");
      const review = createReview(
        store,
        repo,
        user,
        intParam(req, "pull_number"),
        {
          event: body.oneOf("event", events),
          body: body.text("body", "PullRequestReview"),
          commit_id: commitId,
          comments: body.objectArray("comments")?.map(commentInput),
        },
        await commitChecker(repo, commitId),
      );
      // GitHub answers 200 here, not 201.
      return okJson(serializeReview(store, repo, review, req.baseUrl));
    },
    { contentCreating: true },
  ),
  writeRoute(
    "POST",
    `${pull}/reviews/{review_id}/events`,
    "pulls/reviews#submit-a-review-for-a-pull-request",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const review = submitReview(
        store,
        repo,
        user,
        intParam(req, "pull_number"),
        intParam(req, "review_id"),
        {
          event: body.oneOf("event", events),
          body: body.text("body", "PullRequestReview"),
        },
      );
      return okJson(serializeReview(store, repo, review, req.baseUrl));
    },
  ),
  writeRoute(
    "POST",
    `${pull}/comments`,
    "pulls/comments#create-a-review-comment-for-a-pull-request",
    async (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const input = commentInput(new Body(req.body));
      const check = await commitChecker(repo, input.commit_id);
      const comment = createReviewComment(store, repo, user, intParam(req, "pull_number"), input, check);
      return created(serializeReviewComment(store, repo, comment, req.baseUrl));
    },
    { contentCreating: true },
  ),
  writeRoute(
    "POST",
    `${pull}/comments/{comment_id}/replies`,
    "pulls/comments#create-a-reply-for-a-review-comment",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const number = intParam(req, "pull_number");
      const targetId = intParam(req, "comment_id");
      if (!repo.reviewComments.some((c) => c.id === targetId && c.pull_number === number)) throw notFound();
      const body = new Body(req.body).text("body", "PullRequestReviewComment");
      const comment = createReviewComment(store, repo, user, number, { body, in_reply_to: targetId });
      return created(serializeReviewComment(store, repo, comment, req.baseUrl));
    },
    { contentCreating: true },
  ),
];
