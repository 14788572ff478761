// `restore --as-of TIME`: the backup folder as it was after the latest save
// of its chain that started at or before TIME, rebuilt from the history of
// the incremental saves since (src/backup/history.ts) in a scratch folder the
// restore then reads like any backup. Release asset bytes and the git mirror
// are those of the latest save: the history keeps records, not files.
import { createHash } from "node:crypto";
import { cp, link, mkdir, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { planAsOf, undoHistory } from "../backup/history.js";
import { type Manifest, readManifest, writeManifest } from "../backup/manifest.js";
import { RECORD_FILES } from "../entities/index.js";
import { InputError } from "../errors.js";
import type { Logger } from "../util/logger.js";

const HISTORY_PREFIX = "history/";

/** The folder to restore from: `dir` itself when its latest save is the one asked for. */
export async function backupAsOf(dir: string, time: string, log: Logger): Promise<string> {
  const manifest = await readManifest(dir);
  let plan: ReturnType<typeof planAsOf>;
  try {
    plan = planAsOf(manifest, time);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (plan.undo.length === 0) return dir;
  const id = createHash("sha256")
    .update(`${await realpath(dir)}\n${plan.state}`)
    .digest("hex")
    .slice(0, 16);
  const out = join(tmpdir(), `github-data-as-of-${id}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  log.info(`restoring the state of the save of ${plan.state}, rebuilt in ${out}`);

  const files: Manifest["files"] = {};
  for (const [rel, entry] of Object.entries(manifest.files)) {
    if (rel.startsWith(HISTORY_PREFIX)) continue;
    const spec = RECORD_FILES.find((f) => f.file === rel);
    const undo = plan.undo.flatMap((entry) => (entry.files[rel] ? [join(dir, entry.files[rel])] : []));
    if (spec !== undefined && undo.length > 0) {
      const summary = await undoHistory(join(dir, rel), undo, spec, join(out, rel), rel);
      files[rel] = { records: summary.records, bytes: summary.bytes, sha256: summary.sha256 };
      continue;
    }
    await mkdir(dirname(join(out, rel)), { recursive: true });
    if (rel.endsWith("/")) await cp(join(dir, rel), join(out, rel), { recursive: true });
    else await link(join(dir, rel), join(out, rel)).catch(() => cp(join(dir, rel), join(out, rel)));
    files[rel] = entry;
  }
  const { incremental: _incremental, ...rest } = manifest;
  await writeManifest(out, { ...rest, started_at: plan.state, files });
  return out;
}
