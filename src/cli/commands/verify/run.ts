// `github-data verify DIR`: 0 when the backup is intact, 1 when problems were
// found (each printed), 2 when DIR is not a finished backup at all.
import { classifyFolder } from "../../../backup/save-state.js";
import { verifyBackup } from "../../../backup/verify.js";
import { RECORD_FILES } from "../../../entities/index.js";
import { InputError } from "../../../errors.js";
import { isPythonBackup } from "../../../restore/python-format.js";
import { verifyPythonBackup } from "../../../restore/python-verify.js";
import type { CommandContext } from "../../command-context.js";
import type { VerifyCommand } from "./types.js";

/** A folder of the Python github-data tool (restore accepts those): what can be checked without a manifest. */
async function verifyPythonFolder(cfg: VerifyCommand, ctx: CommandContext): Promise<number> {
  const report = await verifyPythonBackup(cfg.dir);
  for (const problem of report.problems) ctx.logger.error(problem);
  for (const note of report.unchecked) ctx.logger.info(`not checked: ${note}`);
  const summary = report.ok
    ? `verify: ${cfg.dir} is a readable backup of the Python github-data tool (${report.files} files, ${report.records} records; structure, JSON and references between files checked)`
    : `verify: ${cfg.dir} (a backup of the Python github-data tool) has ${report.problems.length} problem(s)`;
  ctx.stdout.write(`${summary}\n`);
  return report.ok ? 0 : 1;
}

export async function verifyCommand(cfg: VerifyCommand, ctx: CommandContext): Promise<number> {
  const kind = await classifyFolder(cfg.dir);
  if (kind !== "finished-backup" && kind !== "missing" && (await isPythonBackup(cfg.dir))) {
    return verifyPythonFolder(cfg, ctx);
  }
  if (kind !== "finished-backup") {
    const why =
      kind === "unfinished-backup"
        ? "holds an unfinished save (no manifest.json yet); continue it with save --resume"
        : kind === "missing"
          ? "does not exist"
          : "is not a github-data backup (no manifest.json)";
    throw new InputError(`${cfg.dir} ${why}`);
  }
  const report = await verifyBackup(cfg.dir, RECORD_FILES);
  for (const problem of report.problems) {
    const where = [problem.file, problem.line === undefined ? undefined : `line ${problem.line}`]
      .filter(Boolean)
      .join(":");
    ctx.logger.error(where ? `${where}: ${problem.message}` : problem.message);
  }
  const summary = report.ok
    ? `verify: ${cfg.dir} is intact (${report.files} files, ${report.records} records)`
    : `verify: ${cfg.dir} has ${report.problems.length} problem(s); do not restore from it: save again, or verify another copy`;
  ctx.stdout.write(`${summary}\n`);
  return report.ok ? 0 : 1;
}
