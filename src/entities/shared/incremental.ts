// What an incremental save knows of the save it builds on: the folder holding
// that save's record files (kept aside when the folder was claimed, so a
// resumed run reads the same ones), the time from which lists are asked for
// changes, and the change plan — which issues and pull requests to read again
// and which are gone — computed once per run by the first job that needs it
// (change-plan.ts).
import { join } from "node:path";
import { hashFile } from "../../backup/atomic.js";
import { readLines } from "../../backup/jsonl-lines.js";
import type { ManifestConditional } from "../../backup/manifest.js";
import type { CarriedLine, WholeFile } from "../../backup/merge-sorted-lines.js";
import { parseUntrustedJson } from "../../backup/untrusted-json.js";
import type { GitHubClient } from "../../github/client.js";
import { exists } from "../../util/exists.js";
import type { SaveContext, SaveSelection } from "../types.js";
import { computeChangePlan } from "./change-plan.js";
import type { Json } from "./fields.js";
import type { ChangePlan, IncrementalView, VerifyFindings } from "./incremental-view.js";

/** Whether GitHub answers 304 to every one of these GETs with their ETags (the save's conditional requests). */
export type UnchangedSince = (
  client: GitHubClient,
  etags: Record<string, string>,
  signal: AbortSignal,
) => Promise<boolean>;

/** Bytes read at once from a previous file: its lines are read several times, start to end. */
const READ_CHUNK = 1024 * 1024;

/** Clock skew allowed between GitHub's timestamps and the previous save's start. */
export const OVERLAP_MS = 10 * 60 * 1000;

export class IncrementalSource implements IncrementalView<SaveContext> {
  /** The previous save's record files, by file name. */
  readonly dir: string;
  /** The previous save's start, minus the overlap: lists are asked for what changed from here. */
  readonly since: string;
  /** The selection the run was asked for (jobs may see a narrowed one). */
  readonly selection: SaveSelection;
  /** Compare every issue's and pull request's children too (--verify-full). */
  readonly verifyFull: boolean;
  /** The previous save's ETags per job, and how to ask whether they still hold. */
  readonly #conditional: ManifestConditional;
  readonly #unchangedSince: UnchangedSince;
  /** Settles once the folder is claimed: until then the previous files are not set aside yet. */
  readonly #claimed: Promise<unknown>;
  #plan: Promise<ChangePlan> | null = null;
  readonly #shared = new Map<string, Promise<unknown>>();
  /** The `id` of every record of each previous file read through to its end, in file order. */
  readonly #ids = new Map<string, readonly unknown[]>();

  /** The previous save's files (path → size and SHA-256), as its manifest lists them. */
  readonly #files: Readonly<Record<string, { bytes: number; sha256: string }>>;
  /** The backup folder. */
  readonly #outDir: string;

  constructor(
    outDir: string,
    dir: string,
    previous: {
      started_at: string;
      files: Readonly<Record<string, { bytes: number; sha256: string }>>;
      conditional?: ManifestConditional;
    },
    selection: SaveSelection,
    claimed: Promise<unknown>,
    options: { verifyFull: boolean; unchangedSince: UnchangedSince },
  ) {
    this.verifyFull = options.verifyFull;
    this.#unchangedSince = options.unchangedSince;
    this.#conditional = previous.conditional ?? {};
    this.#outDir = outDir;
    this.#files = previous.files;
    const previousStartedAt = previous.started_at;
    this.dir = dir;
    this.#claimed = claimed;
    this.since = new Date(Date.parse(previousStartedAt) - OVERLAP_MS).toISOString();
    this.selection = selection;
  }

  /** The change plan, computed with the context of the first job that asks. */
  plan(ctx: SaveContext): Promise<ChangePlan> {
    this.#plan ??= computeChangePlan({ ...ctx, selection: this.selection }, this);
    return this.#plan;
  }

  /** What --verify-full found beyond the cheap checks, once the plan is computed (undefined without it). */
  async findings(): Promise<VerifyFindings | undefined> {
    return this.#plan === null ? undefined : (await this.#plan).findings;
  }

  /** Whether GitHub answers 304 to every request `job` sent in the previous save; asked once per run. */
  unchanged(job: string, ctx: SaveContext): Promise<boolean> {
    const entry = this.#conditional[job];
    if (entry === undefined) return Promise.resolve(false);
    const key = `304 ${job}`;
    const asked = this.once(key, () => this.#unchangedSince(ctx.client, entry.etags, ctx.signal));
    // A failed answer is not kept: the next caller (a retried job) asks again.
    asked.catch(() => {
      if (this.#shared.get(key) === asked) this.#shared.delete(key);
    });
    return asked;
  }

  /** The plan some job has already started; for shared lists fetched on a job's behalf. */
  started(): Promise<ChangePlan> {
    if (this.#plan === null) throw new Error("the change plan was asked for before any job computed it");
    return this.#plan;
  }

  /** One answer per run for what several jobs ask (a list of changes they split between them). */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let value = this.#shared.get(key);
    if (value === undefined) {
      value = make();
      this.#shared.set(key, value);
    }
    return value as Promise<T>;
  }

  /**
   * A file the previous save wrote at `path` (relative to the folder), still
   * there with the size `bytes` and the SHA-256 its manifest lists; null
   * when it must be fetched again.
   */
  async keptFile(path: string, bytes: number): Promise<{ bytes: number; sha256: string } | null> {
    const listed = this.#files[path];
    if (listed === undefined || listed.bytes !== bytes) return null;
    await this.#claimed;
    try {
      const actual = await hashFile(join(this.#outDir, path));
      return actual.sha256 === listed.sha256 && actual.bytes === bytes ? actual : null;
    } catch {
      return null;
    }
  }

  /** The previous save's record file `file`, with the size and SHA-256 its manifest lists (to keep it whole). */
  wholeFile(file: string): WholeFile | undefined {
    const listed = this.#files[file];
    return listed === undefined
      ? undefined
      : { path: join(this.dir, file), bytes: listed.bytes, sha256: listed.sha256 };
  }

  /** Whether the previous save wrote `file`. */
  async has(file: string): Promise<boolean> {
    await this.#claimed;
    return exists(join(this.dir, file));
  }

  /** The previous save's records of `file`, in file order (none when it has no such file). */
  async *records(file: string): AsyncGenerator<Json> {
    for await (const line of this.lines(file)) yield line.record;
  }

  /** The `id` of every previous record of `file`, in file order: as a read of the whole file noted them, else read now. */
  async ids(file: string): Promise<readonly unknown[]> {
    if (!this.#ids.has(file)) for await (const _ of this.lines(file));
    return this.#ids.get(file) ?? [];
  }

  /** The previous save's records of `file` with the lines they were read from, in file order. */
  async *lines(file: string): AsyncGenerator<CarriedLine<Json>> {
    await this.#claimed;
    const path = join(this.dir, file);
    const ids: unknown[] = [];
    if (await exists(path)) {
      for await (const raw of readLines(path, { highWaterMark: READ_CHUNK })) {
        const line = raw.bytes.toString("utf8");
        const value = parseUntrustedJson(line);
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          throw new Error(`${file} line ${raw.lineNumber} of the previous save is not a JSON object`);
        }
        ids.push((value as Json).id);
        yield { record: value as Json, line };
      }
    }
    this.#ids.set(file, ids);
  }
}
