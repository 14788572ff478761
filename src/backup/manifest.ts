// manifest.json: written last by a save, so its presence marks a finished
// backup. Readers reject a format_version newer than they know.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeJsonAtomic } from "./atomic.js";
import { describeErrors, getValidator, MANIFEST_SCHEMA } from "./schemas.js";
import type { FileSummary } from "./sorted-jsonl-writer.js";

export const FORMAT = "github-data";
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";

export interface BackupSource {
  owner: string;
  repo: string;
  /** REST API base URL, without credentials. */
  api_url: string;
  /** The repository's "owner/name" as GitHub reports it (its canonical case). */
  full_name?: string;
  default_branch?: string;
  private?: boolean;
}

export interface BackupSelection {
  /** Entity names that were requested (after --include/--exclude). */
  include: string[];
  /** "all" or a number selection such as "1-5 10". */
  issues: string;
  pull_requests: string;
}

export type ManifestJobStatus = "succeeded" | "failed" | "skipped";

export interface ManifestJob {
  name: string;
  status: ManifestJobStatus;
  records: number;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number;
  error: string | null;
}

export interface ManifestFile {
  /** Present for JSONL files; absent for asset files. */
  records?: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  format_version: typeof FORMAT_VERSION;
  tool: { name: string; version: string };
  source: BackupSource;
  started_at: string;
  finished_at: string;
  selection: BackupSelection;
  jobs: ManifestJob[];
  /** Keyed by path relative to the backup folder, with "/" separators. */
  files: Record<string, ManifestFile>;
  requests: { total: number; by_route: Record<string, number> };
  /** Present when the save built on an earlier one (save --incremental). */
  incremental?: ManifestIncremental;
  /** Per job an incremental save may check with conditional requests: its GETs' ETags and its files. */
  conditional?: ManifestConditional;
}

export type ManifestConditional = Record<string, { etags: Record<string, string>; files: string[] }>;

/** Records one incremental save added, changed and deleted in one file. */
export interface ChangeCounts {
  added: number;
  changed: number;
  deleted: number;
}

/** One incremental save in the chain: what it replaced is kept under `files` (entity file → history file). */
export interface HistoryEntry {
  /** When that incremental save started. */
  started_at: string;
  /** The start of the save it built on: its state is what the history files give back. */
  built_on: string;
  files: Record<string, string>;
}

export interface ManifestIncremental {
  /** The finished save this one built on. */
  built_on: { started_at: string; finished_at: string };
  /** Lists were asked for changes from this time (the previous start, minus an overlap). */
  since: string;
  /** Per entity type. */
  changes: Record<string, ChangeCounts>;
  /** Every incremental save of this folder, oldest first, this one last. */
  history: HistoryEntry[];
  /** With --verify-full: what the full comparison found that the incremental checks did not. */
  verify_full?: { issues: number[]; pull_requests: number[]; comment_threads: number[] };
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestError";
  }
}

/** The manifest `files` map for JSONL summaries (asset files can be added as `{bytes, sha256}`). */
export function manifestFiles(summaries: readonly FileSummary[]): Record<string, ManifestFile> {
  const files: Record<string, ManifestFile> = {};
  for (const s of summaries) files[s.file] = { records: s.records, bytes: s.bytes, sha256: s.sha256 };
  return files;
}

/** Drops user:password from a URL so credentials can never land in the manifest. */
export function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

function sortedRecord<V>(record: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

/** Writes manifest.json atomically; call it after every other file is in place. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const m: Manifest = {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    tool: manifest.tool,
    source: { ...manifest.source, api_url: stripCredentials(manifest.source.api_url) },
    started_at: manifest.started_at,
    finished_at: manifest.finished_at,
    selection: manifest.selection,
    jobs: manifest.jobs,
    files: sortedRecord(manifest.files),
    requests: { total: manifest.requests.total, by_route: sortedRecord(manifest.requests.by_route) },
    ...(manifest.incremental ? { incremental: manifest.incremental } : {}),
    ...(manifest.conditional ? { conditional: manifest.conditional } : {}),
  };
  const validate = getValidator(MANIFEST_SCHEMA);
  if (!validate(m))
    throw new ManifestError(`refusing to write an invalid manifest: ${describeErrors(validate.errors)}`);
  await writeJsonAtomic(join(dir, MANIFEST_FILE), m);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads and checks manifest.json: present, a github-data manifest, a
 * format_version this build understands, and valid against its schema.
 */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ManifestError(`no manifest.json: not a finished github-data backup (${dir})`);
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`manifest.json is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value) || value.format !== FORMAT) {
    const format = isObject(value) ? JSON.stringify(value.format) : "none";
    throw new ManifestError(`manifest.json is not a github-data manifest (format: ${format})`);
  }
  const version = value.format_version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new ManifestError(`manifest.json has an invalid format_version: ${JSON.stringify(version)}`);
  }
  if (version > FORMAT_VERSION) {
    throw new ManifestError(`made by a newer github-data (format_version ${version}); upgrade to read it`);
  }
  const validate = getValidator(MANIFEST_SCHEMA);
  if (!validate(value)) {
    throw new ManifestError(`manifest.json does not match the format: ${describeErrors(validate.errors)}`);
  }
  return value as unknown as Manifest;
}
