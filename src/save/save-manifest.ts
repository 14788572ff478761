// The save's last steps: the manifest, written once every job has ended,
// then the folder tidied.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { type Manifest, writeManifest } from "../backup/manifest.js";
import { STATE_DIR } from "../backup/save-state.js";
import { SCRATCH_DIR } from "../backup/sorted-jsonl-writer.js";
import type { SaveSelection } from "../entities/types.js";
import type { RepoRef, RepositoryInfo } from "../github/repository.js";
import type { RequestStats } from "../github/stats.js";
import type { RunResult } from "../orchestrator/types.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { writeOrExplain } from "./disk-errors.js";
import { selectionRecord } from "./output-folder.js";
import type { ResponseJournal } from "./response-journal.js";
import type { SaveJobOutput } from "./save-jobs.js";
import type { OperationResult } from "./save-results.js";

export interface ManifestFacts {
  repo: RepoRef;
  selection: SaveSelection;
  apiUrl: string;
  repository: RepositoryInfo;
  /** When the save began (a resumed save's first run). */
  startedAt: string;
  run: RunResult<SaveJobOutput>;
  results: readonly OperationResult[];
  stats: RequestStats;
  redact: (text: string) => string;
}

export function buildManifest(facts: ManifestFacts): Manifest {
  const files: Manifest["files"] = {};
  for (const r of facts.run.results) {
    for (const f of r.output?.files ?? [])
      files[f.file] = { records: f.records, bytes: f.bytes, sha256: f.sha256 };
  }
  const repository = facts.repository;
  return {
    format: "github-data",
    format_version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    source: {
      owner: facts.repo.owner,
      repo: facts.repo.repo,
      api_url: facts.apiUrl,
      full_name: repository.fullName,
      default_branch: repository.defaultBranch,
      private: repository.private,
    },
    started_at: facts.startedAt,
    finished_at: new Date().toISOString(),
    selection: selectionRecord(facts.selection),
    jobs: facts.results.map((r) => ({
      name: r.name,
      status: r.status === "succeeded" ? "succeeded" : r.status === "failed" ? "failed" : "skipped",
      records: r.records,
      started_at: r.startedAt?.toISOString() ?? null,
      finished_at: r.finishedAt?.toISOString() ?? null,
      duration_ms: r.durationMs,
      error: r.error === null ? null : facts.redact(r.error),
    })),
    files,
    requests: { total: facts.stats.requests, by_route: facts.stats.byRoute },
  };
}

/**
 * Writes the manifest, then removes the scratch files and the journal, and
 * the save state too when every job succeeded.
 */
export async function finishFolder(
  outDir: string,
  manifest: Manifest,
  journal: ResponseJournal,
  everyJobSucceeded: boolean,
): Promise<void> {
  await writeOrExplain(
    join(outDir, "manifest.json"),
    "the save is unfinished: fix the folder, then continue it with --resume",
    () => writeManifest(outDir, manifest),
  );
  await rm(join(outDir, SCRATCH_DIR), { recursive: true, force: true });
  await journal.discard();
  if (everyJobSucceeded) await rm(join(outDir, STATE_DIR), { recursive: true, force: true });
}
