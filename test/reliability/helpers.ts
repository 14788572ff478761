// Shared pieces of the reliability suite: the save request every case uses,
// a fault-free reference to compare with, and the byte-level comparison.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { FakeGitHub } from "../../fake-github/index.js";
import { GIT_REPO_DIR, WIKI_REPO_DIR } from "../../src/backup/git-mirror.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import {
  type SaveRepositoryRequest,
  type SaveRepositoryResult,
  SaveRepositoryUseCase,
} from "../../src/save/save-repository.js";

export const OWNER = "octo-org";
export const REPO = "sample";

/** Every job but those of git traffic (the mirror, the wiki, LFS: not API requests; they have their own cases). */
const GIT_ENTITIES: ReadonlySet<EntityName> = new Set(["git_repo", "wiki", "lfs_objects"]);
export const API_ENTITIES: ReadonlySet<EntityName> = new Set(
  ENTITY_NAMES.filter((n) => !GIT_ENTITIES.has(n)),
);

/** Retries without real waiting: a 1–5 ms backoff, no margin past a rate-limit reset. */
export const FAST_CLIENT: NonNullable<SaveRepositoryRequest["client"]> = {
  schedulerOptions: {
    backoff: { baseMs: 1, capMs: 5 },
    rateLimitResetMarginMs: 0,
    secondaryFallbackMs: 50,
    rateLimitFallbackMs: 50,
  },
};

/** Temporary folders, removed by `removeTempRoots` in afterAll. */
const roots: string[] = [];
export function tempDir(prefix = "gd-rel-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}
export function removeTempRoots(): void {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export type SaveRequestExtra = Partial<SaveRepositoryRequest>;

export function saveRequest(
  fake: FakeGitHub,
  outDir: string,
  extra: SaveRequestExtra = {},
): SaveRepositoryRequest {
  return {
    repo: { owner: OWNER, repo: REPO },
    outDir,
    token: fake.token,
    apiUrl: fake.url,
    selection: { entities: API_ENTITIES, issues: { kind: "all" }, pullRequests: { kind: "all" } },
    client: FAST_CLIENT,
    ...extra,
  };
}

export function save(request: SaveRepositoryRequest): Promise<SaveRepositoryResult> {
  return new SaveRepositoryUseCase().execute(request);
}

/** Jobs that did not succeed, as "name: error" (an empty list reads well in a failed expectation). */
export function failures(result: SaveRepositoryResult): string[] {
  return result.results
    .filter((r) => r.status !== "succeeded")
    .map((r) => `${r.name}: ${r.status} ${r.error ?? ""}`);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/**
 * The bytes of every entity file and release asset, keyed by path. Release
 * records carry `download_count`, which the fake server (like GitHub) raises
 * with every download — our own saves included — so it is zeroed; every
 * other byte must match.
 */
export function backupContent(dir: string): Record<string, string> {
  const all = walk(dir).map((path) => relative(dir, path));
  // Which files exist at all (stray temporary files included), each git mirror as one entry: its
  // refs (a mirror brought up to date holds a fresh clone's refs and objects, packed under other names).
  const out: Record<string, string> = {
    "(files)": all
      .filter((rel) => !rel.startsWith(`${GIT_REPO_DIR}/`) && !rel.startsWith(`${WIKI_REPO_DIR}/`))
      .sort()
      .join("\n"),
  };
  const files = all.filter((rel) => rel.endsWith(".jsonl") || rel.startsWith("release-assets/")).sort();
  for (const rel of files) {
    const text = readFileSync(join(dir, rel), rel.endsWith(".jsonl") ? "utf8" : "latin1");
    out[rel] = rel === "releases.jsonl" ? text.replace(/"download_count":\d+/g, '"download_count":0') : text;
  }
  for (const [key, mirror] of [
    ["(git refs)", GIT_REPO_DIR],
    ["(wiki refs)", WIKI_REPO_DIR],
  ] as const) {
    if (!existsSync(join(dir, mirror))) continue;
    out[key] = execFileSync("git", ["for-each-ref", "--format=%(refname) %(objectname)"], {
      cwd: join(dir, mirror),
      encoding: "utf8",
    });
  }
  return out;
}

/** Every file under `dir` (relative paths), for "nothing changed on disk" checks. */
export function listFiles(dir: string): string[] {
  try {
    return walk(dir)
      .map((p) => relative(dir, p))
      .sort();
  } catch {
    return [];
  }
}

/** Path → content of every file, for snapshots of a folder that must not change. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of listFiles(dir)) out[rel] = readFileSync(join(dir, rel), "latin1");
  return out;
}

/** A final-name JSONL file is whole: every line ends with "\n" and parses. */
export function assertWholeJsonl(dir: string): string[] {
  const problems: string[] = [];
  for (const rel of listFiles(dir).filter((f) => f.endsWith(".jsonl") && !f.includes(".tmp"))) {
    const text = readFileSync(join(dir, rel), "utf8");
    if (text !== "" && !text.endsWith("\n")) problems.push(`${rel}: last line cut off`);
    for (const [i, line] of text.split("\n").slice(0, -1).entries()) {
      try {
        JSON.parse(line);
      } catch {
        problems.push(`${rel}:${i + 1}: not JSON`);
      }
    }
  }
  return problems;
}

/** Requests that could change a repository (the fake's counters, by route). */
export function writeRequests(fake: FakeGitHub): string[] {
  return Object.keys(fake.stats.byRoute).filter(
    (route) => !route.startsWith("GET ") && route !== "POST /graphql" && !route.includes("git-upload-pack"),
  );
}
