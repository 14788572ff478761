// What the save suites share: a save request for the fake's sample repository,
// and a folder's entity files for byte-for-byte comparisons.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeGitHub } from "../../fake-github/index.js";
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
