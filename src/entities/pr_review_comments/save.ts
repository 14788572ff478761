import { graphqlQuery } from "../../github/graphql.js";
import { selectionHas } from "../../selection/number-spec.js";
import { totalCount } from "../shared/counted-connection.js";
import { int, intOrNull, type Json, obj, str, strOrNull, trailingNumber } from "../shared/fields.js";
import { saveReviewCommentsIncrementally } from "../shared/incremental-children.js";
import { idsOf } from "../shared/reconcile-children.js";
import { reconcileWithParents } from "../shared/reconcile-job.js";
import { userRef } from "../shared/rest-refs.js";
import type { RestObject } from "../shared/sources.js";
import { listPages, writeRecords } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import { PR_REVIEW_COMMENTS_FILE, type PrReviewCommentRecord, prReviewCommentSortKey } from "./record.js";

type Side = PrReviewCommentRecord["side"];

const ROUTE = "GET /repos/{owner}/{repo}/pulls/comments";

/** Every review comment of the repository; GitHub pages this list no deeper than ~30,000 items. */
const reviewCommentPages = (ctx: SaveContext) => listPages(ctx, ROUTE, {}, { pastCap: "updated-windows" });

/** The record of one review comment, or null when its pull request is not selected. */
function reviewCommentRecord(ctx: SaveContext, c: RestObject): PrReviewCommentRecord | null {
  const pullNumber = trailingNumber(c.pull_request_url, "review_comment.pull_request_url");
  if (!selectionHas(ctx.selection.pullRequests, pullNumber)) return null;
  const id = int(c.id, "review_comment.id");
  const nodeId = str(c.node_id, "review_comment.node_id");
  ctx.shared.reactionRollups.reportRest(
    "pr_review_comments",
    "pr_review_comment",
    { id, node_id: nodeId },
    c,
  );
  return {
    id,
    node_id: nodeId,
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

async function threadCount(ctx: SaveContext, number: number): Promise<number> {
  const { data } = await graphqlQuery<Json>(
    ctx.client,
    "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { pullRequest(number: $number) { reviewThreads(first: 1) { totalCount } } } }",
    { owner: ctx.repo.owner, name: ctx.repo.repo, number },
    { signal: ctx.signal },
  );
  const pull = obj(obj(data.repository, "repository").pullRequest, `pull request #${number}`);
  return totalCount(pull.reviewThreads, `pull request #${number}.reviewThreads`);
}

async function saveAll(ctx: SaveContext) {
  const result = await writeRecords<PrReviewCommentRecord>(
    ctx,
    PR_REVIEW_COMMENTS_FILE,
    prReviewCommentSortKey,
    async (add) => {
      // Pull request → ids saved: every review comment, and those that start a thread.
      const comments = new Map<number, Set<number>>();
      const threads = new Map<number, Set<number>>();
      let records = 0;
      const keep = async (record: PrReviewCommentRecord): Promise<void> => {
        await add(record);
        records += 1;
        idsOf(comments, record.pull_request_number).add(record.id);
        if (record.in_reply_to_id === null) idsOf(threads, record.pull_request_number).add(record.id);
      };
      let pages = 0;
      for await (const page of reviewCommentPages(ctx)) {
        ctx.signal.throwIfAborted();
        for (const raw of page.items) {
          const record = reviewCommentRecord(ctx, raw);
          if (record !== null) await keep(record);
        }
        pages += 1;
        ctx.progress({ items: records, pages });
      }
      // A pull request short of threads is read again through its own list
      // (pull-counts.ts: why threads and not every review comment). Every
      // comment it lacked is kept; only thread starters count.
      const recover = async (raw: RestObject) => {
        const record = reviewCommentRecord(ctx, raw);
        if (record === null) return false;
        if (!comments.get(record.pull_request_number)?.has(record.id)) await keep(record);
        return record.in_reply_to_id === null;
      };
      await reconcileWithParents(ctx, {
        parentNoun: "pull request",
        listRoute: "GET /repos/{owner}/{repo}/pulls/{number}/comments",
        parentRoute: "GET /repos/{owner}/{repo}/pulls/{number}",
        counts: ctx.shared.pullCounts.count("review_threads"),
        saved: threads,
        children: "review threads",
        countField: "review_threads",
        recover,
        currentCount: (n) => threadCount(ctx, n),
      });
    },
  );
  ctx.shared.reactionRollups.complete("pr_review_comments");
  return result;
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
