// Fetches issues or pull requests by number with aliased GraphQL queries:
// one request covers a whole batch of numbers, and every batch is independent,
// so a long list is not a chain of cursors but many requests the scheduler
// runs side by side. A batch GitHub cannot answer (in time, within its node
// cap or resource limits, or without errors) is split in halves and retried,
// down to single numbers; a single number that still fails fails the job,
// named.
import { graphqlQuery, isSplittableGraphQLFailure } from "../../github/graphql.js";
import { PRIORITY } from "../../save/priorities.js";
import type { SaveContext } from "../types.js";
import type { Json } from "./fields.js";
import { obj } from "./fields.js";

export interface ByNumberOptions {
  /** The Repository field to alias, e.g. "issueOrPullRequest" or "pullRequest". */
  field: "issueOrPullRequest" | "pullRequest" | "issue" | "discussion";
  /** A named fragment on the field's type, e.g. "fragment F on PullRequest { ... }". */
  fragment: string;
  fragmentName: string;
  /** More to ask of one number, next to the fragment (an aliased field, so it never clashes with it). */
  extra?(number: number): string;
  /** Repository fields every request asks besides the numbers, handed to `onRepository`. */
  head?: string;
  onRepository?(repository: Json): void;
  /** Numbers per request (default 100). */
  batchSize?: number;
  /** Scheduler priority of the batches (default PRIORITY.batch: the slowest requests go first). */
  priority?: number;
  /** Called for every number GitHub found (null results are gaps). */
  onNode(node: Json, number: number): void | Promise<void>;
  /** Called once per answered request. */
  onBatch?(numbers: number[]): void;
}

export function batches(numbers: Iterable<number>, size: number): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  for (const n of numbers) {
    current.push(n);
    if (current.length === size) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function buildQuery(numbers: number[], options: ByNumberOptions): string {
  const aliases = numbers.map(
    (n) => `n${n}: ${options.field}(number: ${n}) { ...${options.fragmentName}${options.extra?.(n) ?? ""} }`,
  );
  return `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${options.head ?? ""} ${aliases.join(" ")} } }\n${options.fragment}`;
}

async function fetchBatch(ctx: SaveContext, numbers: number[], options: ByNumberOptions): Promise<void> {
  let data: Json;
  try {
    const result = await graphqlQuery<Json>(
      ctx.client,
      buildQuery(numbers, options),
      { owner: ctx.repo.owner, name: ctx.repo.repo },
      { signal: ctx.signal, priority: options.priority ?? PRIORITY.batch },
    );
    data = result.data;
  } catch (error) {
    if (numbers.length === 1 && isSplittableGraphQLFailure(error)) {
      throw new Error(`#${numbers[0]} could not be read through GraphQL: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (numbers.length > 1 && isSplittableGraphQLFailure(error)) {
      const half = Math.ceil(numbers.length / 2);
      ctx.log.info(
        `GraphQL batch of ${numbers.length} (#${numbers[0]}–#${numbers.at(-1)}) failed (${(error as Error).message}); splitting it`,
      );
      await Promise.all([
        fetchBatch(ctx, numbers.slice(0, half), options),
        fetchBatch(ctx, numbers.slice(half), options),
      ]);
      return;
    }
    throw error;
  }
  const repository = obj(data.repository, "repository");
  options.onRepository?.(repository);
  for (const n of numbers) {
    const node = repository[`n${n}`];
    if (node !== null && node !== undefined) await options.onNode(obj(node, `#${n}`), n);
  }
  options.onBatch?.(numbers);
}

export async function fetchByNumber(
  ctx: SaveContext,
  numbers: Iterable<number>,
  options: ByNumberOptions,
): Promise<void> {
  await Promise.all(
    batches(numbers, options.batchSize ?? 100).map((batch) => fetchBatch(ctx, batch, options)),
  );
}
