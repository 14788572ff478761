// A writer carrying a previous file's lines (SortedJsonlWriter.carry): the
// merge of those lines with new records must be byte-for-byte the file a
// writer given every record writes; lines out of order are sorted as records;
// a file kept whole is put in place unread, and only when its size and
// SHA-256 still match.
import { createHash } from "node:crypto";
import { lstat, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CarriedLine, keptLines, type WholeFile } from "../../src/backup/merge-sorted-lines.js";
import { createSortedJsonlWriter } from "../../src/backup/sorted-jsonl-writer.js";
import { seededRandom, shuffled } from "./fixtures.js";
import { cleanup, tempDir } from "./helpers.js";

interface Row {
  parent: number;
  id: number;
  title: string;
}

const byParent = (r: Row) => [r.parent, r.title] as const;

function rows(count: number, seed: number): Row[] {
  const random = seededRandom(seed);
  const words = ["alpha", "βeta", "🎉", 'quote " and \\ slash', "line\nbreak", "same"];
  return Array.from({ length: count }, (_, i) => ({
    parent: Math.floor(random() * 40),
    id: i + 1,
    title: words[i % words.length] as string,
  }));
}

const dirs: string[] = [];
async function fresh(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => cleanup(d)));
});

/** The file a writer given every record writes. */
async function written(
  records: readonly Row[],
  spillBytes?: number,
): Promise<{ bytes: Buffer; path: string }> {
  const dir = await fresh();
  const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byParent, spillBytes });
  for (const r of shuffled(records, 5)) await writer.add(r);
  await writer.finish();
  const path = join(dir, "rows.jsonl");
  return { bytes: await readFile(path), path };
}

/** A file's lines as carried lines, in file order. */
async function* linesOf(path: string): AsyncGenerator<CarriedLine<Row>> {
  const text = await readFile(path, "utf8");
  for (const line of text.split("\n").filter((l) => l !== "")) {
    yield { record: JSON.parse(line) as Row, line };
  }
}

async function wholeOf(path: string): Promise<WholeFile> {
  const bytes = await readFile(path);
  return { path, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

describe("carrying a previous file's lines", () => {
  it("merges kept lines with added, changed and deleted records into a fresh writer's bytes", async () => {
    const before = rows(400, 1);
    const previous = await written(before);
    const gone = new Set([3, 50, 51, 399]);
    const changed = before
      .filter((r) => r.id % 37 === 0)
      .map((r) => ({ ...r, title: `${r.title} (edited)` }));
    const replaced = new Set(changed.map((r) => r.id));
    const added = rows(30, 2).map((r) => ({ ...r, id: 1000 + r.id }));
    const after = [...before.filter((r) => !gone.has(r.id) && !replaced.has(r.id)), ...changed, ...added];
    const expected = await written(after);
    for (const spillBytes of [undefined, 300]) {
      const dir = await fresh();
      const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byParent, spillBytes });
      for (const r of [...added, ...changed]) await writer.add(r);
      writer.carry(() =>
        keptLines<Row>(linesOf(previous.path), (r) => !gone.has(r.id) && !replaced.has(r.id)),
      );
      const summary = await writer.finish();
      const bytes = await readFile(join(dir, "rows.jsonl"));
      expect(bytes.equals(expected.bytes)).toBe(true);
      expect(summary.records).toBe(after.length);
      expect(summary.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("writes the carried lines' bytes as they are", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byParent });
    await writer.add({ parent: 2, id: 2, title: "b" });
    const kept = '{ "parent": 1, "id": 1, "title": "a" }';
    writer.carry(async function* () {
      yield { record: JSON.parse(kept) as Row, line: kept };
    });
    await writer.finish();
    expect(await readFile(join(dir, "rows.jsonl"), "utf8")).toBe(
      `${kept}\n{"parent":2,"id":2,"title":"b"}\n`,
    );
  });

  it("sorts lines that are out of order as records, as a fresh writer would", async () => {
    const records = rows(120, 3);
    const expected = await written(records);
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({
      dir,
      file: "rows.jsonl",
      sortKey: byParent,
      spillBytes: 500,
    });
    await writer.add(records[0] as Row);
    writer.carry(async function* () {
      // Valid lines, but in arrival order, not the file's.
      for (const r of records.slice(1)) yield { record: r, line: JSON.stringify(r) };
    });
    const summary = await writer.finish();
    expect((await readFile(join(dir, "rows.jsonl"))).equals(expected.bytes)).toBe(true);
    expect(summary.records).toBe(records.length);
  });

  it("fails as the carried lines fail (a line that does not parse)", async () => {
    const dir = await fresh();
    const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byParent });
    writer.carry(async function* () {
      yield { record: { parent: 1, id: 1, title: "a" }, line: '{"parent":1,"id":1,"title":"a"}' };
      throw new Error("rows.jsonl line 2 of the previous save is not a JSON object");
    });
    await expect(writer.finish()).rejects.toThrow(/line 2 of the previous save/);
    await expect(stat(join(dir, "rows.jsonl"))).rejects.toThrow();
  });
});

/** A fresh writer given nothing but `path`'s lines, carried with `listed` as their whole file; how often they were read. */
async function carriedAlone(path: string, listed: WholeFile) {
  const dir = await fresh();
  const writer = createSortedJsonlWriter<Row>({ dir, file: "rows.jsonl", sortKey: byParent });
  let reads = 0;
  writer.carry(async function* () {
    reads += 1;
    yield* linesOf(path);
  }, listed);
  const summary = await writer.finish();
  return { out: join(dir, "rows.jsonl"), summary, reads };
}

describe("keeping a previous file whole", () => {
  it("puts the file in place unread when nothing is added, with a full save's summary", async () => {
    const previous = await written(rows(200, 4));
    const { out, summary, reads } = await carriedAlone(previous.path, await wholeOf(previous.path));
    expect((await readFile(out)).equals(previous.bytes)).toBe(true);
    expect(reads).toBe(0);
    const listed = await wholeOf(previous.path);
    expect(summary).toEqual({ file: "rows.jsonl", records: 200, bytes: listed.bytes, sha256: listed.sha256 });
  });

  it("writes a file of its own, not the link, when the previous file is a symlink with matching bytes", async () => {
    const previous = await written(rows(20, 6));
    const linked = join(await fresh(), "rows.jsonl");
    await symlink(previous.path, linked);
    const { out, reads } = await carriedAlone(linked, await wholeOf(linked));
    expect(reads).toBe(1);
    expect((await lstat(out)).isSymbolicLink()).toBe(false);
    expect((await readFile(out)).equals(previous.bytes)).toBe(true);
  });

  it("merges instead when the file no longer has its listed SHA-256, or a record was added", async () => {
    const before = rows(50, 5);
    const previous = await written(before);
    const listed = await wholeOf(previous.path);
    // Same size, other bytes: a tampered file.
    const tampered = previous.bytes.toString("utf8").replace('"alpha"', '"alphA"');
    await writeFile(previous.path, tampered);
    const { out, reads } = await carriedAlone(previous.path, listed);
    expect(reads).toBe(1);
    expect(await readFile(out, "utf8")).toBe(tampered);

    const extra = { parent: 0, id: 999, title: "new" };
    const expected = await written([...before, extra]);
    await writeFile(previous.path, expected.bytes.toString("utf8").replace(`${JSON.stringify(extra)}\n`, ""));
    const dir2 = await fresh();
    const writer2 = createSortedJsonlWriter<Row>({ dir: dir2, file: "rows.jsonl", sortKey: byParent });
    await writer2.add(extra);
    writer2.carry(() => linesOf(previous.path), await wholeOf(previous.path));
    await writer2.finish();
    expect((await readFile(join(dir2, "rows.jsonl"))).equals(expected.bytes)).toBe(true);
  });
});
