// Asset names come from GitHub and are untrusted. The tricky dataset's names
// ("../escape.txt", "/etc/passwd", "CON", spaces, Unicode) plus worse ones
// added here (NUL, backslashes, device names with extensions, "..", names
// equal but for case, a 300-byte name) must each be stored under a safe name
// inside release-assets/<release id>/, never outside the backup folder, with
// the original name kept in the record and every byte intact.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAsset } from "../../fake-github/data/records.js";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeAsset } from "../../fake-github/store/types.js";
import { verifyBackup } from "../../src/index.js";
import {
  failures,
  OWNER,
  REPO,
  removeTempRoots,
  save,
  saveRequest,
  tempDir,
} from "../reliability/helpers.js";

const HOSTILE_NAMES = [
  "evil\u0000.txt",
  "..\\..\\windows\\system32.dll",
  "nul.txt",
  "COM1.tar.gz",
  "..",
  ".",
  "a/../../b.bin",
  "UPPER.bin",
  "upper.bin",
  " .hidden. ",
  "tab\there\nnewline.txt",
  `${"x".repeat(300)}.tar.gz`,
];
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

interface AssetRecord {
  id: number;
  name: string;
  path: string | null;
  sha256: string | null;
}

describe("untrusted asset names", () => {
  let fake: FakeGitHub;
  let root: string;
  let dir: string;
  let releases: Array<{ id: number; assets: AssetRecord[] }>;
  const originals = new Map<number, FakeAsset>();

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "tricky", seed: 4 });
    const repo = findRepo(fake.store, OWNER, REPO);
    const first = repo?.releases[0];
    if (!repo || !first) throw new Error("the tricky dataset has no release");
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const at = fake.store.now();
      insertAsset(fake.store, first, {
        name,
        label: null,
        content_type: "application/octet-stream",
        data: Buffer.from(`hostile asset ${i}: ${JSON.stringify(name)}`),
        download_count: 0,
        uploaderId: null,
        created_at: at,
        updated_at: at,
      });
    }
    for (const release of repo.releases) for (const asset of release.assets) originals.set(asset.id, asset);
    root = tempDir("gd-names-");
    dir = join(root, "backup");
    const result = await save(saveRequest(fake, dir));
    expect(failures(result)).toEqual([]);
    releases = readFileSync(join(dir, "releases.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: number; assets: AssetRecord[] });
  });
  afterAll(async () => {
    await fake?.close();
    removeTempRoots();
  });

  it("keeps every original name in the record", () => {
    const saved = releases.flatMap((r) => r.assets);
    expect(saved.length).toBe(originals.size);
    for (const asset of saved) expect(asset.name).toBe(originals.get(asset.id)?.name);
    expect(saved.map((a) => a.name)).toEqual(
      expect.arrayContaining([...HOSTILE_NAMES, "../escape.txt", "/etc/passwd", "CON"]),
    );
  });

  it("stores each file under a safe, unique name inside release-assets/<release id>/", () => {
    for (const release of releases) {
      const seen = new Set<string>();
      for (const asset of release.assets) {
        const path = asset.path ?? "";
        const parts = path.split("/");
        expect(parts.slice(0, 2), path).toEqual(["release-assets", String(release.id)]);
        expect(parts).toHaveLength(3);
        const name = parts[2] ?? "";
        expect(
          [...name].filter((ch) => ch === "/" || ch === "\\" || ch.charCodeAt(0) < 0x20 || ch === "\u007f"),
          path,
        ).toEqual([]);
        expect(name === "" || name === "." || name === "..", path).toBe(false);
        expect(name.startsWith("."), path).toBe(false);
        expect(RESERVED.test(name.split(".")[0] ?? ""), path).toBe(false);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
        expect(seen.has(name.toLowerCase()), `${path} is not unique`).toBe(false);
        seen.add(name.toLowerCase());
        expect(resolve(dir, path).startsWith(`${resolve(dir)}/`)).toBe(true);
      }
    }
  });

  it("writes every byte of every asset there, and nothing outside the backup folder", () => {
    for (const asset of releases.flatMap((r) => r.assets)) {
      const data = readFileSync(join(dir, asset.path ?? ""));
      const original = originals.get(asset.id)?.data ?? Buffer.alloc(0);
      expect(data.equals(original), asset.name).toBe(true);
      expect(asset.sha256).toBe(createHash("sha256").update(original).digest("hex"));
    }
    expect(readdirSync(root)).toEqual(["backup"]);
    const assetFiles = readdirSync(join(dir, "release-assets"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)));
    expect(assetFiles.sort()).toEqual(
      releases
        .flatMap((r) => r.assets.map((a) => a.path ?? ""))
        .filter(Boolean)
        .sort(),
    );
  });

  it("passes verify", async () => {
    expect((await verifyBackup(dir)).problems).toEqual([]);
  });
});
