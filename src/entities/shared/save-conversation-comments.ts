// The issue_comments and pr_comments jobs: both read the shared repo-wide
// conversation-comment list, keep the comments on their kind of parent, then
// reconcile each parent's saved comments with the count GitHub reported for
// it (reconcile-children.ts).
import type { SortKey } from "../../backup/sort-key.js";
import { type NumberSelection, selectionHas } from "../../selection/number-spec.js";
import type { EntityName } from "../names.js";
import type { EntitySaveResult, SaveContext } from "../types.js";
import { conversationCommentRecord, readConversationComment } from "./conversation-comment.js";
import { saveCommentsIncrementally } from "./incremental-children.js";
import type { CountSource } from "./parent-counts.js";
import { idsOf } from "./reconcile-children.js";
import { reconcileWithParents } from "./reconcile-job.js";
import type { RestObject } from "./sources.js";
import { writeRecords } from "./write-pages.js";

export interface ConversationCommentsJob<K extends string> {
  /** The job, "issue_comments" or "pr_comments". */
  name: EntityName;
  file: string;
  parentKey: K;
  onPullRequest: boolean;
  selection: NumberSelection;
  counts: CountSource;
  /** "issue" or "pull request", for messages. */
  parentNoun: string;
}

type CommentRecord<K extends string> = ReturnType<typeof conversationCommentRecord<K>>;

export function saveConversationComments<K extends string>(
  ctx: SaveContext,
  job: ConversationCommentsJob<K>,
  sortKey: (record: CommentRecord<K>) => SortKey,
): Promise<EntitySaveResult> {
  const recordOf = (raw: RestObject): CommentRecord<K> | null => {
    const c = readConversationComment(raw);
    if (c.onPullRequest !== job.onPullRequest || !selectionHas(job.selection, c.parentNumber)) return null;
    return conversationCommentRecord(c, job.parentKey);
  };
  if (ctx.incremental) {
    return saveCommentsIncrementally(ctx, {
      file: job.file,
      sortKey,
      listRoute: "GET /repos/{owner}/{repo}/issues/comments",
      // The comments read again report their rollups, for reactions to compare.
      recordOf: (raw) => {
        const record = recordOf(raw);
        if (record !== null) ctx.shared.reactionRollups.reportRest(job.name, "issue_comment", record, raw);
        return record;
      },
      parentOf: (record) => record[job.parentKey] as number,
      onPullRequest: job.onPullRequest,
      selection: job.selection,
    });
  }
  return writeRecords<CommentRecord<K>>(ctx, job.file, sortKey, async (add) => {
    const saved = new Map<number, Set<number>>();
    let records = 0;
    const keep = async (record: CommentRecord<K>, parent: number): Promise<void> => {
      await add(record);
      records += 1;
      idsOf(saved, parent).add(record.id);
    };
    let pages = 0;
    for await (const page of ctx.shared.issueComments(ctx.client)) {
      ctx.signal.throwIfAborted();
      for (const raw of page.items) {
        const record = recordOf(raw);
        if (record === null) continue;
        ctx.shared.reactionRollups.reportRest(job.name, "issue_comment", record, raw);
        await keep(record, readConversationComment(raw).parentNumber);
      }
      pages += 1;
      ctx.progress({ items: records, pages });
    }
    await reconcileWithParents(ctx, {
      counts: job.counts,
      saved,
      children: "comments",
      parentNoun: job.parentNoun,
      listRoute: "GET /repos/{owner}/{repo}/issues/{number}/comments",
      parentRoute: "GET /repos/{owner}/{repo}/issues/{number}",
      countField: "comments",
      recover: async (raw) => {
        const record = recordOf(raw);
        if (record === null) return false;
        ctx.shared.reactionRollups.reportRest(job.name, "issue_comment", record, raw);
        // reconcileChildren adds the id to the parent's set itself.
        await add(record);
        records += 1;
        return true;
      },
    });
    ctx.shared.reactionRollups.complete(job.name);
  });
}
