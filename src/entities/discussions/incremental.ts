// Discussions in an incremental save. One sweep lists every discussion (100
// per request) with the facts GitHub can change without the save seeing it
// otherwise: `updatedAt`, the number of top-level comments (a comment added or
// deleted), the upvote count, the answer, the category and the labels as they
// are named now (a label renamed or recoloured). A discussion whose facts
// differ from its saved record, or that is new, is read again with everything
// under it, through the full save's own code (by number, 25 per request); a
// saved one the sweep no longer lists is gone. The others keep their saved
// records and comments. When reactions are saved, the sweep also reports each
// discussion's reactions rollup, which the reactions job compares. The
// sweep's first page comes with the job's first query (the categories), so a
// repository of up to 100 discussions costs one request when nothing changed.

import { REACTION_TOTAL } from "../issues/scan.js";
import { arr, int, type Json, obj, objOrNull, str } from "../shared/fields.js";
import { fetchByNumber } from "../shared/graphql-by-number.js";
import { connection, graphqlRead } from "../shared/graphql-connection.js";
import { LABEL_FIELDS, labelRef } from "../shared/graphql-refs.js";
import type { SaveContext } from "../types.js";
import {
  DISCUSSION_COMMENTS_FILE,
  DISCUSSIONS_FILE,
  type DiscussionCommentRecord,
  type DiscussionRecord,
} from "./record.js";

/** Labels compared per discussion; one with more is read again. */
const SWEEP_LABELS = 20;
/**
 * The sweep's selection on a repository (a page of 100 from `$after`); with
 * each discussion's reactions rollup when reactions are saved
 * (reactions/incremental.ts compares it). Its first page rides in the job's
 * first query (save.ts), next to the categories.
 */
export const sweepSelection = (rollup: boolean) =>
  `discussions(first: 100, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) { totalCount pageInfo { hasNextPage endCursor } nodes { id databaseId number updatedAt upvoteCount answer { databaseId } category { name slug } comments(first: 1) { totalCount } labels(first: ${SWEEP_LABELS}) { totalCount nodes { ${LABEL_FIELDS} } }${rollup ? REACTION_TOTAL : ""} } }`;
const sweepQuery = (rollup: boolean) =>
  `query($owner: String!, $name: String!, $after: String) { repository(owner: $owner, name: $name) { ${sweepSelection(rollup)} } }`;

/** What the sweep and a saved discussion are compared on, as one string. */
function factsOfNode(node: Json): string | null {
  const what = `discussion #${node.number}`;
  const labels = obj(node.labels, `${what}.labels`);
  const nodes = arr(labels.nodes, `${what}.labels.nodes`);
  if (int(labels.totalCount, `${what}.labels.totalCount`) > nodes.length) return null;
  const category = obj(node.category, `${what}.category`);
  return JSON.stringify([
    str(node.updatedAt, `${what}.updatedAt`),
    int(node.upvoteCount, `${what}.upvoteCount`),
    objOrNull(node.answer, `${what}.answer`)?.databaseId ?? null,
    str(category.name, `${what}.category.name`),
    str(category.slug, `${what}.category.slug`),
    int(obj(node.comments, `${what}.comments`).totalCount, `${what}.comments.totalCount`),
    nodes.map((l, i) => labelRef(obj(l, `${what}.labels[${i}]`), `${what}.labels[${i}]`)),
  ]);
}

function factsOfRecord(record: DiscussionRecord, comments: number): string {
  return JSON.stringify([
    record.updated_at,
    record.upvote_count,
    record.answer_comment_id,
    record.category.name,
    record.category.slug,
    comments,
    record.labels,
  ]);
}

/**
 * Every discussion's facts now, by number (null: read it again whatever the
 * saved record says). `first` is the repository of the query that asked the
 * first page.
 */
async function sweep(ctx: SaveContext, first: Json): Promise<Map<number, string | null>> {
  const now = new Map<number, string | null>();
  const rollups = ctx.shared.reactionRollups;
  let list = obj(first.discussions, "repository.discussions");
  for (;;) {
    const page = connection(list, "repository.discussions");
    for (const [i, n] of page.nodes.entries()) {
      const node = obj(n, `discussions[${i}]`);
      const number = int(node.number, `discussions[${i}].number`);
      now.set(number, factsOfNode(node));
      const subject = {
        id: int(node.databaseId, `#${number}.databaseId`),
        node_id: str(node.id, `#${number}.id`),
        number,
      };
      rollups.reportNode("discussions", "discussion", subject, node);
    }
    if (!page.pageInfo.hasNextPage) return now;
    const data = await graphqlRead(ctx, sweepQuery(rollups.wanted), {
      owner: ctx.repo.owner,
      name: ctx.repo.repo,
      after: page.pageInfo.endCursor,
    });
    list = obj(obj(data.repository, "repository").discussions, "repository.discussions");
  }
}

export interface DiscussionWriters {
  discussion(record: DiscussionRecord): Promise<void>;
  comment(record: DiscussionCommentRecord): Promise<void>;
}

/**
 * Writes the discussions and comments an incremental save ends with: the
 * saved ones of unchanged discussions, and those `read` gives for the rest
 * (`fragment` is the full save's selection of a discussion, named `D`;
 * `repository` the answer that holds the sweep's first page).
 */
export async function saveDiscussionsIncrementally(
  ctx: SaveContext,
  out: DiscussionWriters,
  fragment: string,
  read: (node: Json) => Promise<number>,
  repository: Json,
): Promise<void> {
  const source = ctx.incremental;
  if (source === undefined) throw new Error("saveDiscussionsIncrementally needs an incremental save");
  const now = await sweep(ctx, repository);
  const topLevel = new Map<number, number>();
  for await (const r of source.records(DISCUSSION_COMMENTS_FILE)) {
    const comment = r as unknown as DiscussionCommentRecord;
    if (comment.reply_to_id === null)
      topLevel.set(comment.discussion_number, (topLevel.get(comment.discussion_number) ?? 0) + 1);
  }
  const kept = new Set<number>();
  for await (const r of source.records(DISCUSSIONS_FILE)) {
    const record = r as unknown as DiscussionRecord;
    const facts = now.get(record.number);
    if (facts === undefined || facts !== factsOfRecord(record, topLevel.get(record.number) ?? 0)) continue;
    kept.add(record.number);
    await out.discussion(record);
  }
  for await (const r of source.records(DISCUSSION_COMMENTS_FILE)) {
    const comment = r as unknown as DiscussionCommentRecord;
    if (kept.has(comment.discussion_number)) await out.comment(comment);
  }
  const changed = [...now.keys()].filter((n) => !kept.has(n));
  ctx.log.info(`discussions: ${changed.length} read again, ${kept.size} kept, of ${now.size}`);
  let items = 0;
  await fetchByNumber(ctx, changed, {
    field: "discussion",
    fragment,
    fragmentName: "D",
    batchSize: 25,
    onNode: async (node) => {
      items += await read(node);
      ctx.progress({ items });
    },
  });
}
