// What a job of an incremental save sees of the save it builds on (the
// implementation is incremental.ts). Kept free of imports that lead back to
// the save context, so the context can name it.
import type { CarriedLine, WholeFile } from "../../backup/merge-sorted-lines.js";
import type { Json } from "./fields.js";

export type ItemKind = "Issue" | "PullRequest";

/** Which issues and pull requests an incremental save reads again (change-plan.ts). */
export interface ChangePlan {
  /** Issues (new or changed) whose records are read again. */
  issues: ReadonlySet<number>;
  /** Pull requests (new or changed) whose records are read again. */
  pulls: ReadonlySet<number>;
  /** Numbers the previous save had that are no longer the same issue or pull request here. */
  gone: ReadonlySet<number>;
  /** What each number in use is now. */
  kinds: ReadonlyMap<number, ItemKind>;
  /** Conversation comments per number, as GitHub counts them now. */
  comments: ReadonlyMap<number, number>;
  /** Parents whose conversation comments are read again through their own list whatever the counts say (--verify-full). */
  commentThreads: ReadonlySet<number>;
  /** What --verify-full found that the cheap checks did not; absent without it. */
  findings?: VerifyFindings;
  /** Reactions per number, as GitHub counts them now (when reactions are saved). */
  reactions: ReadonlyMap<number, number>;
  /** Every value of the parent field in the previous save's file, per file of the types read again by parent. */
  previousParents: ReadonlyMap<string, ReadonlySet<unknown>>;
}

/** What a verifying sweep (--verify-full) found that the cheap checks did not. */
export interface VerifyFindings {
  issues: number[];
  pull_requests: number[];
  /** Parents whose conversation comments are read again through their own list. */
  comment_threads: number[];
}

/** The part a shared list fetched on the jobs' behalf needs. */
export interface ChangedSince {
  /** The previous save's start, minus an overlap for clock skew. */
  readonly since: string;
  /** The plan some job has already started computing. */
  started(): Promise<ChangePlan>;
}

export interface IncrementalView<Ctx> extends ChangedSince {
  /** The folder holding the previous save's record files. */
  readonly dir: string;
  /** Compare every issue's and pull request's children too (--verify-full). */
  readonly verifyFull: boolean;
  /** Whether GitHub answers 304 to every request `job` sent in the previous save (asked once per run). */
  unchanged(job: string, ctx: Ctx): Promise<boolean>;
  /** The change plan, computed once per run with the context of the first job that asks. */
  plan(ctx: Ctx): Promise<ChangePlan>;
  /** One answer per run for what several jobs ask. */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** The previous save's records of `file`, in file order (none when it has no such file). */
  records(file: string): AsyncGenerator<Json>;
  /** The same records with the lines they were read from, to carry into a new file as they are. */
  lines(file: string): AsyncGenerator<CarriedLine<Json>>;
  /** The `id` of every one of those records, in file order (kept from an earlier read of the file when there was one). */
  ids(file: string): Promise<readonly unknown[]>;
  /** The previous save's record file `file` as its manifest lists it, to keep whole when nothing in it changed. */
  wholeFile(file: string): WholeFile | undefined;
  /** A file the previous save wrote at `path`, unchanged and of `bytes` bytes; null when it must be fetched again. */
  keptFile(path: string, bytes: number): Promise<{ bytes: number; sha256: string } | null>;
}
