import { selectionHas } from "../../selection/number-spec.js";
import { int, intOrNull, str, strOrNull, trailingNumber } from "../shared/fields.js";
import { saveReviewCommentsIncrementally } from "../shared/incremental-children.js";
import { userRef } from "../shared/rest-refs.js";
import type { RestObject } from "../shared/sources.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import { PR_REVIEW_COMMENTS_FILE, type PrReviewCommentRecord, prReviewCommentSortKey } from "./record.js";

type Side = PrReviewCommentRecord["side"];

/** Every review comment of the repository; GitHub pages this list no deeper than ~30,000 items. */
const reviewCommentPages = (ctx: SaveContext) => listPages(ctx, ROUTE, {}, { pastCap: "updated-windows" });

const ROUTE = "GET /repos/{owner}/{repo}/pulls/comments";

function saveAll(ctx: SaveContext) {
  return writePages<PrReviewCommentRecord>(ctx, reviewCommentPages(ctx), {
    file: PR_REVIEW_COMMENTS_FILE,
    sortKey: prReviewCommentSortKey,
    map: (c) => reviewCommentRecord(ctx, c),
  });
}

export const prReviewCommentsSaver: EntitySaver = {
  name: "pr_review_comments",
  dependsOn: [],
  save: (ctx) =>
    ctx.incremental
      ? saveReviewCommentsIncrementally(
          ctx,
          {
            file: PR_REVIEW_COMMENTS_FILE,
            sortKey: prReviewCommentSortKey,
            listRoute: ROUTE,
            recordOf: (c) => reviewCommentRecord(ctx, c),
            parentOf: (record) => record.pull_request_number,
          },
          () => saveAll(ctx),
        )
      : saveAll(ctx),
};

function reviewCommentRecord(ctx: SaveContext, c: RestObject): PrReviewCommentRecord | null {
  const pullNumber = trailingNumber(c.pull_request_url, "review_comment.pull_request_url");
  if (!selectionHas(ctx.selection.pullRequests, pullNumber)) return null;
  return {
    id: int(c.id, "review_comment.id"),
    node_id: str(c.node_id, "review_comment.node_id"),
    pull_request_number: pullNumber,
    pull_request_review_id: intOrNull(c.pull_request_review_id, "review_comment.pull_request_review_id"),
    in_reply_to_id: intOrNull(c.in_reply_to_id, "review_comment.in_reply_to_id"),
    path: str(c.path, "review_comment.path"),
    line: intOrNull(c.line, "review_comment.line"),
    side: strOrNull(c.side, "review_comment.side") as Side,
    start_line: intOrNull(c.start_line, "review_comment.start_line"),
    start_side: strOrNull(c.start_side, "review_comment.start_side") as Side,
    original_line: intOrNull(c.original_line, "review_comment.original_line"),
    position: intOrNull(c.position, "review_comment.position"),
    original_position: intOrNull(c.original_position, "review_comment.original_position"),
    subject_type: strOrNull(c.subject_type, "review_comment.subject_type"),
    diff_hunk: str(c.diff_hunk, "review_comment.diff_hunk"),
    commit_id: str(c.commit_id, "review_comment.commit_id"),
    original_commit_id: str(c.original_commit_id, "review_comment.original_commit_id"),
    body: str(c.body, "review_comment.body"),
    user: userRef(c.user, "review_comment.user"),
    author_association: str(c.author_association, "review_comment.author_association"),
    created_at: str(c.created_at, "review_comment.created_at"),
    updated_at: str(c.updated_at, "review_comment.updated_at"),
    html_url: str(c.html_url, "review_comment.html_url"),
  };
}
