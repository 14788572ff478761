// What the discussions restore needs to know of the target, through GraphQL:
// whether discussions are on, its categories and labels (by name), and — for
// adoption after an interrupted run — the discussions and comments of ours
// that carry a marker, with the global ids later mutations need.
import { graphqlQuery } from "../../github/graphql.js";
import { markerOf } from "../../restore/bodies.js";
import { restoringLogin } from "../../restore/restoring-account.js";
import type { ObjectKind, RestoreContext } from "../../restore/types.js";
import { bool, int, type Json, obj, objOrNull, str } from "../shared/fields.js";
import { allNodes, connection } from "../shared/graphql-connection.js";

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";
const CATEGORY = "id name slug isAnswerable";
const LABEL = "id name";

export interface TargetCategory {
  id: string;
  name: string;
  slug: string;
  isAnswerable: boolean;
}

export interface TargetInfo {
  repositoryId: string;
  enabled: boolean;
  categories: TargetCategory[];
  /** Lower-cased label name → global id. */
  labels: Map<string, string>;
}

/** A target object of ours: its global id and number or database id. */
export interface TargetObject {
  nodeId: string;
  databaseId: number;
  number?: number;
}

async function query(ctx: RestoreContext, text: string, variables: Record<string, unknown>): Promise<Json> {
  return (await graphqlQuery<Json>(ctx.client, text, variables, { signal: ctx.signal })).data;
}

export async function readTarget(ctx: RestoreContext): Promise<TargetInfo> {
  const data = await query(
    ctx,
    `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id hasDiscussionsEnabled discussionCategories(first: 100) { ${PAGE_INFO} nodes { ${CATEGORY} } } labels(first: 100) { ${PAGE_INFO} nodes { ${LABEL} } } } }`,
    { owner: ctx.target.owner, name: ctx.target.repo },
  );
  const repository = obj(data.repository, "repository");
  const repositoryId = str(repository.id, "repository.id");
  const rest = (field: string, fields: string) =>
    allNodes(ctx, connection(repository[field], field), repositoryId, "Repository", field, fields);
  const categories = (await rest("discussionCategories", CATEGORY)).map((c) => ({
    id: str(c.id, "category.id"),
    name: str(c.name, "category.name"),
    slug: str(c.slug, "category.slug"),
    isAnswerable: bool(c.isAnswerable, "category.isAnswerable"),
  }));
  const labels = new Map<string, string>();
  for (const label of await rest("labels", LABEL)) {
    labels.set(str(label.name, "label.name").toLowerCase(), str(label.id, "label.id"));
  }
  return {
    repositoryId,
    enabled: bool(repository.hasDiscussionsEnabled, "repository.hasDiscussionsEnabled"),
    categories,
    labels,
  };
}

/** The global id of the target's discussion `number`. */
export async function discussionNodeId(ctx: RestoreContext, number: number): Promise<string> {
  const data = await query(
    ctx,
    "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { discussion(number: $number) { id } } }",
    { owner: ctx.target.owner, name: ctx.target.repo, number },
  );
  return str(obj(obj(data.repository, "repository").discussion, `discussion #${number}`).id, "discussion.id");
}

const MARKED = "id databaseId body author { login }";

/** Original id → target object, for the listed objects of ours that carry a marker of `kind`. */
function markedBy(nodes: Json[], kind: ObjectKind, login: string, into: Map<string, TargetObject>): void {
  for (const node of nodes) {
    const author = objOrNull(node.author, "author");
    if (typeof author?.login !== "string" || author.login.toLowerCase() !== login) continue;
    const original = markerOf(typeof node.body === "string" ? node.body : null, kind);
    if (original === null || into.has(original)) continue;
    into.set(original, {
      nodeId: str(node.id, "id"),
      databaseId: int(node.databaseId, "databaseId"),
      ...(typeof node.number === "number" ? { number: node.number } : {}),
    });
  }
}

/** The target's discussions of ours by original id (listed once, on first need). */
export async function markedDiscussions(
  ctx: RestoreContext,
  repositoryId: string,
): Promise<Map<string, TargetObject>> {
  const fields = `number ${MARKED}`;
  const args = "orderBy: { field: CREATED_AT, direction: ASC }";
  const first = await query(
    ctx,
    `query($id: ID!) { node(id: $id) { ... on Repository { discussions(first: 100, ${args}) { ${PAGE_INFO} nodes { ${fields} } } } } }`,
    { id: repositoryId },
  );
  const page = connection(obj(first.node, "repository").discussions, "discussions");
  const nodes = await allNodes(ctx, page, repositoryId, "Repository", "discussions", fields, args);
  const found = new Map<string, TargetObject>();
  markedBy(nodes, "discussion", await restoringLogin(ctx.client, ctx.signal), found);
  return found;
}

/** The comments and replies of ours on one target discussion, by original id. */
export async function markedComments(
  ctx: RestoreContext,
  discussionId: string,
): Promise<Map<string, TargetObject>> {
  const withReplies = `${MARKED} replies(first: 100) { ${PAGE_INFO} nodes { ${MARKED} } }`;
  const first = await query(
    ctx,
    `query($id: ID!) { node(id: $id) { ... on Discussion { comments(first: 100) { ${PAGE_INFO} nodes { ${withReplies} } } } } }`,
    { id: discussionId },
  );
  const page = connection(obj(first.node, "discussion").comments, "comments");
  const comments = await allNodes(ctx, page, discussionId, "Discussion", "comments", withReplies);
  const all: Json[] = [];
  for (const comment of comments) {
    all.push(comment);
    const replies = connection(comment.replies, "replies");
    all.push(
      ...(await allNodes(
        ctx,
        replies,
        str(comment.id, "comment.id"),
        "DiscussionComment",
        "replies",
        MARKED,
      )),
    );
  }
  const found = new Map<string, TargetObject>();
  markedBy(all, "discussion_comment", await restoringLogin(ctx.client, ctx.signal), found);
  return found;
}

/** Runs a mutation and returns its payload's `field`. */
export async function mutate(
  ctx: RestoreContext,
  text: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<Json> {
  const data = await query(ctx, text, variables);
  return obj(data[field], field);
}
