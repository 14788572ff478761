// What the save suites share: a save request for the fake's sample repository,
// a folder's entity files for byte-for-byte comparisons, temporary backup
// folders and a folder's manifest.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeGitHub } from "../../fake-github/index.js";
import type { Manifest } from "../../src/backup/manifest.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import type { SaveRepositoryRequest } from "../../src/save/save-repository.js";

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
