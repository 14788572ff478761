import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  hashFile,
  sha256File,
  writeFileAtomic,
  writeJsonAtomic,
  writeStreamAtomic,
} from "../../src/backup/atomic.js";
import { cleanup, listTree, tempDir } from "./helpers.js";

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await cleanup(dir);
});

describe("atomic writes", () => {
  it("writeFileAtomic writes, replaces, and leaves no temporary file", async () => {
    const path = join(dir, "a.txt");
    await writeFileAtomic(path, "first");
    const written = await writeFileAtomic(path, "second ✓");
    expect(await readFile(path, "utf8")).toBe("second ✓");
    expect(written).toEqual({ bytes: Buffer.byteLength("second ✓"), sha256: sha("second ✓") });
    expect(await listTree(dir)).toEqual(["a.txt"]);
  });

  it("creates missing parent folders", async () => {
    await writeFileAtomic(join(dir, "x", "y", "z.bin"), Buffer.from([1, 2, 3]));
    expect(await listTree(dir)).toEqual(["x", "x/y", "x/y/z.bin"]);
  });

  it("writeJsonAtomic writes pretty JSON with a final newline", async () => {
    await writeJsonAtomic(join(dir, "m.json"), { a: 1, b: [true] });
    expect(await readFile(join(dir, "m.json"), "utf8")).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}\n');
  });

  it("writeStreamAtomic streams an async iterable and reports size and sha256", async () => {
    async function* chunks() {
      for (let i = 0; i < 50; i++) yield Buffer.alloc(10_000, i);
    }
    const path = join(dir, "big.bin");
    const result = await writeStreamAtomic(path, chunks());
    const data = await readFile(path);
    expect(result).toEqual({ bytes: 500_000, sha256: sha(data) });
    expect(await sha256File(path)).toBe(result.sha256);
    expect(await hashFile(path)).toEqual(result);
    expect(await listTree(dir)).toEqual(["big.bin"]);
  });

  it("writeStreamAtomic accepts a Node Readable", async () => {
    const path = join(dir, "r.txt");
    const result = await writeStreamAtomic(path, Readable.from([Buffer.from("ab"), Buffer.from("cd")]));
    expect(await readFile(path, "utf8")).toBe("abcd");
    expect(result.bytes).toBe(4);
  });

  it("a failing stream leaves the old file untouched and no temporary file", async () => {
    const path = join(dir, "asset.bin");
    await writeFile(path, "previous");
    async function* failing() {
      yield Buffer.alloc(100_000, 1);
      throw new Error("connection reset");
    }
    await expect(writeStreamAtomic(path, failing())).rejects.toThrow("connection reset");
    expect(await readFile(path, "utf8")).toBe("previous");
    expect(await listTree(dir)).toEqual(["asset.bin"]);
  });

  it("a failing stream to a new name leaves nothing behind", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("partial");
      throw new Error("boom");
    }
    await expect(writeStreamAtomic(join(dir, "new.bin"), failing())).rejects.toThrow("boom");
    expect(await listTree(dir)).toEqual([]);
  });
});
