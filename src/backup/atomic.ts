// Atomic file writes: data goes to a temporary name in the same folder, is
// fsynced, then renamed over the final name, so a crash never leaves a
// half-written file under a final name. The temporary file is removed on error.
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Readable } from "node:stream";

export interface WrittenFile {
  bytes: number;
  /** Lower-case hex SHA-256 of the content. */
  sha256: string;
}

/** Marks temporary files: `<final name>.tmp-<random>`. */
export const TEMP_SUFFIX_RE = /\.tmp-[0-9a-f]{12}$/;

// Temporary names: a random prefix per process and a counter (a save writes
// hundreds of files; one random draw each costs more than it buys). Opening
// with "wx" still refuses to clobber anything.
const tempPrefix = randomBytes(3).toString("hex");
let tempCounter = 0;

/** A temporary name next to `path` (same folder, so the rename stays atomic). */
export function tempPathFor(path: string): string {
  tempCounter = (tempCounter + 1) % 0x1000000;
  const suffix = `${tempPrefix}${tempCounter.toString(16).padStart(6, "0")}`;
  return join(dirname(path), `${basename(path)}.tmp-${suffix}`);
}

/** Opens a new temporary file, creating its folder only when it is missing. */
async function openTemp(path: string): Promise<{ tempPath: string; handle: FileHandle }> {
  const tempPath = tempPathFor(path);
  try {
    return { tempPath, handle: await open(tempPath, "wx") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  return { tempPath, handle: await open(tempPath, "wx") };
}

/** fsync a folder so a rename inside it survives a crash; ignored where unsupported. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

const FLUSH_BYTES = 64 * 1024;

/**
 * A file being written under a temporary name. `write` resolves once the data
 * is buffered or on disk, so awaiting it is the back-pressure. `commit` makes
 * the file appear under its final name; `discard` removes every trace.
 */
export interface AtomicFileWriter {
  readonly path: string;
  readonly tempPath: string;
  write(data: string | Uint8Array): Promise<void>;
  commit(): Promise<WrittenFile>;
  discard(): Promise<void>;
}

export interface OpenAtomicFileOptions {
  /** fsync the file and its folder on commit (default true; scratch files skip it). */
  durable?: boolean;
}

export async function openAtomicFile(
  path: string,
  options: OpenAtomicFileOptions = {},
): Promise<AtomicFileWriter> {
  const durable = options.durable ?? true;
  const { tempPath, handle } = await openTemp(path);
  const hash = createHash("sha256");
  let bytes = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let done = false;

  async function flush(): Promise<void> {
    if (pendingBytes === 0) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
  }

  async function discard(): Promise<void> {
    if (done) return;
    done = true;
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true }).catch(() => undefined);
  }

  return {
    path,
    tempPath,
    async write(data) {
      if (done) throw new Error(`${path}: write after commit or discard`);
      const chunk = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      hash.update(chunk);
      bytes += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= FLUSH_BYTES) await flush();
    },
    async commit() {
      if (done) throw new Error(`${path}: commit after commit or discard`);
      try {
        await flush();
        if (durable) await handle.sync();
        done = true;
        await handle.close();
        await rename(tempPath, path);
      } catch (error) {
        done = false;
        await discard();
        throw error;
      }
      if (durable) await fsyncDir(dirname(path));
      return { bytes, sha256: hash.digest("hex") };
    },
    discard,
  };
}

async function writeAtomically(
  path: string,
  fill: (file: AtomicFileWriter) => Promise<void>,
): Promise<WrittenFile> {
  const file = await openAtomicFile(path);
  try {
    await fill(file);
    return await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<WrittenFile> {
  return writeAtomically(path, (file) => file.write(data));
}

/**
 * The same, synchronously: for a small file that must be on disk before the
 * process does anything else (a new save's first state), where each step of
 * an asynchronous write would wait behind the answers being handled.
 */
export function writeJsonAtomicSync(path: string, value: unknown): void {
  const tempPath = tempPathFor(path);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(tempPath, "wx");
  try {
    writeFileSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tempPath, path);
  try {
    const dir = openSync(dirname(path), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory.
  }
}

/** Pretty-printed JSON with a final newline. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<WrittenFile> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Streams `source` to `path`, hashing on the way. Each chunk is handed to the
 * file before the next is pulled, so a fast source never outruns the disk.
 */
export async function writeStreamAtomic(
  path: string,
  source: Readable | AsyncIterable<Uint8Array>,
): Promise<WrittenFile> {
  return writeAtomically(path, async (file) => {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) await file.write(chunk);
  });
}

/** Size and SHA-256 of a file, read as a stream. */
export async function hashFile(path: string): Promise<WrittenFile> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Lower-case hex SHA-256 of a file. */
export async function sha256File(path: string): Promise<string> {
  return (await hashFile(path)).sha256;
}
