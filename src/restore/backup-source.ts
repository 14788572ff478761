// Opens the backup folder a restore reads: checks it (`verify` for our
// format; parseable JSON for the Python tool's) before anything is written,
// and serves its records, adapting the Python format on the fly.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { readLines } from "../backup/jsonl-lines.js";
import { MANIFEST_FILE, type Manifest, readManifest } from "../backup/manifest.js";
import { backupTreeProblems } from "../backup/tree-check.js";
import { verifyBackup } from "../backup/verify.js";
import { RECORD_FILES } from "../entities/index.js";
import { PreflightError } from "../errors.js";
import { webUrlForApi } from "../github/web-host.js";
import { exists } from "../util/exists.js";
import {
  isPythonBackup,
  originFromUrl,
  PYTHON_FILES,
  PYTHON_FORMAT_GAPS,
  PYTHON_SAVE_ORDER,
  PythonFormatError,
  readPythonFile,
  readPythonRecords,
} from "./python-format.js";
import type { BackupOrigin } from "./types.js";

export interface BackupSource {
  dir: string;
  format: "github-data" | "python";
  /** null for a Python-format folder. */
  manifest: Manifest | null;
  origin: BackupOrigin | null;
  /** Said once per restore (e.g. what a Python-format backup lacks). */
  warnings: string[];
  readRecords<T>(file: string): AsyncIterable<T>;
  hasFile(file: string): Promise<boolean>;
  /** The name `file` (one of our record files) has in this folder, for messages. */
  fileName(file: string): string;
}

export { webUrlForApi };

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function* jsonlRecords<T>(path: string): AsyncGenerator<T> {
  for await (const line of readLines(path)) {
    // verify has rejected torn files; a line without "\n" here means the file changed under us.
    if (!line.terminated) throw new Error(`${path} changed during the restore: its last line is incomplete`);
    const text = line.bytes.toString("utf8");
    if (text.trim() === "") continue;
    yield JSON.parse(text) as T;
  }
}

async function firstRecord(path: string): Promise<Record<string, unknown> | null> {
  if (!(await isFile(path))) return null;
  for await (const record of jsonlRecords<Record<string, unknown>>(path)) return record;
  return null;
}

/** Checks the folder and opens it; any problem is a PreflightError (exit 2) naming it. */
export async function openBackup(dir: string): Promise<BackupSource> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new PreflightError(`${dir} is not a folder`);
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    throw new PreflightError(`backup folder ${dir} does not exist or cannot be read`);
  }
  if (await isFile(join(dir, MANIFEST_FILE))) return openOurs(dir);
  if (await isPythonBackup(dir)) return openPython(dir);
  throw new PreflightError(
    `${dir} holds no manifest.json: the save did not finish (continue it with save --resume) or this is not a backup folder`,
  );
}

async function openOurs(dir: string): Promise<BackupSource> {
  const report = await verifyBackup(dir, RECORD_FILES);
  if (!report.ok) {
    const first = report.problems[0];
    const where = first ? `${first.file ?? ""}${first.line ? `:${first.line}` : ""}` : "";
    const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : "";
    throw new PreflightError(
      `the backup in ${dir} does not verify: ${where ? `${where}: ` : ""}${first?.message ?? "unknown problem"}${more}; run "github-data verify ${dir}" for the full list`,
    );
  }
  const manifest = await readManifest(dir);
  const sample =
    (await firstRecord(join(dir, "issues.jsonl"))) ?? (await firstRecord(join(dir, "pull_requests.jsonl")));
  const fromRecord = sample ? originFromUrl(sample.html_url) : null;
  const origin: BackupOrigin = {
    owner: manifest.source.owner,
    repo: manifest.source.repo,
    webUrl:
      fromRecord?.webUrl ??
      `${webUrlForApi(manifest.source.api_url)}/${manifest.source.owner}/${manifest.source.repo}`,
  };
  const warnings: string[] = [];
  const failed = manifest.jobs.filter((j) => j.status === "failed").map((j) => j.name);
  if (failed.length > 0) {
    warnings.push(
      `the save behind this backup failed for ${failed.join(", ")}; those parts may be incomplete`,
    );
  }
  return {
    dir,
    format: "github-data",
    manifest,
    origin,
    warnings,
    readRecords: <T>(file: string) => ({
      async *[Symbol.asyncIterator]() {
        const path = join(dir, file);
        if (!(await isFile(path))) return;
        yield* jsonlRecords<T>(path);
      },
    }),
    hasFile: (file) => exists(join(dir, file)),
    fileName: (file) => file,
  };
}

async function openPython(dir: string): Promise<BackupSource> {
  // No manifest to verify against, but the folder's tree is checked like ours.
  const [problem, ...rest] = await backupTreeProblems(dir);
  if (problem) {
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : "";
    throw new PreflightError(`the backup in ${dir} is refused: ${problem.file}: ${problem.message}${more}`);
  }
  const cache = new Map<string, unknown[] | null>();
  const load = async (file: string): Promise<unknown[] | null> => {
    if (!cache.has(file)) cache.set(file, await readPythonRecords(dir, file));
    return cache.get(file) ?? null;
  };
  // Parse every file now so a broken one stops the restore before it writes anything.
  try {
    for (const ours of Object.keys(PYTHON_FILES)) await load(ours);
  } catch (error) {
    if (error instanceof PythonFormatError)
      throw new PreflightError(`the Python-format backup in ${dir}: ${error.message}`);
    throw error;
  }
  let origin: BackupOrigin | null = null;
  for (const name of ["issues.json", "pull_requests.json", "milestones.json", "releases.json"]) {
    const items = await readPythonFile(dir, name);
    const url = items?.[0]?.html_url;
    origin = originFromUrl(url);
    if (origin) break;
  }
  return {
    dir,
    format: "python",
    manifest: null,
    origin,
    warnings: [PYTHON_FORMAT_GAPS, ...(await unfinishedPythonSave(dir))],
    readRecords: <T>(file: string) => ({
      async *[Symbol.asyncIterator]() {
        const records = await load(file);
        for (const record of records ?? []) yield record as T;
      },
    }),
    hasFile: async (file) => (await load(file)) !== null || exists(join(dir, file)),
    fileName: (file) => PYTHON_FILES[file] ?? file,
  };
}

/**
 * The Python tool saves its files in a fixed order; a folder that has some of them but lacks a later one was most likely
 * left by a save that stopped part-way (or one told to skip those parts).
 */
async function unfinishedPythonSave(dir: string): Promise<string[]> {
  const present: string[] = [];
  const missing: string[] = [];
  for (const name of PYTHON_SAVE_ORDER) {
    if (await isFile(join(dir, name))) present.push(name);
    else if (present.length > 0) missing.push(name);
  }
  if (present.length === 0 || missing.length === 0) return [];
  return [
    `the Python tool's save of this folder looks unfinished: it has ${present.join(", ")} but no ${missing.join(", ")} ` +
      `(that tool writes them in this order, so its save probably stopped part-way, or those parts were not selected); ` +
      "what is missing cannot be restored",
  ];
}
