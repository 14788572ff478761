import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSortedJsonlWriter, SCRATCH_DIR } from "../../src/backup/sorted-jsonl-writer.js";
import { seededRandom, shuffled } from "./fixtures.js";
import { cleanup, listTree, tempDir } from "./helpers.js";

interface Row {
  id: number;
  group: number;
  title: string;
}

const byId = (r: Row) => [r.id] as const;
const byGroup = (r: Row) => [r.group] as const;

function rows(count: number, seed: number): Row[] {
  const random = seededRandom(seed);
  const words = [
    "alpha",
    "βeta",
    "🎉 party",
    'quote " and \\ slash',
    "line\nbreak",
    "tab\tchar",
    "\u2028sep",
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    group: Math.floor(random() * 20),
    title: `${words[i % words.length]} ${Math.floor(random() * 1e6)}`.repeat(1 + (i % 3)),
  }));
}

async function writeAll(
  dir: string,
  records: readonly Row[],
  options: { spillBytes?: number; mergeFanIn?: number; key?: (r: Row) => readonly (number | string)[] } = {},
) {
  const writer = createSortedJsonlWriter<Row>({
    dir,
    file: "rows.jsonl",
    sortKey: options.key ?? byId,
    spillBytes: options.spillBytes,
    mergeFanIn: options.mergeFanIn,
  });
  for (const r of records) await writer.add(r);
  const summary = await writer.finish();
  const bytes = await readFile(join(dir, "rows.jsonl"));
  return { summary, bytes };
}

let dirs: string[] = [];
async function fresh(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}

beforeEach(() => {
  dirs = [];
});
afterEach(async () => {
  await Promise.all(dirs.map(cleanup));
});

describe("createSortedJsonlWriter", () => {
  const data = rows(1500, 7);

  it("sorts records that arrive in any order, byte-identically across runs and spill sizes", async () => {
    const inMemory = await writeAll(await fresh(), shuffled(data, 1));
    const spilled = await writeAll(await fresh(), shuffled(data, 2), { spillBytes: 700, mergeFanIn: 3 });
    const spilledAgain = await writeAll(await fresh(), shuffled(data, 3), { spillBytes: 700, mergeFanIn: 3 });

    expect(spilled.bytes.equals(inMemory.bytes)).toBe(true);
    expect(spilledAgain.bytes.equals(inMemory.bytes)).toBe(true);

    const lines = inMemory.bytes.toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(data.length);
    expect(lines.map((l) => (JSON.parse(l) as Row).id)).toEqual(data.map((r) => r.id));
    expect(lines[0]).toBe(JSON.stringify(data[0]));
  });

  it("reports records, bytes and sha256 of the final file", async () => {
    const { summary, bytes } = await writeAll(await fresh(), shuffled(data, 4), { spillBytes: 4096 });
    expect(summary).toEqual({
      file: "rows.jsonl",
      records: data.length,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  });

  it("breaks key ties by the serialised line, so equal keys never depend on arrival order", async () => {
    const a = await writeAll(await fresh(), shuffled(data, 5), { key: byGroup });
    const b = await writeAll(await fresh(), shuffled(data, 6), {
      key: byGroup,
      spillBytes: 1000,
      mergeFanIn: 2,
    });
    expect(b.bytes.equals(a.bytes)).toBe(true);
    const parsed = a.bytes
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => ({ line: l, group: (JSON.parse(l) as Row).group }));
    for (let i = 1; i < parsed.length; i++) {
      const prev = parsed[i - 1]!;
      const cur = parsed[i]!;
      expect(prev.group < cur.group || (prev.group === cur.group && prev.line < cur.line)).toBe(true);
    }
  });

  it("spills sorted runs to the scratch folder and removes them when finished", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId, spillBytes: 2000 });
    for (const r of shuffled(data, 8)) await writer.add(r);
    const runs = await readdir(join(dir, SCRATCH_DIR));
    // Memory stays bounded: most of the data already sits in run files on disk.
    expect(runs.length).toBeGreaterThan(20);
    expect(await listTree(dir)).not.toContain("rows.jsonl");
    await writer.finish();
    expect(await listTree(dir)).toEqual(["rows.jsonl"]);
  });

  it("accepts concurrent add() calls", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId, spillBytes: 500 });
    await Promise.all(shuffled(data, 9).map((r) => writer.add(r)));
    const summary = await writer.finish();
    expect(summary.records).toBe(data.length);
    const expected = await writeAll(await fresh(), data);
    expect((await readFile(join(dir, "rows.jsonl"))).equals(expected.bytes)).toBe(true);
  });

  it("writes an empty file when there are no records", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId });
    const summary = await writer.finish();
    expect(summary).toEqual({
      file: "rows.jsonl",
      records: 0,
      bytes: 0,
      sha256: createHash("sha256").digest("hex"),
    });
    expect(await readFile(join(dir, "rows.jsonl"), "utf8")).toBe("");
    expect(await listTree(dir)).toEqual(["rows.jsonl"]);
  });

  it("abort leaves no final file and no scratch files", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId, spillBytes: 1000 });
    for (const r of data.slice(0, 300)) await writer.add(r);
    expect((await readdir(join(dir, SCRATCH_DIR))).length).toBeGreaterThan(0);
    await writer.abort();
    expect(await listTree(dir)).toEqual([]);
    await expect(writer.add(data[0]!)).rejects.toThrow(/aborted/);
    await expect(writer.finish()).rejects.toThrow(/aborted/);
  });

  it("abort keeps an existing file from an earlier save untouched", async () => {
    const dir = await fresh();
    await writeFile(join(dir, "rows.jsonl"), "old\n");
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId, spillBytes: 1000 });
    for (const r of data.slice(0, 100)) await writer.add(r);
    await writer.abort();
    expect(await readFile(join(dir, "rows.jsonl"), "utf8")).toBe("old\n");
    expect(await listTree(dir)).toEqual(["rows.jsonl"]);
  });

  it("abort during finish stops the merge and leaves no final file", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId, spillBytes: 1000 });
    for (const r of data) await writer.add(r);
    const finishing = writer.finish();
    const aborting = writer.abort();
    await expect(finishing).rejects.toThrow(/aborted/);
    await aborting;
    expect(await listTree(dir)).toEqual([]);
  });

  it("a failed spill fails the writer, even when nobody awaited that add()", async () => {
    const dir = await fresh();
    // A file where the scratch folder should be makes every spill fail.
    await writeFile(join(dir, SCRATCH_DIR), "in the way");
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId, spillBytes: 1000 });
    const adds = data.slice(0, 200).map((r) => writer.add(r));
    // finish() is called while the failing spill is still in flight.
    const finishing = writer.finish();
    const settled = await Promise.allSettled(adds);
    expect(settled.some((s) => s.status === "rejected")).toBe(true);
    await expect(finishing).rejects.toThrow(/EEXIST|ENOTDIR/);
    await writer.abort();
    expect(await listTree(dir)).toEqual([SCRATCH_DIR]);
  });

  it("touches the disk only once `writable` settles, and fails without a trace when it rejects", async () => {
    const dir = await fresh();
    let claim: () => void = () => {};
    const writable = new Promise<void>((resolve) => {
      claim = resolve;
    });
    const writer = createSortedJsonlWriter<Row>({
      dir,
      file: "rows.jsonl",
      sortKey: byId,
      spillBytes: 500,
      writable,
    });
    const adds = data.slice(0, 50).map((r) => writer.add(r));
    const finishing = writer.finish();
    // Every turn of the loop has passed: the spills and the file wait for the claim.
    await new Promise((resolve) => setImmediate(resolve));
    expect(await listTree(dir)).toEqual([]);
    claim();
    await Promise.all(adds);
    expect((await finishing).records).toBe(50);
    expect(await listTree(dir)).toEqual(["rows.jsonl"]);

    const refusedDir = await fresh();
    const refused = createSortedJsonlWriter<Row>({
      dir: refusedDir,
      file: "rows.jsonl",
      sortKey: byId,
      spillBytes: 500,
      writable: Promise.reject(new Error("not our folder")),
    });
    const refusedAdds = data.slice(0, 50).map((r) => refused.add(r));
    const reasons = (await Promise.allSettled(refusedAdds)).flatMap((a) =>
      a.status === "rejected" ? [String(a.reason)] : [],
    );
    expect(reasons[0]).toMatch(/not our folder/);
    await expect(refused.finish()).rejects.toThrow();
    expect(await listTree(refusedDir)).toEqual([]);
  });

  it("rejects add() after finish()", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byId });
    await writer.finish();
    await expect(writer.add(data[0]!)).rejects.toThrow(/finished/);
  });
});
