import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  classifyFolder,
  readSaveState,
  removeSaveState,
  type SaveState,
  saveStatePath,
  updateSaveState,
  writeSaveState,
} from "../../src/backup/save-state.js";
import { cleanup, listTree, tempDir } from "./helpers.js";

function initial(): SaveState {
  return {
    format: "github-data-save-state",
    started_at: "2025-05-01T10:00:00Z",
    source: { owner: "o", repo: "r", api_url: "https://api.github.com" },
    selection: { include: ["labels"], issues: "all", pull_requests: "all" },
    jobs: {},
  };
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await cleanup(dir);
});

describe("save state", () => {
  it("is absent until written, then round-trips", async () => {
    expect(await readSaveState(dir)).toBeNull();
    await writeSaveState(dir, initial());
    expect(await readSaveState(dir)).toEqual(initial());
    expect(await listTree(dir)).toEqual([".github-data", ".github-data/state.json"]);
  });

  it("loses no update when many callers update at once", async () => {
    await writeSaveState(dir, initial());
    const names = Array.from({ length: 40 }, (_, i) => `job${i}`);
    await Promise.all(
      names.map((name, i) =>
        updateSaveState(dir, async (state) => {
          // Yield mid-update: a lost-update bug would show here.
          await Promise.resolve();
          state.jobs[name] = { status: "running", cursor: { page: i } };
        }),
      ),
    );
    await Promise.all(
      names.map((name) =>
        updateSaveState(dir, (state) => ({
          ...state,
          jobs: {
            ...state.jobs,
            [name]: {
              status: "complete",
              files: [{ file: `${name}.jsonl`, records: 1, bytes: 2, sha256: "0".repeat(64) }],
            },
          },
        })),
      ),
    );
    const state = await readSaveState(dir);
    expect(Object.keys(state!.jobs).sort()).toEqual([...names].sort());
    expect(Object.values(state!.jobs).every((j) => j.status === "complete")).toBe(true);
  });

  it("the first update starts from an empty state, which it must complete", async () => {
    await expect(updateSaveState(dir, () => {})).rejects.toThrow(/not a valid save state: \/source\/owner/);
    expect(await listTree(dir)).toEqual([]);
    const created = await updateSaveState(dir, (state) => {
      state.source = { owner: "o", repo: "r", api_url: "https://api.github.com" };
      state.selection = initial().selection;
    });
    expect({ ...created, started_at: "x" }).toEqual({ ...initial(), started_at: "x" });
    expect(await readSaveState(dir)).toEqual(created);
  });

  it("a failed mutate does not block later updates", async () => {
    await writeSaveState(dir, initial());
    await expect(
      updateSaveState(dir, () => {
        throw new Error("mutate failed");
      }),
    ).rejects.toThrow("mutate failed");
    const next = await updateSaveState(dir, (s) => {
      s.jobs.labels = { status: "failed" };
    });
    expect(next.jobs.labels?.status).toBe("failed");
  });

  it("a mutate that throws among concurrent updates fails only its own call", async () => {
    await writeSaveState(dir, initial());
    const results = await Promise.allSettled([
      updateSaveState(dir, (s) => {
        s.jobs.labels = { status: "running" };
      }),
      updateSaveState(dir, () => {
        throw new Error("mutate failed");
      }),
      updateSaveState(dir, (s) => {
        s.jobs.issues = { status: "running" };
      }),
      updateSaveState(dir, (s) => {
        s.jobs.releases = { status: "running" };
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const state = await readSaveState(dir);
    expect(Object.keys(state!.jobs).sort()).toEqual(["issues", "labels", "releases"]);
  });

  it("refuses to write an invalid state", async () => {
    await writeSaveState(dir, initial());
    await expect(
      updateSaveState(dir, (s) => {
        (s.jobs as Record<string, unknown>).x = { status: "paused" };
      }),
    ).rejects.toThrow(/not a valid save state/);
    expect(await readSaveState(dir)).toEqual(initial());
  });

  it("reports a corrupt state file", async () => {
    await mkdir(join(dir, ".github-data"));
    await writeFile(saveStatePath(dir), "{");
    await expect(readSaveState(dir)).rejects.toThrow(/not valid JSON/);
  });

  it("removeSaveState deletes the folder", async () => {
    await writeSaveState(dir, initial());
    await removeSaveState(dir);
    expect(await listTree(dir)).toEqual([]);
  });
});

describe("classifyFolder", () => {
  it("missing, empty, not a directory", async () => {
    expect(await classifyFolder(join(dir, "nope"))).toBe("missing");
    expect(await classifyFolder(dir)).toBe("empty");
    await writeFile(join(dir, "file"), "x");
    expect(await classifyFolder(join(dir, "file"))).toBe("not-a-directory");
    expect(await classifyFolder(join(dir, "file", "below"))).toBe("not-a-directory");
  });

  it("a folder with our manifest is a finished backup", async () => {
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ format: "github-data", format_version: 1 }));
    await writeSaveState(dir, initial());
    expect(await classifyFolder(dir)).toBe("finished-backup");
  });

  it("a folder with the state file and no manifest is unfinished", async () => {
    await writeSaveState(dir, initial());
    await writeFile(join(dir, "labels.jsonl"), "");
    expect(await classifyFolder(dir)).toBe("unfinished-backup");
  });

  it("only our own scratch folders, without a state file, count as empty", async () => {
    await mkdir(join(dir, ".github-data"));
    await writeFile(join(dir, ".github-data", "state.json.tmp-0123456789ab"), "{");
    await mkdir(join(dir, ".tmp"));
    expect(await classifyFolder(dir)).toBe("empty");
  });

  it("anything else is foreign", async () => {
    await writeFile(join(dir, "notes.txt"), "mine");
    expect(await classifyFolder(dir)).toBe("foreign");
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ format: "other" }));
    expect(await classifyFolder(dir)).toBe("foreign");
  });

  it("a Python github-data folder (bare JSON arrays, no manifest) is foreign", async () => {
    await writeFile(join(dir, "issues.json"), "[]");
    expect(await classifyFolder(dir)).toBe("foreign");
  });
});
