import { fetchAll } from "../../github/paginate-parallel.js";
import { selectionHas } from "../../selection/number-spec.js";
import { conversationCommentRecord, readConversationComment } from "../shared/conversation-comment.js";
import { int, obj } from "../shared/fields.js";
import { idsOf, reconcileChildren } from "../shared/reconcile-children.js";
import type { RestObject } from "../shared/sources.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import { ISSUE_COMMENTS_FILE, type IssueCommentRecord, issueCommentSortKey } from "./record.js";

function recordOf(ctx: SaveContext, raw: RestObject): IssueCommentRecord | null {
  const c = readConversationComment(raw);
  if (c.onPullRequest || !selectionHas(ctx.selection.issues, c.parentNumber)) return null;
  return conversationCommentRecord(c, "issue_number");
}

export const issueCommentsSaver: EntitySaver = {
  name: "issue_comments",
  dependsOn: [],
  save: (ctx) =>
    writeRecords<IssueCommentRecord>(ctx, ISSUE_COMMENTS_FILE, issueCommentSortKey, async (add) => {
      const saved = new Map<number, Set<number>>();
      let records = 0;
      const keep = async (record: IssueCommentRecord): Promise<void> => {
        await add(record);
        records += 1;
        idsOf(saved, record.issue_number).add(record.id);
      };
      let pages = 0;
      for await (const page of ctx.shared.issueComments(ctx.client)) {
        ctx.signal.throwIfAborted();
        for (const raw of page.items) {
          const record = recordOf(ctx, raw);
          if (record !== null) await keep(record);
        }
        pages += 1;
        ctx.progress({ items: records, pages });
      }
      await reconcileWithIssues(ctx, saved, keep);
    }),
};

/** Every issue's saved comments against the `comments` count the issues job read. */
async function reconcileWithIssues(
  ctx: SaveContext,
  saved: Map<number, Set<number>>,
  keep: (record: IssueCommentRecord) => Promise<void>,
): Promise<void> {
  const reported = await ctx.shared.issueCommentCounts.wait();
  if (reported === null) return;
  const where = { owner: ctx.repo.owner, repo: ctx.repo.repo };
  const result = await reconcileChildren({
    children: "comments",
    parentName: (n) => `issue #${n}`,
    reported,
    saved,
    fetchChildren: (n) =>
      fetchAll<RestObject>(
        ctx.client,
        "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
        {
          ...where,
          issue_number: n,
        },
        { signal: ctx.signal },
      ),
    currentCount: async (n) => {
      const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...where,
        issue_number: n,
        request: { signal: ctx.signal },
      });
      return int(obj(response.data, "issue").comments, "issue.comments");
    },
    idOf: (raw) => int(raw.id, "comment.id"),
    recover: async (raw) => {
      const record = recordOf(ctx, raw);
      if (record === null) return false;
      await keep(record);
      return true;
    },
  });
  if (result.refetched > 0) {
    ctx.log.info(
      `issue comments: ${result.refetched} issues read again one by one, ${result.recovered} comments recovered, ${result.shrunk} with comments deleted during the save`,
    );
  }
}
