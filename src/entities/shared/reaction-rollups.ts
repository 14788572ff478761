// The reactions rollup GitHub reports with every issue, pull request, comment
// and release, collected by the jobs that read those records and read by the
// reactions job, which then fetches only the subjects that have reactions and
// checks what it saved against each count. Jobs report only when reactions
// are saved in the same run.
import type { EntityName } from "../names.js";
import { int, type Json, obj, objOrNull } from "./fields.js";

/** One record that can carry reactions. */
export interface ReactionSubject {
  /** The reactions file's subject_type ("issue", "issue_comment", …). */
  type: string;
  /** The record's `id` in its own file. */
  id: number;
  /** GitHub's global id: the reactions are read through it. */
  nodeId: string;
  /** Issues and pull requests: their number (REST lists their reactions by number). */
  number?: number;
  /** The rollup's total_count; null when GitHub sent none (every reaction is then read). */
  total: number | null;
}

/** The saved record a subject is known by. */
interface SubjectRecord {
  id: number;
  node_id: string;
  number?: number;
}

export class ReactionRollups {
  readonly #wanted: boolean;
  readonly #byJob = new Map<EntityName, Map<string, ReactionSubject>>();
  readonly #complete = new Set<EntityName>();
  readonly #partial: boolean;

  /**
   * `wanted` false: reactions are not saved in this run, so nothing is kept.
   * `partial`: the subject jobs read only some subjects (an incremental save),
   * so no job's report is ever complete: reactions compares what they did
   * report with its saved reactions (reactions/incremental.ts).
   */
  constructor(wanted: boolean, partial = false) {
    this.#wanted = wanted;
    this.#partial = partial;
  }

  get wanted(): boolean {
    return this.#wanted;
  }

  /** A subject read by `job` (a retried job reports again: the last report wins). */
  report(job: EntityName, subject: ReactionSubject): void {
    if (!this.#wanted) return;
    const key = `${subject.type}:${subject.id}`;
    // A full save reads only subjects with reactions: the others (most of a
    // large repository's comments) are not kept. An incremental one compares
    // every report with the saved reactions, zeros included.
    if (subject.total === 0 && !this.#partial) {
      this.#byJob.get(job)?.delete(key);
      return;
    }
    let subjects = this.#byJob.get(job);
    if (subjects === undefined) {
      subjects = new Map();
      this.#byJob.set(job, subjects);
    }
    subjects.set(key, subject);
  }

  /** A subject read through GraphQL with `reactions(first: 1) { totalCount }`. */
  reportNode(job: EntityName, type: string, record: SubjectRecord, node: Json): void {
    if (!this.#wanted) return;
    const what = `${type} ${record.id}`;
    const total = int(obj(node.reactions, `${what}.reactions`).totalCount, `${what}.reactions.totalCount`);
    this.report(job, { type, id: record.id, nodeId: record.node_id, number: record.number, total });
  }

  /** A subject read through REST, whose record carries GitHub's rollup (or, for `absent`, none). */
  reportRest(
    job: EntityName,
    type: string,
    record: SubjectRecord,
    raw: Json,
    absent: number | null = null,
  ): void {
    if (!this.#wanted) return;
    const total = restReactionTotal(raw, absent, `${type} ${record.id}`);
    this.report(job, { type, id: record.id, nodeId: record.node_id, total });
  }

  /** `job` has reported every subject it saved. */
  complete(job: EntityName): void {
    if (this.#wanted && !this.#partial) this.#complete.add(job);
  }

  /** The subjects `job` reported in this run, complete or not, by "type:id" (in a full save, those with reactions). */
  reported(job: EntityName): ReadonlyMap<string, ReactionSubject> {
    return this.#byJob.get(job) ?? new Map();
  }

  /** Every subject with reactions (or no rollup) `job` reported, or null when it did not report them all in this run. */
  subjectsOf(job: EntityName): ReactionSubject[] | null {
    if (!this.#complete.has(job)) return null;
    return [...(this.#byJob.get(job)?.values() ?? [])];
  }
}

/**
 * A REST record's rollup total: `reactions.total_count`, or `absent` when the
 * record has no rollup (GitHub leaves it out of releases nobody reacted to).
 */
export function restReactionTotal(record: Json, absent: number | null, what: string): number | null {
  const rollup = objOrNull(record.reactions ?? null, `${what}.reactions`);
  return rollup === null ? absent : int(rollup.total_count, `${what}.reactions.total_count`);
}
