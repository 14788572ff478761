import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/args.js";
import { digestDifferences, folderDigest } from "../../bench/folder-digest.js";
import { killPoints } from "../../bench/kill-sweep.js";

describe("the kill sweep", () => {
  it("spreads its seeded points over the run, one per tenth, the same for the same seed", () => {
    const points = killPoints(119, 10, 1);
    expect(points).toEqual(killPoints(119, 10, 1));
    expect(points).not.toEqual(killPoints(119, 10, 2));
    expect(points).toHaveLength(10);
    const span = 119 - 1 - 3;
    points.forEach((p, i) => {
      expect(p).toBeGreaterThanOrEqual(3 + Math.floor((i / 10) * span));
      expect(p).toBeLessThan(3 + Math.ceil(((i + 1) / 10) * span));
    });
  });

  it("compares folders by content, leaving out the scratch folder, the manifest and download counts", () => {
    const make = (downloads: number, extra: Record<string, string> = {}) => {
      const dir = mkdtempSync(join(tmpdir(), "kill-sweep-digest-"));
      mkdirSync(join(dir, ".github-data"));
      writeFileSync(join(dir, ".github-data", "state.json"), String(Math.random()));
      writeFileSync(join(dir, "manifest.json"), String(Math.random()));
      writeFileSync(join(dir, "releases.jsonl"), `{"id":1,"download_count":${downloads}}\n`);
      for (const [file, text] of Object.entries(extra)) writeFileSync(join(dir, file), text);
      return folderDigest(dir);
    };
    expect(digestDifferences(make(1), make(7))).toEqual([]);
    expect(digestDifferences(make(1, { "labels.jsonl": "a" }), make(1, { "labels.jsonl": "b" }))).toEqual([
      "labels.jsonl",
    ]);
    expect(digestDifferences(make(1), make(1, { "extra.jsonl": "x" }))).toEqual(["extra.jsonl"]);
  });

  it("runs by default with 10 points, and not with --quick or --kill-points 0", () => {
    expect(parseBenchArgs([]).killPoints).toBe(10);
    expect(parseBenchArgs(["--quick"]).killPoints).toBe(0);
    expect(parseBenchArgs(["--kill-points", "0"]).killPoints).toBe(0);
    expect(parseBenchArgs(["--kill-points", "4"]).killPoints).toBe(4);
  });
});
