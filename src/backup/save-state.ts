// The progress of a save that has not finished yet, kept in
// DIR/.github-data/state.json so `save --resume` can continue it. Every write
// is atomic; updates from one process are serialised per folder so
// concurrent jobs never lose each other's changes. (One save per folder at a
// time: updates from separate processes are not coordinated.)
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { exists } from "../util/exists.js";
import { writeJsonAtomic, writeJsonAtomicSync } from "./atomic.js";
import { type BackupSelection, type BackupSource, FORMAT, MANIFEST_FILE } from "./manifest.js";
import { describeErrors, getValidator, SAVE_STATE_SCHEMA } from "./schemas.js";
import { type FileSummary, SCRATCH_DIR } from "./sorted-jsonl-writer.js";

export const SAVE_STATE_FORMAT = "github-data-save-state";
export const STATE_DIR = ".github-data";
export const STATE_FILE = "state.json";

export type SaveJobStatus = "running" | "complete" | "failed";

export interface SaveJobState {
  status: SaveJobStatus;
  /** The files a complete job wrote. */
  files?: FileSummary[];
  /** Where a job can pick up again (job-specific, JSON-serialisable). */
  cursor?: unknown;
}

export interface SaveState {
  format: typeof SAVE_STATE_FORMAT;
  started_at: string;
  source: BackupSource;
  selection: BackupSelection;
  jobs: Record<string, SaveJobState>;
  /** The finished save this one builds on (save --incremental); its files are in PREVIOUS_DIR. */
  incremental?: { started_at: string; finished_at: string };
}

/** Where an incremental save keeps the record files and manifest of the save it builds on. */
export const PREVIOUS_DIR = join(STATE_DIR, "previous");

export type FolderKind =
  | "missing"
  | "empty"
  | "finished-backup"
  | "unfinished-backup"
  | "foreign"
  | "not-a-directory";

export class SaveStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SaveStateError";
  }
}

export function saveStatePath(dir: string): string {
  return join(dir, STATE_DIR, STATE_FILE);
}

/** Per-folder tail of queued state operations. */
const queues = new Map<string, Promise<void>>();

function serialised<R>(dir: string, task: () => Promise<R>): Promise<R> {
  const key = resolve(dir);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

function check(value: unknown, path: string): SaveState {
  const validate = getValidator(SAVE_STATE_SCHEMA);
  if (!validate(value)) {
    throw new SaveStateError(`${path} is not a valid save state: ${describeErrors(validate.errors)}`);
  }
  return value as SaveState;
}

/** The saved state, or null when the folder has none. */
export async function readSaveState(dir: string): Promise<SaveState | null> {
  const path = saveStatePath(dir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SaveStateError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return check(value, path);
}

/** Creates or replaces the state (queued behind pending updates). */
export function writeSaveState(dir: string, state: SaveState): Promise<void> {
  return serialised(dir, async () => {
    await writeJsonAtomic(saveStatePath(dir), check(state, saveStatePath(dir)));
  });
}

/**
 * Writes a new save's first state at once (nothing else is queued for a
 * folder before it is claimed): until it is on disk, a killed save cannot be
 * resumed, and the answers it had journaled are lost.
 */
export function createSaveStateSync(dir: string, state: SaveState): void {
  writeJsonAtomicSync(saveStatePath(dir), check(state, saveStatePath(dir)));
}

/** A state with nothing filled in yet; `updateSaveState` must complete it. */
export function emptySaveState(startedAt: Date = new Date()): SaveState {
  return {
    format: SAVE_STATE_FORMAT,
    started_at: startedAt.toISOString(),
    source: { owner: "", repo: "", api_url: "" },
    selection: { include: [], issues: "all", pull_requests: "all" },
    jobs: {},
  };
}

// biome-ignore lint/suspicious/noConfusingVoidType: mutators may change the state in place and return nothing
type Mutated = SaveState | void;

interface PendingUpdate {
  mutate: (state: SaveState) => Mutated | Promise<Mutated>;
  resolve: (state: SaveState) => void;
  reject: (error: unknown) => void;
}

/** Updates waiting for their folder's turn; they are applied together with one write. */
const pendingUpdates = new Map<string, PendingUpdate[]>();

/**
 * Reads the current state (or `emptySaveState()` when there is none yet),
 * lets `mutate` change it in place or return a replacement, checks the
 * result against the schema and writes it back atomically. Concurrent calls
 * for one folder run one after another, so none loses another's change; calls
 * made while a write is under way are applied together and written once
 * (eleven jobs starting at once cost one write, not eleven in a row). A
 * mutator that throws fails its own call only.
 */
export function updateSaveState(
  dir: string,
  mutate: (state: SaveState) => Mutated | Promise<Mutated>,
): Promise<SaveState> {
  const key = resolve(dir);
  return new Promise<SaveState>((resolvePromise, rejectPromise) => {
    const update: PendingUpdate = { mutate, resolve: resolvePromise, reject: rejectPromise };
    const batch = pendingUpdates.get(key);
    if (batch) {
      batch.push(update);
      return;
    }
    const updates = [update];
    pendingUpdates.set(key, updates);
    serialised(dir, async () => {
      // Calls from now on form the next batch.
      if (pendingUpdates.get(key) === updates) pendingUpdates.delete(key);
      let state = (await readSaveState(dir)) ?? emptySaveState();
      const applied: PendingUpdate[] = [];
      for (const u of updates) {
        try {
          state = (await u.mutate(state)) ?? state;
          applied.push(u);
        } catch (error) {
          u.reject(error);
        }
      }
      if (applied.length === 0) return;
      await writeJsonAtomic(saveStatePath(dir), check(state, saveStatePath(dir)));
      for (const u of applied) u.resolve(state);
    }).catch((error: unknown) => {
      for (const u of updates) u.reject(error);
    });
  });
}

/** Removes the state folder (after the manifest is written). */
export function removeSaveState(dir: string): Promise<void> {
  return serialised(dir, () => rm(join(dir, STATE_DIR), { recursive: true, force: true }));
}

async function isOurManifest(path: string): Promise<boolean> {
  try {
    const value: unknown = JSON.parse(await readFile(path, "utf8"));
    return typeof value === "object" && value !== null && (value as { format?: unknown }).format === FORMAT;
  } catch {
    return false;
  }
}

/**
 * What a folder holds, so a save knows whether it may write there: only
 * "missing", "empty" and (with --resume) "unfinished-backup" are safe;
 * "foreign" content must never be overwritten.
 */
export async function classifyFolder(dir: string): Promise<FolderKind> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return "not-a-directory";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    if (code === "ENOTDIR") return "not-a-directory";
    throw error;
  }
  const entries = await readdir(dir);
  if (entries.length === 0) return "empty";
  if (entries.includes(MANIFEST_FILE)) {
    return (await isOurManifest(join(dir, MANIFEST_FILE))) ? "finished-backup" : "foreign";
  }
  if (await exists(saveStatePath(dir))) return "unfinished-backup";
  // Only our own scratch folders, left by a save that crashed before its first state write.
  if (entries.every((e) => e === STATE_DIR || e === SCRATCH_DIR)) return "empty";
  return "foreign";
}
