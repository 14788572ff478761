// Saves the repository's discussion categories, discussions, and their
// comments and replies with GraphQL: pages of discussions with their first
// labels, comments and replies nested, and every connection that goes on read
// to its end through `node(id:)`. Every count GitHub reports (discussions,
// comments per discussion, replies per comment, labels) is checked against
// what was read; a shortfall is read once more from the start, and one that
// remains fails the job, naming the discussion and both counts. A repository
// with discussions turned off is skipped. When reactions are saved too, each
// discussion and comment is reported with its reactions rollup and each reply
// without one (shared/reaction-rollups.ts).
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { FileSummary } from "../../backup/sorted-jsonl-writer.js";
import { GitHubGraphQLError, isSplittableGraphQLFailure } from "../../github/graphql.js";
import { REACTION_TOTAL } from "../issues/scan.js";
import { bool, int, intOrNull, type Json, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { allNodes, connection, graphqlRead } from "../shared/graphql-connection.js";
import {
  ACTOR_FIELDS,
  actorRef,
  LABEL_FIELDS,
  labelRef,
  lockReason,
  restEnum,
} from "../shared/graphql-refs.js";
import type { EntitySaveResult, EntitySaver, SaveContext } from "../types.js";
import { saveDiscussionsIncrementally, sweepSelection } from "./incremental.js";
import {
  categorySortKey,
  DISCUSSION_CATEGORIES_FILE,
  DISCUSSION_COMMENTS_FILE,
  DISCUSSIONS_FILE,
  type DiscussionCategoryRecord,
  type DiscussionCommentRecord,
  type DiscussionRecord,
  discussionCommentSortKey,
  discussionSortKey,
} from "./record.js";

/**
 * Page sizes of the nested connections. Costs are counted on the page sizes
 * (GitHub's rule): 25 discussions with 20 labels, 30 comments and 20 replies
 * each is 801 requests, 8 points, and 16,275 nodes — where 100 × 100 × 100
 * would pass the node cap.
 */
const DISCUSSION_PAGE = 25;
const COMMENT_PAGE = 30;
const REPLY_PAGE = 20;
const LABEL_PAGE = 20;

const PAGE_INFO = "totalCount pageInfo { hasNextPage endCursor }";
const COMMENT = `id databaseId body url createdAt updatedAt upvoteCount isAnswer author { ${ACTOR_FIELDS} } replyTo { databaseId }`;
const CATEGORY = "id name slug emoji description isAnswerable createdAt updatedAt";

/** The selections of one save: with the reactions rollup when reactions are saved too. */
interface Fields {
  comment: string;
  commentWithReplies: string;
  discussion: string;
}

/**
 * The rollup rides on discussions and top-level comments only (a page then
 * costs 16 points instead of 8): GitHub counts a nested connection once per
 * parent it could return, so one under the 25 × 30 × 20 replies of a page
 * would add 150 points a page where the reactions job reads every reply's
 * reactions for 1 point per 100 replies.
 */
function fieldsFor(rollup: boolean): Fields {
  const total = rollup ? REACTION_TOTAL : "";
  const commentWithReplies = `${COMMENT}${total} replies(first: ${REPLY_PAGE}) { ${PAGE_INFO} nodes { ${COMMENT} } }`;
  return {
    comment: COMMENT,
    commentWithReplies,
    discussion: `id databaseId number title body url createdAt updatedAt closedAt locked activeLockReason closed stateReason upvoteCount author { ${ACTOR_FIELDS} } category { name slug } answer { databaseId }${total} labels(first: ${LABEL_PAGE}) { ${PAGE_INFO} nodes { ${LABEL_FIELDS} } } comments(first: ${COMMENT_PAGE}) { ${PAGE_INFO} nodes { ${commentWithReplies} } }`,
  };
}

/** A page of `size` discussions with everything nested under them. */
const list = (fields: Fields, size: number) =>
  `query($owner: String!, $name: String!, $after: String) { repository(owner: $owner, name: $name) { discussions(first: ${size}, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) { ${PAGE_INFO} nodes { ${fields.discussion} } } } }`;
const HEAD_FIELDS = `id hasDiscussionsEnabled discussionCategories(first: 100) { ${PAGE_INFO} nodes { ${CATEGORY} } }`;
const HEAD = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${HEAD_FIELDS} } }`;
/** An incremental save's first query: the same, and the first page of its sweep. */
const headWithSweep = (rollup: boolean) =>
  `query($owner: String!, $name: String!, $after: String) { repository(owner: $owner, name: $name) { ${HEAD_FIELDS} ${sweepSelection(rollup)} } }`;

/** One connection of one node: its type, field and node selection, for reading the rest. */
interface ConnectionOf {
  nodeId: string;
  typeName: string;
  field: string;
  nodeFields: string;
  /** "comments of discussion #12", for messages. */
  what: string;
}

async function firstPage(ctx: SaveContext, of: ConnectionOf): Promise<Json> {
  const query = `query($id: ID!) { node(id: $id) { ... on ${of.typeName} { ${of.field}(first: 100) { ${PAGE_INFO} nodes { ${of.nodeFields} } } } } }`;
  const data = await graphqlRead(ctx, query, { id: of.nodeId });
  return obj(obj(data.node, `node ${of.nodeId}`)[of.field], of.what);
}

/**
 * Every node of a connection whose first page is `page`: the rest is read to
 * the end, and a count short of `totalCount` is read once more from the start.
 */
async function complete(ctx: SaveContext, page: Json, of: ConnectionOf): Promise<Json[]> {
  let total = int(page.totalCount, `${of.what}.totalCount`);
  let nodes = await allNodes(ctx, connection(page, of.what), of.nodeId, of.typeName, of.field, of.nodeFields);
  if (nodes.length >= total) return nodes;
  const shortBy = `${nodes.length} of ${total}`;
  const again = await firstPage(ctx, of);
  total = int(again.totalCount, `${of.what}.totalCount`);
  nodes = await allNodes(ctx, connection(again, of.what), of.nodeId, of.typeName, of.field, of.nodeFields);
  if (nodes.length >= total) {
    ctx.log.info(`${of.what}: the first reading listed ${shortBy}; read again in full`);
    return nodes;
  }
  throw new Error(
    `${of.what}: GitHub counted ${total} but listed ${nodes.length} (twice short; first ${shortBy})`,
  );
}

function categoryRecord(node: Json): DiscussionCategoryRecord {
  const id = str(node.id, "category.id");
  return {
    id,
    node_id: id,
    name: str(node.name, "category.name"),
    slug: str(node.slug, "category.slug"),
    emoji: str(node.emoji, "category.emoji"),
    description: strOrNull(node.description, "category.description"),
    is_answerable: bool(node.isAnswerable, "category.isAnswerable"),
    created_at: str(node.createdAt, "category.createdAt"),
    updated_at: str(node.updatedAt, "category.updatedAt"),
  };
}

function discussionRecord(node: Json, labels: Json[]): DiscussionRecord {
  const number = int(node.number, "discussion.number");
  const what = `discussion #${number}`;
  const category = obj(node.category, `${what}.category`);
  return {
    id: int(node.databaseId, `${what}.databaseId`),
    node_id: str(node.id, `${what}.id`),
    number,
    title: str(node.title, `${what}.title`),
    body: str(node.body, `${what}.body`),
    category: { name: str(category.name, `${what}.category.name`), slug: str(category.slug, `${what}.slug`) },
    user: actorRef(node.author, `${what}.author`),
    labels: labels.map((label, i) => labelRef(label, `${what}.labels[${i}]`)),
    locked: bool(node.locked, `${what}.locked`),
    active_lock_reason: lockReason(node.activeLockReason, `${what}.activeLockReason`),
    closed: bool(node.closed, `${what}.closed`),
    state_reason: restEnum(node.stateReason, `${what}.stateReason`),
    answer_comment_id: intOrNull(objOrNull(node.answer, `${what}.answer`)?.databaseId, `${what}.answer`),
    upvote_count: int(node.upvoteCount, `${what}.upvoteCount`),
    created_at: str(node.createdAt, `${what}.createdAt`),
    updated_at: str(node.updatedAt, `${what}.updatedAt`),
    closed_at: strOrNull(node.closedAt, `${what}.closedAt`),
    html_url: str(node.url, `${what}.url`),
  };
}

function commentRecord(node: Json, number: number): DiscussionCommentRecord {
  const what = `comment of discussion #${number}`;
  return {
    id: int(node.databaseId, `${what}.databaseId`),
    node_id: str(node.id, `${what}.id`),
    discussion_number: number,
    reply_to_id: intOrNull(objOrNull(node.replyTo, `${what}.replyTo`)?.databaseId, `${what}.replyTo`),
    body: str(node.body, `${what}.body`),
    user: actorRef(node.author, `${what}.author`),
    is_answer: bool(node.isAnswer, `${what}.isAnswer`),
    upvote_count: int(node.upvoteCount, `${what}.upvoteCount`),
    created_at: str(node.createdAt, `${what}.createdAt`),
    updated_at: str(node.updatedAt, `${what}.updatedAt`),
    html_url: str(node.url, `${what}.url`),
  };
}

interface Writers {
  discussion(record: DiscussionRecord): Promise<void>;
  comment(record: DiscussionCommentRecord): Promise<void>;
}

/** One discussion with everything under it, each connection read to its end. */
async function saveDiscussion(ctx: SaveContext, fields: Fields, node: Json, out: Writers): Promise<number> {
  const number = int(node.number, "discussion.number");
  const nodeId = str(node.id, `discussion #${number}.id`);
  const labels = await complete(ctx, obj(node.labels, `discussion #${number}.labels`), {
    nodeId,
    typeName: "Discussion",
    field: "labels",
    nodeFields: LABEL_FIELDS,
    what: `labels of discussion #${number}`,
  });
  const comments = await complete(ctx, obj(node.comments, `discussion #${number}.comments`), {
    nodeId,
    typeName: "Discussion",
    field: "comments",
    nodeFields: fields.commentWithReplies,
    what: `comments of discussion #${number}`,
  });
  const rollups = ctx.shared.reactionRollups;
  const discussion = discussionRecord(node, labels);
  rollups.reportNode("discussions", "discussion", discussion, node);
  await out.discussion(discussion);
  let records = 1;
  await Promise.all(
    comments.map(async (comment) => {
      const record = commentRecord(comment, number);
      const replies = await complete(ctx, obj(comment.replies, `comment ${record.id}.replies`), {
        nodeId: record.node_id,
        typeName: "DiscussionComment",
        field: "replies",
        nodeFields: fields.comment,
        what: `replies to comment ${record.id} of discussion #${number}`,
      });
      rollups.reportNode("discussions", "discussion_comment", record, comment);
      await out.comment(record);
      for (const reply of replies) {
        const replyRecord = commentRecord(reply, number);
        // No rollup on replies (fieldsFor): the reactions job reads each one's list.
        rollups.report("discussions", {
          type: "discussion_comment",
          id: replyRecord.id,
          nodeId: replyRecord.node_id,
          total: null,
        });
        await out.comment(replyRecord);
      }
      records += 1 + replies.length;
    }),
  );
  return records;
}

/** Reads the discussions list page by page; `onPage` gets the discussions not seen before. */
async function listDiscussions(
  ctx: SaveContext,
  fields: Fields,
  seen: Set<number>,
  onPage: (nodes: Json[], total: number) => Promise<void>,
): Promise<number> {
  let after: string | null = null;
  let total = 0;
  let size = DISCUSSION_PAGE;
  for (;;) {
    let data: Json;
    try {
      data = await graphqlRead(ctx, list(fields, size), {
        owner: ctx.repo.owner,
        name: ctx.repo.repo,
        after,
      });
    } catch (error) {
      // Too much for GitHub at once (a timeout, a resource limit): fewer discussions per page.
      if (size === 1 || ctx.signal.aborted || !isSplittableGraphQLFailure(error)) throw error;
      size = Math.ceil(size / 2);
      ctx.log.info(`discussions: a page failed (${(error as Error).message}); asking ${size} at a time`);
      continue;
    }
    const discussions = obj(obj(data.repository, "repository").discussions, "repository.discussions");
    total = int(discussions.totalCount, "discussions.totalCount");
    const page = connection(discussions, "repository.discussions");
    const fresh = page.nodes
      .map((n, i) => obj(n, `discussions[${i}]`))
      .filter((n) => !seen.has(int(n.number, "discussion.number")));
    for (const n of fresh) seen.add(int(n.number, "discussion.number"));
    await onPage(fresh, total);
    if (!page.pageInfo.hasNextPage) return total;
    after = page.pageInfo.endCursor;
  }
}

/** Finishes every file, noting each finished one (removed again if a later one fails). */
async function finishAll(
  writers: ReadonlyArray<{ file: string; finish(): Promise<FileSummary> }>,
  finished: string[],
): Promise<EntitySaveResult> {
  const files: FileSummary[] = [];
  for (const writer of writers) {
    files.push(await writer.finish());
    finished.push(writer.file);
  }
  return { records: files.reduce((sum, file) => sum + file.records, 0), files };
}

export const discussionsSaver: EntitySaver = {
  name: "discussions",
  dependsOn: [],
  async save(ctx) {
    let data: Json;
    try {
      const vars = { owner: ctx.repo.owner, name: ctx.repo.repo };
      data = ctx.incremental
        ? await graphqlRead(ctx, headWithSweep(ctx.shared.reactionRollups.wanted), { ...vars, after: null })
        : await graphqlRead(ctx, HEAD, vars);
    } catch (error) {
      // A fine-grained token without the Discussions permission: a skip naming it, not a failed save.
      if (!(error instanceof GitHubGraphQLError) || !error.errors.some((e) => e.type === "FORBIDDEN"))
        throw error;
      const skipped =
        "GitHub answered FORBIDDEN: the token needs read access to discussions (fine-grained: Discussions read)";
      ctx.log.warn(`discussions skipped: ${skipped}`);
      return { records: 0, files: [], skipped };
    }
    const repository = obj(data.repository, "repository");
    if (!bool(repository.hasDiscussionsEnabled, "repository.hasDiscussionsEnabled")) {
      const skipped = "discussions are turned off in the repository";
      ctx.log.info(`discussions skipped: ${skipped}`);
      return { records: 0, files: [], skipped };
    }
    const categories = ctx.openWriter<DiscussionCategoryRecord>(DISCUSSION_CATEGORIES_FILE, categorySortKey);
    const discussions = ctx.openWriter<DiscussionRecord>(DISCUSSIONS_FILE, discussionSortKey);
    const comments = ctx.openWriter<DiscussionCommentRecord>(
      DISCUSSION_COMMENTS_FILE,
      discussionCommentSortKey,
    );
    const writers = [categories, discussions, comments];
    // A job writes its files together or not at all: one that fails after another finished removes it.
    const finished: string[] = [];
    try {
      const categoryNodes = await complete(
        ctx,
        obj(repository.discussionCategories, "discussionCategories"),
        {
          nodeId: str(repository.id, "repository.id"),
          typeName: "Repository",
          field: "discussionCategories",
          nodeFields: CATEGORY,
          what: "discussion categories",
        },
      );
      for (const node of categoryNodes) await categories.add(categoryRecord(node));

      const out: Writers = {
        discussion: (record) => discussions.add(record),
        comment: (record) => comments.add(record),
      };
      const fields = fieldsFor(ctx.shared.reactionRollups.wanted);
      if (ctx.incremental) {
        await saveDiscussionsIncrementally(
          ctx,
          out,
          `fragment D on Discussion { ${fields.discussion} }`,
          (node) => saveDiscussion(ctx, fields, node, out),
          repository,
        );
        return await finishAll(writers, finished);
      }
      const seen = new Set<number>();
      let items = 0;
      let pages = 0;
      const onPage = async (nodes: Json[], total: number) => {
        const counts = await Promise.all(nodes.map((node) => saveDiscussion(ctx, fields, node, out)));
        items += counts.reduce((a, b) => a + b, 0);
        ctx.progress({ items, pages: ++pages, total });
      };
      let total = await listDiscussions(ctx, fields, seen, onPage);
      if (seen.size < total) {
        const first = `${seen.size} of ${total}`;
        total = await listDiscussions(ctx, fields, seen, onPage);
        if (seen.size < total) {
          throw new Error(
            `discussions: GitHub counted ${total} but listed ${seen.size} (twice short; first ${first})`,
          );
        }
      }
      ctx.shared.reactionRollups.complete("discussions");
      return await finishAll(writers, finished);
    } catch (error) {
      await Promise.all(writers.map((writer) => writer.abort()));
      await Promise.all(finished.map((file) => rm(join(ctx.outDir, file), { force: true })));
      throw error;
    }
  },
};
