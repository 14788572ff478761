// Saves who reacted with what. The jobs that read issues, pull requests,
// comments, releases and discussions report each record's reactions rollup as
// they go (shared/reaction-rollups.ts), so this job reads only the subjects
// that have reactions: GraphQL `nodes(ids:)`, 100 subjects per request, each with its
// first 100 reactions and the rest of any longer list read to its end. The
// REST per-subject lists would cost a request per subject. A subject type
// whose job did not run in this process (a resumed save) is read from its
// saved file instead, every record. Each subject's saved reactions are then
// checked against its rollup: a shortfall is read again through the subject's
// own REST list (GraphQL for discussions, which have none), and what is still
// missing fails the job, naming the subject.
import { join } from "node:path";
import { readLines } from "../../backup/jsonl-lines.js";
import { parseUntrustedJson } from "../../backup/untrusted-json.js";
import { graphqlQuery, isSplittableGraphQLFailure } from "../../github/graphql.js";
import { fetchAll } from "../../github/paginate-parallel.js";
import { PRIORITY } from "../../save/priorities.js";
import { exists } from "../../util/exists.js";
import { DISCUSSION_COMMENTS_FILE, DISCUSSIONS_FILE } from "../discussions/record.js";
import { ISSUE_COMMENTS_FILE } from "../issue_comments/record.js";
import { ISSUES_FILE } from "../issues/record.js";
import type { EntityName } from "../names.js";
import { PR_COMMENTS_FILE } from "../pr_comments/record.js";
import { PR_REVIEW_COMMENTS_FILE } from "../pr_review_comments/record.js";
import { PULL_REQUESTS_FILE } from "../pull_requests/record.js";
import { RELEASES_FILE } from "../releases/record.js";
import { arr, int, intOrNull, type Json, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { allNodes, connection, graphqlRead } from "../shared/graphql-connection.js";
import { type ReactionSubject, restReactionTotal } from "../shared/reaction-rollups.js";
import { idsOf, reconcileChildren } from "../shared/reconcile-children.js";
import { userRef } from "../shared/rest-refs.js";
import type { RestObject } from "../shared/sources.js";
import type { SaveContext } from "../types.js";
import {
  REACTION_CONTENTS,
  type ReactionContent,
  type ReactionRecord,
  type ReactionSubjectType,
} from "./record.js";

/** Where the subjects of one kind come from. */
export interface SubjectSource {
  type: ReactionSubjectType;
  /** The job that saves the subjects (and its file). */
  savedBy: EntityName;
  file: string;
  /** The job that reports their rollups (pull requests: pr_reviews, whose GraphQL batches read them). */
  reportedBy: EntityName;
  /** The GraphQL type of the subjects' node ids. */
  typeName: string;
  /** The subject's REST list of reactions; null where GitHub has none (discussions: GraphQL only). */
  route: string | null;
  /** The subject itself through REST, with its rollup as it is now (null with `route`). */
  subjectRoute: string | null;
  params(subject: ReactionSubject): Record<string, number>;
  /** "issue #12", "release 42", for messages. */
  name(subject: ReactionSubject): string;
}

const byNumber = (s: ReactionSubject) => ({ issue_number: s.number ?? 0 });
const byCommentId = (s: ReactionSubject) => ({ comment_id: s.id });

export const SOURCES: readonly SubjectSource[] = [
  {
    type: "issue",
    savedBy: "issues",
    file: ISSUES_FILE,
    reportedBy: "issues",
    typeName: "Issue",
    route: "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions",
    subjectRoute: "GET /repos/{owner}/{repo}/issues/{issue_number}",
    params: byNumber,
    name: (s) => `issue #${s.number}`,
  },
  {
    type: "pull_request",
    savedBy: "pull_requests",
    file: PULL_REQUESTS_FILE,
    reportedBy: "pr_reviews",
    typeName: "PullRequest",
    route: "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions",
    subjectRoute: "GET /repos/{owner}/{repo}/issues/{issue_number}",
    params: byNumber,
    name: (s) => `pull request #${s.number}`,
  },
  {
    type: "issue_comment",
    savedBy: "issue_comments",
    file: ISSUE_COMMENTS_FILE,
    reportedBy: "issue_comments",
    typeName: "IssueComment",
    route: "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    subjectRoute: "GET /repos/{owner}/{repo}/issues/comments/{comment_id}",
    params: byCommentId,
    name: (s) => `issue comment ${s.id}`,
  },
  {
    type: "issue_comment",
    savedBy: "pr_comments",
    file: PR_COMMENTS_FILE,
    reportedBy: "pr_comments",
    typeName: "IssueComment",
    route: "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    subjectRoute: "GET /repos/{owner}/{repo}/issues/comments/{comment_id}",
    params: byCommentId,
    name: (s) => `pull request comment ${s.id}`,
  },
  {
    type: "pr_review_comment",
    savedBy: "pr_review_comments",
    file: PR_REVIEW_COMMENTS_FILE,
    reportedBy: "pr_review_comments",
    typeName: "PullRequestReviewComment",
    route: "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
    subjectRoute: "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}",
    params: byCommentId,
    name: (s) => `review comment ${s.id}`,
  },
  {
    type: "release",
    savedBy: "releases",
    file: RELEASES_FILE,
    reportedBy: "releases",
    typeName: "Release",
    route: "GET /repos/{owner}/{repo}/releases/{release_id}/reactions",
    subjectRoute: "GET /repos/{owner}/{repo}/releases/{release_id}",
    params: (s) => ({ release_id: s.id }),
    name: (s) => `release ${s.id}`,
  },
  {
    type: "discussion",
    savedBy: "discussions",
    file: DISCUSSIONS_FILE,
    reportedBy: "discussions",
    typeName: "Discussion",
    route: null,
    subjectRoute: null,
    params: () => ({}),
    name: (s) => `discussion #${s.number}`,
  },
  {
    type: "discussion_comment",
    savedBy: "discussions",
    file: DISCUSSION_COMMENTS_FILE,
    reportedBy: "discussions",
    typeName: "DiscussionComment",
    route: null,
    subjectRoute: null,
    params: () => ({}),
    name: (s) => `discussion comment ${s.id}`,
  },
];

/** The jobs whose records (and rollups) this job reads. */
export const SUBJECT_JOBS: readonly EntityName[] = [
  ...new Set(SOURCES.flatMap((source) => [source.savedBy, source.reportedBy])),
];

/** Subjects per GraphQL request: 100 × 100 reactions stays far below GitHub's node cap. */
const BATCH = 100;
const REACTION_FIELDS = "databaseId content createdAt user { login databaseId }";
const PAGE = `reactions(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${REACTION_FIELDS} } }`;
const QUERY = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ${[
  ...new Set(SOURCES.map((s) => s.typeName)),
]
  .map((typeName) => `... on ${typeName} { ${PAGE} }`)
  .join(" ")} } }`;

/** GraphQL's ReactionContent values as REST names them. */
const CONTENT: Record<string, ReactionContent> = {
  THUMBS_UP: "+1",
  THUMBS_DOWN: "-1",
  LAUGH: "laugh",
  HOORAY: "hooray",
  CONFUSED: "confused",
  HEART: "heart",
  ROCKET: "rocket",
  EYES: "eyes",
};

function contentOf(value: unknown, what: string): ReactionContent {
  const raw = str(value, what);
  const content = CONTENT[raw] ?? (REACTION_CONTENTS as readonly string[]).find((c) => c === raw);
  if (content === undefined) throw new Error(`${what}: unknown reaction ${JSON.stringify(raw)}`);
  return content as ReactionContent;
}

/** A GraphQL reaction as a record. GraphQL types the reactor as a User; REST shows a bot's login with "[bot]" as a Bot. */
function graphqlReaction(node: Json, subject: Subject): ReactionRecord {
  const what = `reaction on ${subject.source.name(subject)}`;
  const user = objOrNull(node.user, `${what}.user`);
  const login = user === null ? null : str(user.login, `${what}.user.login`);
  return {
    subject_type: subject.source.type,
    subject_id: subject.id,
    id: int(node.databaseId, `${what}.databaseId`),
    content: contentOf(node.content, `${what}.content`),
    user:
      user === null || login === null
        ? null
        : {
            login,
            id: int(user.databaseId, `${what}.user.databaseId`),
            type: login.endsWith("[bot]") ? "Bot" : "User",
          },
    created_at: str(node.createdAt, `${what}.createdAt`),
  };
}

function restReaction(raw: Json, subject: Subject): ReactionRecord {
  const what = `reaction on ${subject.source.name(subject)}`;
  return {
    subject_type: subject.source.type,
    subject_id: subject.id,
    id: int(raw.id, `${what}.id`),
    content: contentOf(raw.content, `${what}.content`),
    user: userRef(raw.user, `${what}.user`),
    created_at: str(raw.created_at, `${what}.created_at`),
  };
}

export interface Subject extends ReactionSubject {
  source: SubjectSource;
}

/** Every record of a saved file, as a subject whose count is unknown (each is read). */
export async function subjectsInFile(
  ctx: SaveContext,
  source: SubjectSource,
): Promise<Array<ReactionSubject & { updatedAt: string | null }>> {
  const subjects: Array<ReactionSubject & { updatedAt: string | null }> = [];
  const path = join(ctx.outDir, source.file);
  // No file: its job saved nothing (discussions turned off, a permission the token lacks).
  if (!(await exists(path))) return subjects;
  for await (const line of readLines(path)) {
    if (line.bytes.length === 0) continue;
    const record = obj(parseUntrustedJson(line.bytes.toString("utf8")), `${source.file}:${line.lineNumber}`);
    const what = `${source.file}:${line.lineNumber}`;
    subjects.push({
      type: source.type,
      id: int(record.id, `${what}.id`),
      nodeId: str(record.node_id, `${what}.node_id`),
      number: intOrNull(record.number ?? null, `${what}.number`) ?? undefined,
      total: null,
      updatedAt: strOrNull(record.updated_at ?? null, `${what}.updated_at`),
    });
  }
  return subjects;
}

/** The selected sources whose own job succeeded; the others are named in `missing`. */
export function sourcesToRead(ctx: SaveContext, missing: Map<string, string>): SubjectSource[] {
  return SOURCES.filter((source) => {
    if (!ctx.selection.entities.has(source.savedBy)) return false;
    const unmet = ctx.unmet?.get(source.savedBy);
    if (unmet !== undefined) missing.set(source.savedBy, unmet);
    return unmet === undefined;
  });
}

/**
 * The subjects to read: those with reactions, or every saved record where no
 * rollup was reported (its reporting job failed). Subjects whose own job did
 * not succeed are left out, and named in `missing`.
 */
export async function subjectsToRead(ctx: SaveContext, missing: Map<string, string>): Promise<Subject[]> {
  const out: Subject[] = [];
  for (const source of sourcesToRead(ctx, missing)) {
    // One job may report several types (discussions: discussions and their comments).
    const reported = ctx.shared.reactionRollups
      .subjectsOf(source.reportedBy)
      ?.filter((subject) => subject.type === source.type);
    const subjects = reported ?? (await subjectsInFile(ctx, source));
    for (const subject of subjects) if (subject.total !== 0) out.push({ ...subject, source });
  }
  return out;
}

/** Per source, per subject: what was read and what to reconcile it with. */
interface SourceState {
  subjects: Map<number, Subject>;
  /** Subject → ids of its reactions saved so far. */
  saved: Map<number, Set<number>>;
  /** Subject → the count to reconcile with. */
  expected: Map<number, number>;
}

interface Reader {
  add(record: ReactionRecord): Promise<void>;
  sources: Map<SubjectSource, SourceState>;
}

function stateOf(reader: Reader, source: SubjectSource): SourceState {
  let state = reader.sources.get(source);
  if (state === undefined) {
    state = { subjects: new Map(), saved: new Map(), expected: new Map() };
    reader.sources.set(source, state);
  }
  return state;
}

/** Every reaction of a subject whose first page of `reactions` is `first`. */
function allReactions(ctx: SaveContext, subject: Subject, first: Json): Promise<Json[]> {
  const what = `${subject.source.name(subject)}.reactions`;
  return allNodes(
    ctx,
    connection(first, what),
    subject.nodeId,
    subject.source.typeName,
    "reactions",
    REACTION_FIELDS,
  );
}

async function readSubject(ctx: SaveContext, reader: Reader, subject: Subject, node: Json): Promise<void> {
  const what = subject.source.name(subject);
  const first = obj(node.reactions, `${what}.reactions`);
  const total = int(first.totalCount, `${what}.reactions.totalCount`);
  const nodes = await allReactions(ctx, subject, first);
  const state = stateOf(reader, subject.source);
  state.subjects.set(subject.id, subject);
  const ids = idsOf(state.saved, subject.id);
  for (const reaction of nodes) {
    const record = graphqlReaction(reaction, subject);
    if (ids.has(record.id)) continue;
    ids.add(record.id);
    await reader.add(record);
  }
  // The rollup the subject's own job saw; without one, the count GraphQL gave with the list.
  state.expected.set(subject.id, subject.total ?? total);
}

/** One GraphQL request for up to 100 subjects; a batch GitHub cannot answer is split down to one subject. */
async function readBatch(ctx: SaveContext, reader: Reader, subjects: Subject[]): Promise<void> {
  let data: Json;
  try {
    const result = await graphqlQuery<Json>(
      ctx.client,
      QUERY,
      { ids: subjects.map((s) => s.nodeId) },
      { signal: ctx.signal, priority: PRIORITY.batch },
    );
    data = result.data;
  } catch (error) {
    if (!isSplittableGraphQLFailure(error)) throw error;
    if (subjects.length === 1) {
      const subject = subjects[0] as Subject;
      throw new Error(
        `the reactions of ${subject.source.name(subject)} could not be read through GraphQL: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const half = Math.ceil(subjects.length / 2);
    ctx.log.info(
      `GraphQL batch of ${subjects.length} reaction subjects failed (${(error as Error).message}); splitting it`,
    );
    await Promise.all([
      readBatch(ctx, reader, subjects.slice(0, half)),
      readBatch(ctx, reader, subjects.slice(half)),
    ]);
    return;
  }
  const nodes = arr(data.nodes, "nodes");
  for (const [i, subject] of subjects.entries()) {
    const node = objOrNull(nodes[i] ?? null, `nodes[${i}]`);
    // null: deleted since its job read it; the reconciliation below has nothing to compare.
    if (node !== null) await readSubject(ctx, reader, subject, node);
  }
}

/** A subject's first page of reactions through GraphQL `node(id:)`, with its count as it is now. */
async function graphqlReactionsPage(
  ctx: SaveContext,
  subject: Subject,
): Promise<{ page: Json; total: number }> {
  const what = subject.source.name(subject);
  const query = `query($id: ID!) { node(id: $id) { ... on ${subject.source.typeName} { ${PAGE} } } }`;
  const data = await graphqlRead(ctx, query, { id: subject.nodeId });
  // Deleted since: nothing left to read.
  const node = objOrNull(data.node ?? null, what);
  if (node === null) return { page: EMPTY_PAGE, total: 0 };
  const page = obj(node.reactions, `${what}.reactions`);
  return { page, total: int(page.totalCount, `${what}.reactions.totalCount`) };
}

const EMPTY_PAGE: Json = { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };

/** A subject without a REST list (discussions) read again through GraphQL, as records. */
async function graphqlReactionsAgain(
  ctx: SaveContext,
  subject: Subject,
  subjectOf: WeakMap<RestObject, Subject>,
): Promise<RestObject[]> {
  const { page } = await graphqlReactionsPage(ctx, subject);
  const nodes = await allReactions(ctx, subject, page);
  return nodes.map((node) => {
    // In REST's shape, which `recover` reads.
    const { id, content, user, created_at } = graphqlReaction(node, subject);
    const raw: RestObject = { id, content, user, created_at };
    subjectOf.set(raw, subject);
    return raw;
  });
}

/** Reads short subjects again through their own lists; an unexplained shortfall fails the job. */
async function reconcile(ctx: SaveContext, reader: Reader): Promise<void> {
  let refetched = 0;
  let recovered = 0;
  let shrunk = 0;
  for (const [source, state] of reader.sources) {
    const subjectOf = new WeakMap<RestObject, Subject>();
    const result = await reconcileChildren({
      children: "reactions",
      parentName: (id) => {
        const subject = state.subjects.get(id);
        return subject ? source.name(subject) : `${source.type} ${id}`;
      },
      reported: state.expected,
      saved: state.saved,
      fetchChildren: async (id) => {
        const subject = state.subjects.get(id) as Subject;
        if (source.route === null) return graphqlReactionsAgain(ctx, subject, subjectOf);
        const list = await fetchAll<RestObject>(
          ctx.client,
          source.route,
          { owner: ctx.repo.owner, repo: ctx.repo.repo, ...source.params(subject) },
          { signal: ctx.signal },
        );
        for (const raw of list) subjectOf.set(raw, subject);
        return list;
      },
      currentCount: async (id) => {
        const subject = state.subjects.get(id) as Subject;
        if (source.subjectRoute === null) return (await graphqlReactionsPage(ctx, subject)).total;
        const response = await ctx.client.octokit.request(source.subjectRoute, {
          owner: ctx.repo.owner,
          repo: ctx.repo.repo,
          ...source.params(subject),
          request: { signal: ctx.signal },
        });
        const what = source.name(subject);
        return restReactionTotal(obj(response.data, what), source.type === "release" ? 0 : null, what) ?? 0;
      },
      idOf: (raw) => int(raw.id, "reaction.id"),
      recover: async (raw) => {
        const subject = subjectOf.get(raw);
        if (subject === undefined) return false;
        await reader.add(restReaction(raw, subject));
        return true;
      },
    });
    refetched += result.refetched;
    recovered += result.recovered;
    shrunk += result.shrunk;
  }
  if (refetched > 0) {
    ctx.log.info(
      `reactions: ${refetched} subjects read again one by one, ${recovered} reactions recovered, ${shrunk} with reactions removed during the save`,
    );
  }
}

/** Reads the reactions of `subjects` (100 per request), then reconciles them with their rollups. */
export async function readReactions(
  ctx: SaveContext,
  add: (record: ReactionRecord) => Promise<void>,
  subjects: readonly Subject[],
): Promise<void> {
  const groups: Subject[][] = [];
  for (let i = 0; i < subjects.length; i += BATCH) groups.push(subjects.slice(i, i + BATCH));
  let records = 0;
  let done = 0;
  const reader: Reader = {
    add: async (record) => {
      records += 1;
      await add(record);
    },
    sources: new Map(),
  };
  ctx.progress({ items: 0, pages: 0, total: groups.length });
  await Promise.all(
    groups.map(async (group) => {
      await readBatch(ctx, reader, group);
      done += 1;
      ctx.progress({ items: records, pages: done, total: groups.length });
    }),
  );
  await reconcile(ctx, reader);
}
