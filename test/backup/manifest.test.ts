import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Manifest, readManifest, writeManifest } from "../../src/backup/manifest.js";
import { sampleManifest } from "./fixtures.js";
import { cleanup, listTree, tempDir } from "./helpers.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await cleanup(dir);
});

async function writeRaw(value: unknown): Promise<void> {
  await writeFile(join(dir, "manifest.json"), typeof value === "string" ? value : JSON.stringify(value));
}

describe("manifest", () => {
  it("round-trips", async () => {
    const m = sampleManifest();
    await writeManifest(dir, m);
    expect(await readManifest(dir)).toEqual(m);
    expect(await listTree(dir)).toEqual(["manifest.json"]);
  });

  it("writes files and routes in a stable order", async () => {
    const m = sampleManifest({
      files: {
        "releases.jsonl": { records: 1, bytes: 10, sha256: "a".repeat(64) },
        "labels.jsonl": { records: 0, bytes: 0, sha256: "b".repeat(64) },
        "release-assets/9/app.zip": { bytes: 5, sha256: "c".repeat(64) },
      },
    });
    await writeManifest(dir, m);
    const text = await readFile(join(dir, "manifest.json"), "utf8");
    const read = JSON.parse(text) as Manifest;
    expect(Object.keys(read.files)).toEqual(["labels.jsonl", "release-assets/9/app.zip", "releases.jsonl"]);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("never stores credentials from the API URL", async () => {
    await writeManifest(
      dir,
      sampleManifest({
        source: { owner: "o", repo: "r", api_url: "https://x:ghp_secret@ghe.example/api/v3" },
      }),
    );
    const text = await readFile(join(dir, "manifest.json"), "utf8");
    expect(text).not.toContain("ghp_secret");
    expect((await readManifest(dir)).source.api_url).toBe("https://ghe.example/api/v3");
  });

  it("refuses to write an invalid manifest", async () => {
    const bad = { ...sampleManifest(), jobs: [{ name: "x", status: "weird" }] } as unknown as Manifest;
    await expect(writeManifest(dir, bad)).rejects.toThrow(/invalid manifest/);
    expect(await listTree(dir)).toEqual([]);
  });

  it("explains a missing manifest", async () => {
    await expect(readManifest(dir)).rejects.toThrow("no manifest.json: not a finished github-data backup");
  });

  it("rejects another tool's file", async () => {
    await writeRaw({ format: "something-else", format_version: 1 });
    await expect(readManifest(dir)).rejects.toThrow('not a github-data manifest (format: "something-else")');
    await writeRaw([1, 2]);
    await expect(readManifest(dir)).rejects.toThrow("not a github-data manifest");
  });

  it("rejects a newer format_version with an upgrade hint", async () => {
    await writeRaw({ ...sampleManifest(), format_version: 2, new_field: true });
    await expect(readManifest(dir)).rejects.toThrow(
      "made by a newer github-data (format_version 2); upgrade to read it",
    );
  });

  it("rejects invalid JSON, a bad version and schema violations", async () => {
    await writeRaw("{ not json");
    await expect(readManifest(dir)).rejects.toThrow(/manifest.json is not valid JSON/);
    await writeRaw({ ...sampleManifest(), format_version: "1" });
    await expect(readManifest(dir)).rejects.toThrow(/invalid format_version: "1"/);
    await writeRaw({ ...sampleManifest(), started_at: "yesterday" });
    await expect(readManifest(dir)).rejects.toThrow(/does not match the format: \/started_at/);
    await writeRaw({ ...sampleManifest(), token: "ghp_x" });
    await expect(readManifest(dir)).rejects.toThrow(/must NOT have additional properties \(token\)/);
  });
});
