import { createHash } from "node:crypto";
import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/backup/atomic.js";
import { type Manifest, type ManifestFile, writeManifest } from "../../src/backup/manifest.js";
import { createSortedJsonlWriter, type FileSummary } from "../../src/backup/sorted-jsonl-writer.js";
import { RECORD_FILES } from "../../src/entities/index.js";
import { verifyBackup } from "../../src/index.js";
import * as f from "./fixtures.js";
import { cleanup, tempDir } from "./helpers.js";

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const assetData = Buffer.from("binary \u0000 asset data");

function recordsFor(file: string): object[] {
  switch (file) {
    case "labels.jsonl":
      return [f.label, { ...f.label, id: 102, name: "docs", default: false }];
    case "milestones.jsonl":
      return [f.milestone];
    case "issues.jsonl":
      return [f.issue(3), f.issue(1), f.issue(7), f.issue(4)];
    case "issue_comments.jsonl":
      return [f.issueComment];
    case "sub_issues.jsonl":
      return [f.crossRepoSubIssue, f.subIssue];
    case "pull_requests.jsonl":
      return [f.pullRequest];
    case "pr_comments.jsonl":
      return [f.prComment];
    case "pr_reviews.jsonl":
      return [f.prReview];
    case "pr_review_comments.jsonl":
      return [f.prReviewComment];
    case "releases.jsonl":
      return [
        f.release(9, [f.asset(501, 9, "app.tar.gz", assetData, sha(assetData))]),
        f.release(8, [f.asset(400, 8, "not-downloaded.bin", Buffer.from("zz"), null)]),
      ];
    default:
      return [];
  }
}

/** A complete, valid backup folder built with the real writers. */
async function makeBackup(dir: string): Promise<void> {
  const summaries: FileSummary[] = [];
  for (const spec of RECORD_FILES) {
    const writer = createSortedJsonlWriter<unknown>({
      dir,
      file: spec.file,
      sortKey: spec.sortKey,
      spillBytes: 300,
    });
    for (const r of recordsFor(spec.file)) await writer.add(r);
    summaries.push(await writer.finish());
  }
  const assetPath = "release-assets/9/app.tar.gz";
  const written = await writeFileAtomic(join(dir, assetPath), assetData);
  await writeManifest(dir, {
    ...f.sampleManifest(),
    jobs: RECORD_FILES.map((s) => ({
      name: s.entity,
      status: "succeeded",
      records: 1,
      started_at: "2025-05-01T10:00:00Z",
      finished_at: "2025-05-01T10:00:01Z",
      duration_ms: 1000,
      error: null,
    })),
    files: {
      ...Object.fromEntries(
        summaries.map((s) => [s.file, { records: s.records, bytes: s.bytes, sha256: s.sha256 }]),
      ),
      [assetPath]: written,
    },
  });
}

async function readManifestRaw(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;
}

async function editManifest(dir: string, edit: (m: Manifest) => void): Promise<void> {
  const m = await readManifestRaw(dir);
  edit(m);
  await writeFile(join(dir, "manifest.json"), JSON.stringify(m));
}

/** Replaces a file and updates the manifest to match, so only the content itself is wrong. */
async function replaceFile(dir: string, rel: string, content: string): Promise<void> {
  await writeFile(join(dir, rel), content);
  await editManifest(dir, (m) => {
    const entry: ManifestFile = { bytes: Buffer.byteLength(content), sha256: sha(content) };
    if (rel.endsWith(".jsonl")) entry.records = content.split("\n").length - 1;
    m.files[rel] = entry;
  });
}

async function lines(dir: string, rel: string): Promise<string[]> {
  return (await readFile(join(dir, rel), "utf8")).split("\n").slice(0, -1);
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  await makeBackup(dir);
});
afterEach(async () => {
  await cleanup(dir);
});

function messages(report: Awaited<ReturnType<typeof verifyBackup>>): string[] {
  return report.problems.map((p) => `${p.file ?? ""}${p.line ? `:${p.line}` : ""} ${p.message}`);
}

describe("verifyBackup", () => {
  it("passes a valid backup", async () => {
    const report = await verifyBackup(dir);
    expect(messages(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files).toBe(RECORD_FILES.length + 1);
    expect(report.records).toBe(RECORD_FILES.reduce((n, s) => n + recordsFor(s.file).length, 0));
  });

  it("reports a missing manifest", async () => {
    await rm(join(dir, "manifest.json"));
    const report = await verifyBackup(dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.message).toMatch(/^no manifest.json: not a finished github-data backup/);
  });

  it("reports a newer format_version", async () => {
    await editManifest(dir, (m) => {
      (m as { format_version: number }).format_version = 2;
    });
    expect(messages(await verifyBackup(dir))).toEqual([
      "manifest.json made by a newer github-data (format_version 2); upgrade to read it",
    ]);
  });

  it("reports a manifest that breaks its schema", async () => {
    await editManifest(dir, (m) => {
      m.files["../outside.txt"] = { bytes: 1, sha256: "0".repeat(64) };
    });
    const report = await verifyBackup(dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.message).toMatch(/manifest.json does not match the format/);
  });

  it("reports a checksum mismatch", async () => {
    const text = await readFile(join(dir, "labels.jsonl"), "utf8");
    await writeFile(join(dir, "labels.jsonl"), text.replace('"bug"', '"bUg"'));
    expect(messages(await verifyBackup(dir))).toEqual(["labels.jsonl sha256 differs from the manifest"]);
  });

  it("reports a record count mismatch", async () => {
    await editManifest(dir, (m) => {
      m.files["issues.jsonl"]!.records = 5;
    });
    expect(messages(await verifyBackup(dir))).toEqual([
      "issues.jsonl record count 4 differs from the manifest's 5",
    ]);
  });

  it("reports a truncated last line", async () => {
    const text = await readFile(join(dir, "issues.jsonl"), "utf8");
    const cut = text.slice(0, -20);
    await writeFile(join(dir, "issues.jsonl"), cut);
    await editManifest(dir, (m) => {
      m.files["issues.jsonl"] = { records: 3, bytes: Buffer.byteLength(cut), sha256: sha(cut) };
    });
    expect(messages(await verifyBackup(dir))).toEqual([
      "issues.jsonl:4 truncated: the last line does not end in a newline",
    ]);
  });

  it("reports an invalid JSON line", async () => {
    const all = await lines(dir, "issues.jsonl");
    all[1] = "{oops";
    await replaceFile(dir, "issues.jsonl", `${all.join("\n")}\n`);
    const report = await verifyBackup(dir);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: "issues.jsonl", line: 2 });
    expect(report.problems[0]?.message).toMatch(/^invalid JSON/);
  });

  it("reports a schema violation with its line and field", async () => {
    const all = await lines(dir, "issues.jsonl");
    const record = JSON.parse(all[2]!) as Record<string, unknown>;
    record.state = "merged";
    record.created_at = "2025-04-01 12:00:00+00:00";
    all[2] = JSON.stringify(record);
    await replaceFile(dir, "issues.jsonl", `${all.join("\n")}\n`);
    const report = await verifyBackup(dir);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: "issues.jsonl", line: 3 });
    expect(report.problems[0]?.message).toContain("does not match issues.schema.json");
    expect(report.problems[0]?.message).toContain("/state");
    expect(report.problems[0]?.message).toContain("/created_at");
  });

  it("reports an unsorted file", async () => {
    const all = await lines(dir, "issues.jsonl");
    [all[1], all[2]] = [all[2]!, all[1]!];
    await replaceFile(dir, "issues.jsonl", `${all.join("\n")}\n`);
    expect(messages(await verifyBackup(dir))).toEqual([
      "issues.jsonl:3 out of order: key [3] after [4] (line 2)",
    ]);
  });

  it("reports duplicate keys", async () => {
    const all = await lines(dir, "sub_issues.jsonl");
    const dup = JSON.parse(all[0]!) as Record<string, unknown>;
    dup.sub_issue_number = 99;
    all.splice(1, 0, JSON.stringify(dup));
    await replaceFile(dir, "sub_issues.jsonl", `${all.join("\n")}\n`);
    expect(messages(await verifyBackup(dir))).toEqual([
      "sub_issues.jsonl:2 duplicate key [3,0] (also on line 1)",
    ]);
  });

  it("reports the first few problems of a file and counts the rest", async () => {
    const bad = Array.from({ length: 12 }, () => "nope").join("\n");
    await replaceFile(dir, "labels.jsonl", `${bad}\n`);
    const report = await verifyBackup(dir);
    expect(report.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(report.problems[5]?.message).toBe("7 more problems not shown");
  });

  it("reports an asset path that leaves the folder", async () => {
    const all = await lines(dir, "releases.jsonl");
    const release = JSON.parse(all[1]!) as { assets: Array<{ path: string }> };
    release.assets[0]!.path = "../../etc/passwd";
    all[1] = JSON.stringify(release);
    await replaceFile(dir, "releases.jsonl", `${all.join("\n")}\n`);
    const report = await verifyBackup(dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ file: "releases.jsonl", line: 2 });
    expect(report.problems[0]?.message).toContain("/assets/0/path");
  });

  it("reports an asset that is a symbolic link out of the folder", async () => {
    const outside = await tempDir("gd-outside-");
    try {
      await writeFile(join(outside, "secret"), assetData);
      await rm(join(dir, "release-assets/9/app.tar.gz"));
      await symlink(join(outside, "secret"), join(dir, "release-assets/9/app.tar.gz"));
      expect(messages(await verifyBackup(dir))).toEqual([
        "release-assets/9/app.tar.gz listed in the manifest but resolves outside the backup folder (symbolic link)",
        'releases.jsonl:2 asset "release-assets/9/app.tar.gz": resolves outside the backup folder (symbolic link)',
      ]);
    } finally {
      await cleanup(outside);
    }
  });

  it("reports a missing asset file", async () => {
    await rm(join(dir, "release-assets/9/app.tar.gz"));
    expect(messages(await verifyBackup(dir))).toEqual([
      "release-assets/9/app.tar.gz listed in the manifest but missing",
      'releases.jsonl:2 asset "release-assets/9/app.tar.gz": missing',
    ]);
  });

  it("reports an asset whose content changed", async () => {
    const changed = Buffer.from(assetData);
    changed[0] = 0x42;
    await writeFile(join(dir, "release-assets/9/app.tar.gz"), changed);
    await editManifest(dir, (m) => {
      m.files["release-assets/9/app.tar.gz"] = { bytes: changed.length, sha256: sha(changed) };
    });
    expect(messages(await verifyBackup(dir))).toEqual([
      'releases.jsonl:2 asset "release-assets/9/app.tar.gz": sha256 differs from the record',
    ]);
  });

  it("reports entity files the manifest does not list", async () => {
    await editManifest(dir, (m) => {
      delete m.files["pr_reviews.jsonl"];
      delete m.files["milestones.jsonl"];
    });
    await rm(join(dir, "milestones.jsonl"));
    expect(messages(await verifyBackup(dir))).toEqual([
      "milestones.jsonl job milestones succeeded but its file is not in the manifest",
      "pr_reviews.jsonl present but not listed in the manifest",
    ]);
  });

  it("reports a listed JSONL file that no entity type declares, still checking its lines", async () => {
    await replaceFile(dir, "projects.jsonl", '{"id":1}\n{"id":2');
    expect(messages(await verifyBackup(dir))).toEqual([
      "projects.jsonl no entity type declares this file, so its records are not checked",
      "projects.jsonl:2 truncated: the last line does not end in a newline",
    ]);
  });

  it("reports a listed file that is missing", async () => {
    await rm(join(dir, "pr_comments.jsonl"));
    expect(messages(await verifyBackup(dir))).toEqual([
      "pr_comments.jsonl listed in the manifest but missing",
    ]);
  });
});
