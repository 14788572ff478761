// The restore journal: appended per entry, merged per object, a torn last
// line ignored (and cut before the next append), unwritable places refused.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultJournalPath, FileJournal, JournalError, parseJournal } from "../../src/restore/journal.js";
import { removeTempDirs, tempDir } from "./support/setup.js";

afterAll(removeTempDirs);

describe("restore journal", () => {
  it("writes one line per entry and merges entries of one object", async () => {
    const path = join(tempDir(), "state", "j.jsonl");
    const journal = await FileJournal.open(path);
    await journal.record({
      kind: "issue",
      key: "101",
      originalNumber: 1,
      newId: 9001,
      newNumber: 3,
      outcome: "created",
    });
    await journal.record({ kind: "issue", key: "101", outcome: "created", finished: true });
    await journal.record({
      kind: "milestone",
      key: "5",
      originalNumber: 2,
      newNumber: 1,
      outcome: "adopted",
    });
    await journal.close();
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(3);

    const again = await FileJournal.open(path);
    expect(again.loaded).toBe(3);
    expect(again.get("issue", "101")).toMatchObject({ newId: 9001, newNumber: 3, finished: true });
    expect(again.newNumberOf(1)).toBe(3);
    expect(again.byNumber("milestone", 2)?.newNumber).toBe(1);
    expect(again.newNumberOf(2)).toBeUndefined();
    expect(again.entries("issue")).toHaveLength(1);
    await again.close();
  });

  it("ignores a torn last line and cuts it before appending", async () => {
    const path = join(tempDir(), "j.jsonl");
    writeFileSync(path, `${JSON.stringify({ kind: "label", key: "bug", outcome: "created" })}\n{"kind":"la`);
    const journal = await FileJournal.open(path);
    expect(journal.loaded).toBe(1);
    await journal.record({ kind: "label", key: "docs", outcome: "created" });
    await journal.close();
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).key)).toEqual(["bug", "docs"]);
  });

  it("refuses a damaged journal instead of guessing", () => {
    expect(() => parseJournal('garbage\n{"kind":"label","key":"a","outcome":"created"}\n')).toThrow(
      JournalError,
    );
  });

  it("names --state when the backup folder is not writable", async () => {
    const dir = tempDir();
    // A file where the journal's folder should be: unwritable even for root.
    writeFileSync(join(dir, "restore"), "");
    await expect(FileJournal.open(defaultJournalPath(dir, "https://api.github.com", 1))).rejects.toThrow(
      /--state/,
    );
    if (process.getuid?.() === 0) return; // root ignores permissions
    mkdirSync(join(dir, "ro"));
    chmodSync(join(dir, "ro"), 0o500);
    await expect(
      FileJournal.open(defaultJournalPath(join(dir, "ro"), "https://api.github.com", 1)),
    ).rejects.toThrow(/--state/);
  });

  it("keys the default journal by the API host and the target repository's id, in the state directory", () => {
    expect(defaultJournalPath("/s", "https://ghe.example:8443/api/v3", 42)).toBe(
      "/s/restore/ghe.example_8443/42.jsonl",
    );
  });
});
