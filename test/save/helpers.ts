// What the save suites share: a save request for the fake's sample repository,
// a folder's entity files for byte-for-byte comparisons, temporary backup
// folders, a folder's manifest, and the fake repository the incremental
// suites change between saves.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { useWallClock } from "../../fake-github/store/wall-clock.js";
import type { Manifest } from "../../src/backup/manifest.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import { type SaveRepositoryRequest, SaveRepositoryUseCase } from "../../src/save/save-repository.js";

/** Every entity type by default; `entities` narrows the selection, `extra` overrides the rest. */
export function saveRequest(
  fake: FakeGitHub,
  outDir: string,
  extra: Partial<SaveRepositoryRequest> & { entities?: EntityName[] } = {},
): SaveRepositoryRequest {
  const { entities, ...rest } = extra;
  return {
    repo: { owner: "octo-org", repo: "sample" },
    outDir,
    token: fake.token,
    apiUrl: fake.url,
    selection: {
      entities: new Set<EntityName>(entities ?? ENTITY_NAMES),
      issues: { kind: "all" },
      pullRequests: { kind: "all" },
    },
    client: { schedulerOptions: { backoff: { baseMs: 1, capMs: 5 }, rateLimitResetMarginMs: 0 } },
    ...rest,
  };
}

/** Every entity file of a backup folder by name, as text. */
export function entityFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    out[name] = readFileSync(join(dir, name), "utf8");
  }
  return out;
}

/** Backup folders under fresh temporary directories, all removed by `removeAll`. */
export function backupFolders(prefix: string): {
  fresh(): string;
  track(path: string): void;
  removeAll(): void;
} {
  const roots: string[] = [];
  return {
    fresh: () => {
      const root = mkdtempSync(join(tmpdir(), prefix));
      roots.push(root);
      return join(root, "backup");
    },
    track: (path) => {
      roots.push(path);
    },
    removeAll: () => {
      for (const root of roots) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A folder's manifest. */
export function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
}

/**
 * The fake's `small` dataset on wall-clock time (so `since` and `updated_at`
 * compare as on GitHub), started before the file's tests and closed after them
 * with every folder made; `save` saves every type but the git mirror.
 */
export function incrementalFixture(
  seed: number,
  prefix: string,
): {
  readonly fake: FakeGitHub;
  readonly repo: FakeRepo;
  folders: ReturnType<typeof backupFolders>;
  save(outDir: string, extra?: Partial<SaveRepositoryRequest>): ReturnType<SaveRepositoryUseCase["execute"]>;
} {
  const entities = ENTITY_NAMES.filter((name) => name !== "git_repo");
  const folders = backupFolders(prefix);
  let started: { fake: FakeGitHub; repo: FakeRepo } | undefined;
  const now = () => {
    if (started === undefined) throw new Error("the fake is started in beforeAll");
    return started;
  };
  beforeAll(async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed });
    useWallClock(fake.store);
    started = { fake, repo: findRepo(fake.store, "octo-org", "sample") as FakeRepo };
  });
  afterAll(async () => {
    await started?.fake.close();
    folders.removeAll();
  });
  return {
    get fake() {
      return now().fake;
    },
    get repo() {
      return now().repo;
    },
    folders,
    save: (outDir, extra = {}) =>
      new SaveRepositoryUseCase().execute(saveRequest(now().fake, outDir, { entities, ...extra })),
  };
}
