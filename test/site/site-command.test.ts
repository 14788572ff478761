// `github-data site`: bad input is one clear line, exit 2, nothing written;
// a previous site is replaced; the output is complete and self-contained.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazyCommandHandlers } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { buildSite } from "../../src/site/build-site.js";
import { SITE_MARKER } from "../../src/site/out-folder.js";
import { memoryStream } from "../cli/helpers.js";
import { saveBackup } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "gd-site-cmd-"));
const backup = join(root, "backup");
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await saveBackup("small", backup);
}, 120_000);

async function site(...argv: string[]) {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const code = await runCli(["site", ...argv], {}, { stdout, stderr, isTTY: false }, lazyCommandHandlers);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Every entry under `dir`, recursively, as relative paths. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("github-data site", () => {
  it("writes a complete site, marked as one, and replaces it on a second run", async () => {
    const out = join(root, "site");
    const first = await site(backup, "--out", out);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^site: wrote .* \(12 issues, 12 pull requests, \d+ files\)/);
    for (const file of [
      "index.html",
      "issues/index.html",
      "pulls/index.html",
      "assets/site.js",
      "assets/minisearch.js",
      SITE_MARKER,
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const issues = readFileSync(join(backup, "issues.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { number: number });
    for (const { number } of issues) expect(existsSync(join(out, "issues", `${number}.html`))).toBe(true);
    // No page carries an inline script or refers to anything but its own files and GitHub.
    for (const file of tree(out).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(join(out, file), "utf8");
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(html).not.toMatch(/\s(src|href)="(?!https?:|mailto:)[^"]*:[^"]*"/);
    }
    const stray = join(out, "stray-from-first-run.txt");
    writeFileSync(stray, "");
    const second = await site(backup, "--out", out);
    expect(second.code).toBe(0);
    expect(existsSync(stray)).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes(".tmp-") || n.includes(".old-"))).toEqual([]);
  });

  const cases: Array<{ name: string; setup: () => { dir: string; out: string }; message: RegExp }> = [
    {
      name: "a folder that is not a backup",
      setup: () => {
        const dir = join(root, "not-a-backup");
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "notes.txt"), "hello");
        return { dir, out: join(root, "out-1") };
      },
      message: /not-a-backup is not a github-data backup \(no manifest\.json\)$/,
    },
    {
      name: "a missing folder",
      setup: () => ({ dir: join(root, "nowhere"), out: join(root, "out-2") }),
      message: /nowhere does not exist$/,
    },
    {
      name: "an unfinished save",
      setup: () => {
        const dir = join(root, "unfinished");
        mkdirSync(join(dir, ".github-data"), { recursive: true });
        writeFileSync(join(dir, ".github-data", "state.json"), "{}");
        return { dir, out: join(root, "out-3") };
      },
      message: /unfinished holds an unfinished save .*save --resume/,
    },
    {
      name: "a backup whose files no longer match the manifest",
      setup: () => {
        const dir = join(root, "tampered");
        mkdirSync(dir, { recursive: true });
        for (const f of readdirSync(backup)) {
          if (f.endsWith(".jsonl") || f === "manifest.json")
            writeFileSync(join(dir, f), readFileSync(join(backup, f)));
        }
        writeFileSync(join(dir, "labels.jsonl"), `${readFileSync(join(dir, "labels.jsonl"), "utf8")} `);
        return { dir, out: join(root, "out-4") };
      },
      message: /tampered does not verify .*run 'github-data verify/,
    },
    {
      name: "a file where --out should be",
      setup: () => {
        const out = join(root, "a-file");
        writeFileSync(out, "x");
        return { dir: backup, out };
      },
      message: /--out .*a-file is a file, not a folder$/,
    },
    {
      name: "a non-empty --out that is not a previous site",
      setup: () => {
        const out = join(root, "someone-elses");
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, "precious.txt"), "keep me");
        return { dir: backup, out };
      },
      message: /someone-elses is not empty and holds no site made by github-data/,
    },
    {
      name: "--out inside the backup folder",
      setup: () => ({ dir: backup, out: join(backup, "site") }),
      message: /overlaps the backup folder/,
    },
  ];

  it.each(cases)("refuses $name: one line, exit 2, nothing written", async ({ setup, message }) => {
    const { dir, out } = setup();
    const before = tree(root);
    const result = await site(dir, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
    expect(tree(root)).toEqual(before);
  });

  it("leaves nothing behind when interrupted", async () => {
    const out = join(root, "interrupted");
    await expect(buildSite({ dir: backup, out, signal: AbortSignal.abort() })).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("needs --out", async () => {
    const result = await site(backup);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/site: missing --out SITE/);
  });
});
