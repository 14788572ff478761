// Checks a backup folder against the format: the manifest, every listed
// file's size, checksum and record count, every JSONL line (complete, JSON,
// valid against its schema, in sort order), every release asset file, and
// each parent's saved children against the count GitHub reported for it.
// Files are streamed line by line; no file is ever loaded whole.
import { createHash } from "node:crypto";
import { lstat, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { exists } from "../util/exists.js";
import { LimitError } from "../util/limits.js";
import { hashFile, type WrittenFile } from "./atomic.js";
import { checkMirror, MIRROR_DIRS } from "./git-mirror.js";
import { historyProblems } from "./history.js";
import { type RawLine, readLines } from "./jsonl-lines.js";
import { checkLfsObjects, LFS_OBJECTS_ENTRY } from "./lfs-objects.js";
import { MANIFEST_FILE, type Manifest, readManifest } from "./manifest.js";
import type { RecordFile } from "./record-files.js";
import { type RecordSource, recordSourceProblem } from "./record-source.js";
import { isInside } from "./safe-name.js";
import { describeErrors, getValidator } from "./schemas.js";
import { compareLines, compareSortKeys, type SortKey } from "./sort-key.js";
import { backupTreeProblems } from "./tree-check.js";
import { parseUntrustedJson, UntrustedJsonError } from "./untrusted-json.js";
import { CountTally } from "./verify-counts.js";

export interface VerifyProblem {
  /** Path relative to the backup folder. */
  file?: string;
  /** 1-based line number in a JSONL file. */
  line?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  problems: VerifyProblem[];
  /** Files listed in the manifest that were checked. */
  files: number;
  /** Records read from the JSONL files. */
  records: number;
}

export interface VerifyOptions {
  /** Problems reported per file before the rest are summarised (default 5). */
  maxProblemsPerFile?: number;
  /** Longest JSONL line accepted (default MAX_LINE_BYTES). */
  maxLineBytes?: number;
}

/** A file a record points to (a release asset), with where it must lie. */
interface LinkedRef {
  line: number;
  folder: string;
  path: string | null;
  sha256: string | null;
  size: number;
}

interface ScanResult extends WrittenFile {
  records: number;
  linked: LinkedRef[];
}

/** Collects one file's problems, keeping the first few. */
class FileProblems {
  private count = 0;
  constructor(
    private readonly out: VerifyProblem[],
    private readonly file: string,
    private readonly limit: number,
  ) {}

  add(message: string, line?: number): void {
    this.count += 1;
    if (this.count <= this.limit)
      this.out.push(line === undefined ? { file: this.file, message } : { file: this.file, line, message });
  }

  finish(): void {
    if (this.count > this.limit) {
      this.out.push({ file: this.file, message: `${this.count - this.limit} more problems not shown` });
    }
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function showKey(key: SortKey): string {
  return JSON.stringify(key);
}

function collectLinked(spec: RecordFile, record: unknown, line: number, into: LinkedRef[]): void {
  if (!spec.linkedFiles) return;
  const { folder, files } = spec.linkedFiles.of(record);
  for (const file of files)
    into.push({ line, folder, path: file.path, sha256: file.sha256, size: file.size });
}

type Previous = { key: SortKey; line: string; lineNumber: number };

/** One pass over a JSONL file: hash, count, and check each line. */
async function scanJsonl(
  path: string,
  spec: RecordFile | undefined,
  problems: FileProblems,
  source: RecordSource,
  maxLineBytes: number | undefined,
  tally: CountTally,
): Promise<ScanResult> {
  const hash = createHash("sha256");
  let bytes = 0;
  let records = 0;
  const linked: LinkedRef[] = [];
  const validate = spec ? getValidator(spec.schema) : undefined;
  let previous: Previous | undefined;
  const onChunk = (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  };
  try {
    for await (const raw of readLines(path, { onChunk, ...(maxLineBytes ? { maxLineBytes } : {}) }))
      previous = checkLine(raw, previous);
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    problems.add(error.message);
  }
  return { bytes, sha256: hash.digest("hex"), records, linked };

  function checkLine(raw: RawLine, previous: Previous | undefined): Previous | undefined {
    const n = raw.lineNumber;
    if (!raw.terminated) {
      problems.add("truncated: the last line does not end in a newline", n);
      return previous;
    }
    records += 1;
    let text: string;
    try {
      text = utf8.decode(raw.bytes);
    } catch {
      problems.add("not valid UTF-8", n);
      return previous;
    }
    if (text.trim() === "") {
      problems.add("empty line", n);
      return previous;
    }
    let record: unknown;
    try {
      record = parseUntrustedJson(text);
    } catch (error) {
      const unsafe = error instanceof UntrustedJsonError;
      problems.add(unsafe ? error.message : `invalid JSON: ${(error as Error).message}`, n);
      return previous;
    }
    if (!spec || !validate) return previous;
    if (!validate(record)) {
      problems.add(`does not match ${spec.schema.name}: ${describeErrors(validate.errors)}`, n);
      return previous;
    }
    const foreign = recordSourceProblem(record, source);
    if (foreign) problems.add(foreign, n);
    const key = spec.sortKey(record);
    if (previous) {
      const order = compareSortKeys(previous.key, key);
      if (order > 0) {
        problems.add(
          `out of order: key ${showKey(key)} after ${showKey(previous.key)} (line ${previous.lineNumber})`,
          n,
        );
      } else if (order === 0) {
        const same = compareLines(previous.line, text) === 0 ? "duplicate record" : "duplicate key";
        problems.add(`${same} ${showKey(key)} (also on line ${previous.lineNumber})`, n);
      }
    }
    collectLinked(spec, record, n, linked);
    tally.observe(spec.file, record);
    return { key, line: text, lineNumber: n };
  }
}

type Located = { ok: true; path: string } | { ok: false; message: string };

/** Resolves a relative path and checks it stays inside the folder, symlinks included, and is a file. */
async function locate(dir: string, realDir: string, rel: string): Promise<Located> {
  if (!isInside(dir, rel)) return { ok: false, message: "path leaves the backup folder" };
  const path = join(dir, rel);
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: "not a regular file" };
  } catch {
    return { ok: false, message: "missing" };
  }
  if (!isInside(realDir, await realpath(path))) {
    return { ok: false, message: "resolves outside the backup folder (symbolic link)" };
  }
  if ((await lstat(path)).isSymbolicLink()) return { ok: false, message: "is a symbolic link" };
  return { ok: true, path };
}

/** One linked file: inside its record's folder, present, and of the size and sha256 the record gives. */
async function checkLinked(
  dir: string,
  realDir: string,
  ref: LinkedRef,
  noun: string,
  hashed: Map<string, WrittenFile>,
  problems: FileProblems,
  reported: Set<string>,
): Promise<void> {
  if (ref.path === null) return;
  const where = `${noun} ${JSON.stringify(ref.path)}`;
  if (!ref.path.startsWith(`${ref.folder}/`)) problems.add(`${where} is not under ${ref.folder}/`, ref.line);
  const located = await locate(dir, realDir, ref.path);
  if (!located.ok) {
    reported.add(ref.path);
    problems.add(`${where}: ${located.message}`, ref.line);
    return;
  }
  let actual = hashed.get(ref.path);
  if (!actual) {
    actual = await hashFile(located.path);
    hashed.set(ref.path, actual);
  }
  if (ref.sha256 === null) problems.add(`${where} has a path but no sha256`, ref.line);
  else if (actual.sha256 !== ref.sha256) problems.add(`${where}: sha256 differs from the record`, ref.line);
  if (actual.bytes !== ref.size) {
    problems.add(`${where}: size ${actual.bytes} bytes differs from the record's ${ref.size}`, ref.line);
  }
}

/**
 * Checks the folder. `recordFiles` are the JSONL files the entity types
 * declare (src/entities/ hands them down): a listed .jsonl file that none of
 * them names is a problem, never skipped.
 */
export async function verifyBackup(
  dir: string,
  recordFiles: readonly RecordFile[],
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const specs = new Map(recordFiles.map((spec) => [spec.file, spec]));
  const limit = options.maxProblemsPerFile ?? 5;
  const problems: VerifyProblem[] = [];
  const report = (files: number, records: number): VerifyReport => ({
    ok: problems.length === 0,
    problems,
    files,
    records,
  });

  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    problems.push({ file: MANIFEST_FILE, message: (error as Error).message });
    return report(0, 0);
  }
  const realDir = await realpath(dir);

  let files = 0;
  let records = 0;
  const linked = new Map<RecordFile, LinkedRef[]>();
  /** Hashes already computed, so an asset listed in the manifest is read once. */
  const hashed = new Map<string, WrittenFile>();
  /** Paths whose problem is already reported, so the tree check does not repeat it. */
  const reported = new Set<string>();
  /** Children per parent and the counts GitHub reported, tallied during the one read of each file. */
  const tally = new CountTally(recordFiles);

  for (const rel of Object.keys(manifest.files).sort()) {
    const entry = manifest.files[rel]!;
    const fileProblems = new FileProblems(problems, rel, limit);
    files += 1;
    const mirrorDir = MIRROR_DIRS.get(rel);
    if (mirrorDir !== undefined) {
      reported.add(rel);
      for (const message of await checkMirror(dir, entry, mirrorDir)) fileProblems.add(message);
      fileProblems.finish();
      continue;
    }
    if (rel === LFS_OBJECTS_ENTRY) {
      reported.add(rel);
      for (const message of await checkLfsObjects(dir, entry)) fileProblems.add(message);
      fileProblems.finish();
      continue;
    }
    const located = await locate(dir, realDir, rel);
    if (!located.ok) {
      reported.add(rel);
      fileProblems.add(`listed in the manifest but ${located.message}`);
      fileProblems.finish();
      continue;
    }
    let actual: WrittenFile;
    // Every declared file is JSON Lines (repository.json is one record on one line, valid JSON too).
    if (rel.endsWith(".jsonl") || specs.has(rel)) {
      const spec = specs.get(rel);
      // Never skipped silently: a file no entity type declares has no schema to check it against.
      if (!spec) fileProblems.add("no entity type declares this file, so its records are not checked");
      const scan = await scanJsonl(
        located.path,
        spec,
        fileProblems,
        manifest.source,
        options.maxLineBytes,
        tally,
      );
      actual = scan;
      records += scan.records;
      if (spec) linked.set(spec, scan.linked);
      if (entry.records === undefined) fileProblems.add("the manifest gives no record count");
      else if (entry.records !== scan.records) {
        fileProblems.add(`record count ${scan.records} differs from the manifest's ${entry.records}`);
      }
    } else {
      actual = await hashFile(located.path);
      hashed.set(rel, actual);
    }
    if (actual.bytes !== entry.bytes)
      fileProblems.add(`size ${actual.bytes} bytes differs from the manifest's ${entry.bytes}`);
    if (actual.sha256 !== entry.sha256) fileProblems.add("sha256 differs from the manifest");
    fileProblems.finish();
  }

  // Entity files present on disk (or owed by a succeeded job) must be listed.
  for (const spec of recordFiles) {
    if (manifest.files[spec.file]) continue;
    const succeeded = manifest.jobs.some((j) => j.name === spec.entity && j.status === "succeeded");
    if (await exists(join(dir, spec.file))) {
      problems.push({ file: spec.file, message: "present but not listed in the manifest" });
    } else if (succeeded) {
      problems.push({
        file: spec.file,
        message: `job ${spec.entity} succeeded but its file is not in the manifest`,
      });
    }
  }

  for (const [spec, refs] of linked) {
    const linkedProblems = new FileProblems(problems, spec.file, limit);
    const noun = spec.linkedFiles?.noun ?? "file";
    for (const ref of refs) {
      await checkLinked(dir, realDir, ref, noun, hashed, linkedProblems, reported);
    }
    linkedProblems.finish();
  }

  for (const problem of await backupTreeProblems(dir, reported)) problems.push(problem);

  problems.push(...tally.problems(manifest, limit));
  problems.push(...(await historyProblems(dir, manifest)));
  return report(files, records);
}
