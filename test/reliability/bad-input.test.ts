// The bad-input catalog: every way a user (or a damaged backup) can hand the
// tool something unusable, through the real command line (`runCli` with the
// real save, verify and restore handlers). Each must give one error line that
// names the problem and says what to do, the documented exit code, no stack
// trace unless LOG_LEVEL=DEBUG, and change nothing: the folder involved is
// snapshotted before and after, and the fake server's store and counters show
// no write.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addRepo,
  addToken,
  type FakeGitHub,
  type FakeKnobs,
  startFakeGitHub,
} from "../../fake-github/index.js";
import { restoreCommand } from "../../src/cli/commands/restore/run.js";
import { saveCommand } from "../../src/cli/commands/save/run.js";
import { siteCommand } from "../../src/cli/commands/site/run.js";
import { verifyCommand } from "../../src/cli/commands/verify/run.js";
import { runCli, type SignalSource } from "../../src/cli/run-cli.js";
import { storeSnapshot } from "../fake-github/data/store-snapshot.js";
import {
  failures,
  OWNER,
  REPO,
  removeTempRoots,
  save,
  saveRequest,
  snapshot,
  tempDir,
  writeRequests,
} from "./helpers.js";

/** Granted to nothing: a private repository is a 404 for it, as on GitHub. */
const NO_ACCESS_TOKEN = "ghp_reliabilityNoAccess000000000000000000";
const REVOKED_TOKEN = "ghp_reliabilityRevoked0000000000000000000";
const PRIVATE_REPO = "private-plans";

interface Ctx {
  fake: FakeGitHub;
  /** A fresh folder for this case (not created). */
  dir: string;
  /** A finished, verified backup of the fake repository (copy it before changing it). */
  good: string;
}

interface BadInput {
  name: string;
  argv(ctx: Ctx): string[];
  /** Added to a base environment holding a working token and the fake's URL. */
  env?(ctx: Ctx): Record<string, string | undefined>;
  /** Prepares the folder the command is pointed at. */
  setup?(ctx: Ctx): void;
  /** Server knobs for this case only. */
  server?: Partial<FakeKnobs>;
  code: number;
  /** The error line must match this (the problem, and what to do). */
  message: RegExp;
  /** The error comes as one ERROR log line per problem (verify), not as "error: …". */
  verifyProblem?: boolean;
  /** Problem lines verify prints (default 1). */
  problems?: number;
}

function copyGood(ctx: Ctx): void {
  cpSync(ctx.good, ctx.dir, { recursive: true });
}

function editJsonl(ctx: Ctx, file: string, edit: (text: string) => string): void {
  copyGood(ctx);
  const path = join(ctx.dir, file);
  writeFileSync(path, edit(readFileSync(path, "utf8")));
}

/**
 * Damages a file and updates the manifest's size, checksum and count to
 * match, so the damage itself is the only problem left to find.
 */
function damageConsistently(ctx: Ctx, file: string, edit: (text: string) => string): void {
  editJsonl(ctx, file, edit);
  const bytes = readFileSync(join(ctx.dir, file));
  const path = join(ctx.dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(path, "utf8")) as {
    files: Record<string, Record<string, unknown>>;
  };
  manifest.files[file] = {
    ...manifest.files[file],
    records: bytes.toString("utf8").split("\n").length - 1,
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

function editManifest(ctx: Ctx, edit: (manifest: Record<string, unknown>) => void): void {
  copyGood(ctx);
  const path = join(ctx.dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The first release record's first asset path, replaced by `path` (manifest checksum updated to match). */
function escapeAssetPath(ctx: Ctx, path: string): void {
  damageConsistently(ctx, "releases.jsonl", (text) => {
    const lines = text.split("\n");
    const record = JSON.parse(lines[0] as string) as { assets: Array<{ path: string | null }> };
    const asset = record.assets.find((a) => a.path !== null);
    if (asset) asset.path = path;
    lines[0] = JSON.stringify(record);
    return lines.join("\n");
  });
}

/** The first asset file becomes a link to a file outside the backup (same bytes, so only the link is wrong). */
function linkAssetOutside(ctx: Ctx): void {
  copyGood(ctx);
  const record = JSON.parse(
    readFileSync(join(ctx.dir, "releases.jsonl"), "utf8").split("\n")[0] as string,
  ) as {
    assets: Array<{ path: string | null }>;
  };
  const path = record.assets.find((a) => a.path !== null)?.path;
  if (!path) throw new Error("the good backup has no asset file");
  const outside = join(ctx.dir, "..", "outside.bin");
  renameSync(join(ctx.dir, path), outside);
  symlinkSync(outside, join(ctx.dir, path));
}

const save_ =
  (repo: string, ...rest: string[]) =>
  (ctx: Ctx) => ["save", repo, "--out", ctx.dir, ...rest];
const saveTo = (...rest: string[]) => save_(`${OWNER}/${REPO}`, ...rest);
const verify = (ctx: Ctx) => ["verify", ctx.dir];
const restore =
  (...rest: string[]) =>
  (ctx: Ctx) => ["restore", ctx.dir, `${OWNER}/restored`, ...rest];

const catalog: BadInput[] = [
  // OWNER/REPO
  {
    name: "OWNER/REPO without a slash",
    argv: save_("octo-org"),
    code: 2,
    message: /"octo-org" is not OWNER\/REPO \(for example/,
  },
  {
    name: "OWNER/REPO with an empty name",
    argv: save_("octo-org/"),
    code: 2,
    message: /is not OWNER\/REPO \(for example/,
  },
  {
    name: "OWNER/REPO with three parts",
    argv: save_("a/b/c"),
    code: 2,
    message: /is not OWNER\/REPO \(for example/,
  },
  {
    name: "owner starting with a hyphen",
    argv: save_("octo-/sample"),
    code: 2,
    message: /not a valid owner: use 1-39 letters/,
  },
  {
    name: "repository name with a space",
    argv: save_("octo-org/my repo"),
    code: 2,
    message: /not a valid repository name: use 1-100/,
  },
  {
    name: "GITHUB_REPO malformed",
    argv: (ctx) => ["save", "--out", ctx.dir],
    env: () => ({ GITHUB_REPO: "nope" }),
    code: 2,
    message: /GITHUB_REPO: "nope" is not OWNER\/REPO/,
  },
  // Tokens and access
  {
    name: "no token at all",
    argv: saveTo(),
    env: () => ({ GITHUB_TOKEN: undefined }),
    code: 2,
    message: /needs a GitHub token: set GITHUB_TOKEN or GH_TOKEN/,
  },
  {
    name: "an empty token",
    argv: saveTo(),
    env: () => ({ GITHUB_TOKEN: "" }),
    code: 2,
    message: /needs a GitHub token: set GITHUB_TOKEN or GH_TOKEN/,
  },
  {
    name: "a token with a space in it",
    argv: saveTo(),
    env: () => ({ GITHUB_TOKEN: "ghp_abc def" }),
    code: 2,
    message: /GITHUB_TOKEN contains spaces or control characters/,
  },
  {
    name: "a token given as a flag",
    argv: saveTo("--token", "ghp_x"),
    code: 2,
    message: /a token is never accepted as a flag.*set GITHUB_TOKEN or GH_TOKEN/,
  },
  {
    name: "a revoked token (401)",
    argv: saveTo(),
    env: () => ({ GITHUB_TOKEN: REVOKED_TOKEN }),
    code: 2,
    message: /rejected the token \(401 Bad credentials\); check GITHUB_TOKEN or GH_TOKEN/,
  },
  {
    name: "a token without access to a private repository (404)",
    argv: save_(`${OWNER}/${PRIVATE_REPO}`),
    env: () => ({ GITHUB_TOKEN: NO_ACCESS_TOKEN }),
    code: 2,
    message: /does not exist or is not visible to this token \(404\)/,
  },
  {
    name: "a token GitHub refuses for this repository (403)",
    argv: saveTo(),
    server: {
      script: [
        {
          route: "GET /repos/{owner}/{repo}",
          status: 403,
          times: 100,
          body: { message: "Resource not accessible by personal access token" },
        },
      ],
    },
    code: 2,
    message: /may not read octo-org\/sample \(403\); it needs/,
  },
  {
    name: "a repository that does not exist",
    argv: save_(`${OWNER}/no-such-repo`),
    code: 2,
    message: /repository octo-org\/no-such-repo does not exist or is not visible/,
  },
  // Selections
  {
    name: 'issues "5-1" (reversed range)',
    argv: saveTo("--issues", "5-1"),
    code: 2,
    message: /--issues: "5-1" is a reversed range; write 1-5/,
  },
  {
    name: 'issues "1-" (open range)',
    argv: saveTo("--issues", "1-"),
    code: 2,
    message: /--issues: "1-" is an open range; write both ends/,
  },
  {
    name: 'pull requests "abc"',
    argv: saveTo("--pull-requests", "abc"),
    code: 2,
    message: /--pull-requests: "abc" is not a number or a range such as 1-5/,
  },
  {
    name: 'issues "0"',
    argv: saveTo("--issues", "0"),
    code: 2,
    message: /--issues: "0" is not allowed: numbers start at 1/,
  },
  {
    name: 'INCLUDE_ISSUES "abc"',
    argv: saveTo(),
    env: () => ({ INCLUDE_ISSUES: "abc" }),
    code: 2,
    message: /INCLUDE_ISSUES/,
  },
  // Entities, strategies, booleans, other settings
  {
    name: "an unknown entity in --include",
    argv: saveTo("--include", "labels,widgets"),
    code: 2,
    message: /widgets/,
  },
  { name: "an unknown entity in --exclude", argv: saveTo("--exclude", "isues"), code: 2, message: /isues/ },
  {
    name: 'boolean "maybe" (INCLUDE_LABELS)',
    argv: saveTo(),
    env: () => ({ INCLUDE_LABELS: "maybe" }),
    code: 2,
    message: /INCLUDE_LABELS is "maybe", which is not a boolean; use one of true/,
  },
  {
    name: 'boolean "maybe" (CREATE_REPOSITORY_IF_MISSING)',
    argv: restore(),
    setup: copyGood,
    env: () => ({ CREATE_REPOSITORY_IF_MISSING: "maybe" }),
    code: 2,
    message: /CREATE_REPOSITORY_IF_MISSING is "maybe", which is not a boolean/,
  },
  {
    name: "an unknown label conflict strategy",
    argv: restore("--label-conflict", "merge-ish"),
    setup: copyGood,
    code: 2,
    message: /--label-conflict: "merge-ish" is not one of/,
  },
  {
    name: "LABEL_CONFLICT_STRATEGY unknown",
    argv: restore(),
    setup: copyGood,
    env: () => ({ LABEL_CONFLICT_STRATEGY: "yolo" }),
    code: 2,
    message: /LABEL_CONFLICT_STRATEGY: "yolo" is not one of/,
  },
  {
    name: "an unknown visibility",
    argv: restore("--visibility", "secret"),
    setup: copyGood,
    code: 2,
    message: /--visibility: "secret" is not one of public, private/,
  },
  {
    name: "concurrency 0",
    argv: saveTo("--concurrency", "0"),
    code: 2,
    message: /--concurrency: "0" is not a whole number from 1 to/,
  },
  {
    name: "an API URL that is not a URL",
    argv: saveTo("--api-url", "not a url"),
    code: 2,
    message: /--api-url/,
  },
  {
    name: "LOG_LEVEL unknown",
    argv: saveTo(),
    env: () => ({ LOG_LEVEL: "loud" }),
    code: 2,
    message: /LOG_LEVEL: "loud" is not one of DEBUG, INFO, WARNING, ERROR/,
  },
  {
    name: "an unknown command",
    argv: () => ["sav", "octo-org/sample"],
    code: 2,
    message: /unknown command "sav"; use save, restore, verify or site \(did you mean save\?\)/,
  },
  {
    name: "an unknown flag",
    argv: saveTo("--fast"),
    code: 2,
    message: /unknown option '--fast'.*see 'github-data save --help'/,
  },
  // The output folder of a save
  {
    name: "save into a file",
    argv: saveTo(),
    setup: (ctx) => writeFileSync(ctx.dir, "not a folder\n"),
    code: 2,
    message: /is a file, not a folder; choose a folder with --out/,
  },
  {
    name: "save into a foreign folder",
    argv: saveTo(),
    setup: (ctx) => {
      mkdirSync(ctx.dir);
      writeFileSync(join(ctx.dir, "notes.txt"), "mine\n");
    },
    code: 2,
    message: /holds files that are not a github-data backup; choose an empty or new folder/,
  },
  {
    name: "save into a finished backup",
    argv: saveTo(),
    setup: copyGood,
    code: 2,
    message: /already holds a finished backup; choose a new folder/,
  },
  {
    name: "save into an unfinished save without --resume",
    argv: saveTo(),
    setup: (ctx) => {
      mkdirSync(join(ctx.dir, ".github-data"), { recursive: true });
      writeFileSync(
        join(ctx.dir, ".github-data", "state.json"),
        JSON.stringify({
          format: "github-data-save-state",
          started_at: "2026-01-01T00:00:00.000Z",
          source: { owner: OWNER, repo: REPO, api_url: "http://x" },
          selection: { include: ["labels"], issues: "all", pull_requests: "all" },
          jobs: {},
        }),
      );
    },
    code: 2,
    message: /holds an unfinished save; rerun with --resume to continue it, or choose another folder/,
  },
  {
    name: "resume an unfinished save with another selection",
    argv: saveTo("--resume"),
    setup: (ctx) => {
      mkdirSync(join(ctx.dir, ".github-data"), { recursive: true });
      writeFileSync(
        join(ctx.dir, ".github-data", "state.json"),
        JSON.stringify({
          format: "github-data-save-state",
          started_at: "2026-01-01T00:00:00.000Z",
          source: { owner: OWNER, repo: REPO, api_url: "http://x" },
          selection: { include: ["labels"], issues: "all", pull_requests: "all" },
          jobs: {},
        }),
      );
    },
    code: 2,
    message: /used another selection .*; resume it with the same options/,
  },
  // Damaged backups, through verify (1: problems found; 2: not a backup at all)...
  {
    name: "verify: a folder without manifest.json",
    argv: verify,
    setup: (ctx) => {
      copyGood(ctx);
      writeFileSync(join(ctx.dir, "manifest.json"), "");
    },
    code: 2,
    message: /is not a github-data backup \(no manifest\.json\)/,
  },
  { name: "verify: a missing folder", argv: verify, code: 2, message: /does not exist/ },
  {
    name: "verify: a file instead of a folder",
    argv: verify,
    setup: (ctx) => writeFileSync(ctx.dir, "x\n"),
    code: 2,
    message: /is not a github-data backup/,
  },
  {
    name: "verify: a truncated JSONL line",
    argv: verify,
    setup: (ctx) => damageConsistently(ctx, "labels.jsonl", (t) => t.slice(0, -10)),
    code: 1,
    verifyProblem: true,
    message: /labels\.jsonl:line \d+: truncated: the last line does not end in a newline/,
  },
  {
    name: "verify: a corrupted JSONL line",
    argv: verify,
    setup: (ctx) => damageConsistently(ctx, "milestones.jsonl", (t) => t.replace(/^\{/, "{{")),
    code: 1,
    verifyProblem: true,
    message: /milestones\.jsonl:line 1: invalid JSON/,
  },
  {
    name: "verify: a checksum mismatch",
    argv: verify,
    setup: (ctx) => editJsonl(ctx, "labels.jsonl", (t) => t.replace(/"color":"(.)/, '"color":"0')),
    code: 1,
    verifyProblem: true,
    message: /labels\.jsonl: sha256 differs from the manifest/,
  },
  {
    name: "verify: a newer format_version",
    argv: verify,
    setup: (ctx) =>
      editManifest(ctx, (m) => {
        m.format_version = 2;
      }),
    code: 1,
    verifyProblem: true,
    message: /manifest\.json: .*format_version 2/,
  },
  {
    name: "verify: an asset path escaping the folder",
    argv: verify,
    setup: (ctx) => escapeAssetPath(ctx, "../../etc/passwd"),
    code: 1,
    verifyProblem: true,
    message: /releases\.jsonl:line 1: .*\/assets\/0\/path: must match pattern "\^release-assets/,
  },
  // ...and through restore, which refuses before it writes anything (2).
  {
    name: "restore: a folder without manifest.json",
    argv: restore(),
    setup: (ctx) => {
      mkdirSync(ctx.dir);
      writeFileSync(join(ctx.dir, "labels.jsonl"), "");
    },
    code: 2,
    message: /holds no manifest\.json: the save did not finish \(continue it with save --resume\)/,
  },
  {
    name: "restore: a file instead of a folder",
    argv: restore(),
    setup: (ctx) => writeFileSync(ctx.dir, "x\n"),
    code: 2,
    message: /is not a folder/,
  },
  {
    name: "restore: a truncated JSONL line",
    argv: restore(),
    setup: (ctx) => damageConsistently(ctx, "labels.jsonl", (t) => t.slice(0, -10)),
    code: 2,
    message: /does not verify: labels\.jsonl:\d+: truncated.*run "github-data verify/,
  },
  {
    name: "restore: a corrupted JSONL line",
    argv: restore(),
    setup: (ctx) => damageConsistently(ctx, "milestones.jsonl", (t) => t.replace(/^\{/, "{{")),
    code: 2,
    message: /does not verify: milestones\.jsonl:1: invalid JSON.*run "github-data verify/,
  },
  {
    name: "restore: a checksum mismatch",
    argv: restore(),
    setup: (ctx) => editJsonl(ctx, "labels.jsonl", (t) => t.replace(/"color":"(.)/, '"color":"0')),
    code: 2,
    message: /does not verify: labels\.jsonl: sha256 differs from the manifest/,
  },
  {
    name: "restore: a newer format_version",
    argv: restore(),
    setup: (ctx) =>
      editManifest(ctx, (m) => {
        m.format_version = 2;
      }),
    code: 2,
    message: /does not verify: manifest\.json: .*format_version 2/,
  },
  {
    name: "restore: an asset path escaping the folder",
    argv: restore(),
    setup: (ctx) => escapeAssetPath(ctx, "/etc/passwd"),
    code: 2,
    message:
      /does not verify: releases\.jsonl:1: .*\/assets\/0\/path: must match pattern "\^release-assets.*run "github-data verify/,
  },
  {
    name: "verify: an asset file that is a symbolic link out of the folder",
    argv: verify,
    setup: linkAssetOutside,
    code: 1,
    verifyProblem: true,
    // Both the manifest's file list and the release record name the file.
    problems: 2,
    message:
      /release-assets\/\d+\/[^:]+: listed in the manifest but resolves outside the backup folder \(symbolic link\)/,
  },
  {
    name: "restore: an asset file that is a symbolic link out of the folder",
    argv: restore(),
    setup: linkAssetOutside,
    code: 2,
    message:
      /does not verify: release-assets\/\d+\/[^:]+: listed in the manifest but resolves outside the backup folder \(symbolic link\).*run "github-data verify/,
  },
];

class CapturedStream {
  text = "";
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

const noSignals: SignalSource = { on: () => undefined, off: () => undefined };

async function runCommand(argv: string[], env: Record<string, string | undefined>) {
  const stdout = new CapturedStream();
  const stderr = new CapturedStream();
  const code = await runCli(
    argv,
    env,
    { stdout, stderr, isTTY: false, signals: noSignals, exit: () => undefined },
    { save: saveCommand, restore: restoreCommand, verify: verifyCommand, site: siteCommand },
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("the bad-input catalog", () => {
  let fake: FakeGitHub;
  let good: string;
  const baseEnvFor = (fake: FakeGitHub) => ({
    GITHUB_TOKEN: fake.token,
    GITHUB_API_URL: fake.url,
    NO_COLOR: "1",
  });

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 21 });
    const admin = fake.dataset?.tokenUser.id ?? 0;
    addRepo(fake.store, OWNER, PRIVATE_REPO, { private: true });
    addToken(fake.store, NO_ACCESS_TOKEN, { userId: admin, read: [], write: [] });
    good = join(tempDir(), "good");
    const result = await save(saveRequest(fake, good));
    expect(failures(result)).toEqual([]);
  });
  afterAll(async () => {
    await fake?.close();
    removeTempRoots();
  });

  it("has at least 30 cases", () => {
    expect(catalog.length).toBeGreaterThanOrEqual(30);
  });

  it.each(catalog.map((c) => [c.name, c] as const))("%s", async (_name, bad) => {
    const ctx: Ctx = { fake, dir: join(tempDir(), "target"), good };
    bad.setup?.(ctx);
    const env = { ...baseEnvFor(fake), ...bad.env?.(ctx) };
    if (bad.server) fake.configure(bad.server);
    const before = snapshot(ctx.dir);
    const store = storeSnapshot(fake.store);
    fake.resetStats();
    let result: Awaited<ReturnType<typeof runCommand>>;
    try {
      result = await runCommand(bad.argv(ctx), env);
    } finally {
      fake.configure({ script: [] });
    }

    expect(result.code, result.stderr).toBe(bad.code);
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
    const errors = bad.verifyProblem
      ? lines.filter((line) => / ERROR /.test(line))
      : lines.filter((line) => line.startsWith("error: "));
    expect(errors, result.stderr).toHaveLength(bad.problems ?? 1);
    expect(errors[0]).toMatch(bad.message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Nothing changed on disk or on the server.
    expect(snapshot(ctx.dir)).toEqual(before);
    expect(writeRequests(fake)).toEqual([]);
    expect(storeSnapshot(fake.store)).toBe(store);
  });

  it("prints the stack trace only with LOG_LEVEL=DEBUG", async () => {
    const dir = join(tempDir(), "file");
    writeFileSync(dir, "x\n");
    const argv = ["save", `${OWNER}/${REPO}`, "--out", dir];
    const plain = await runCommand(argv, baseEnvFor(fake));
    const debug = await runCommand(argv, { ...baseEnvFor(fake), LOG_LEVEL: "DEBUG" });
    expect(plain.code).toBe(2);
    expect(debug.code).toBe(2);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
