// Re-hosts the backup's attachments in the target: every saved file is
// committed to the branch github-data/attachments (branch.ts), the one branch
// a restore adds that the source did not have. Links in restored bodies are
// rewritten to those files as the bodies are created (rehost.ts). A rerun
// adds only what the branch lacks, and nothing when it holds every file.
import { failureText } from "../../restore/error-text.js";
import type { EntityRestorer, RestoreContext } from "../../restore/types.js";
import { pushAuth } from "../git_repo/restore.js";
import { checkAssetFile } from "../releases/asset-file.js";
import { type BranchFile, pushAttachmentsBranch } from "./branch.js";
import { ATTACHMENTS_FILE, type AttachmentRecord } from "./record.js";
import { ATTACHMENTS_BRANCH } from "./rehost.js";

/** The saved files, once each, checked against their sha256 and kept inside the backup folder. */
async function savedFiles(ctx: RestoreContext): Promise<{ files: BranchFile[]; bad: number }> {
  const files = new Map<string, BranchFile>();
  let bad = 0;
  for await (const record of ctx.readRecords<AttachmentRecord>(ATTACHMENTS_FILE)) {
    if (record.status !== "saved" || record.path === null || files.has(record.path)) continue;
    const checked = await checkAssetFile(ctx.backupDir, record);
    if (!checked.ok) {
      ctx.itemFailed(`attachment ${record.url}: not re-hosted, ${checked.problem}`);
      bad++;
      continue;
    }
    files.set(record.path, { path: record.path, source: checked.path });
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), bad };
}

export const attachmentsRestorer: EntityRestorer = {
  name: "attachments",
  // After the git mirror: the first branch pushed to an empty repository becomes its default.
  dependsOn: ["git_repo"],
  files: [ATTACHMENTS_FILE],
  async restore(ctx) {
    const { files, bad } = await savedFiles(ctx);
    if (files.length === 0) return { records: 0, skipped: 0, failed: bad };
    const url = ctx.targetRepo?.cloneUrl;
    // A dry run lists one action per file, so its summary counts the files.
    const plan = (files: readonly BranchFile[], action: "create" | "skip") => {
      for (const file of files)
        ctx.plan({
          entity: "attachments",
          action,
          what: `${action === "create" ? "re-host" : "already on the branch:"} ${file.path} (branch ${ATTACHMENTS_BRANCH})`,
          contentCreating: false,
        });
    };
    if (!url) {
      // A dry run for a target that does not exist yet: every file would be re-hosted.
      plan(files, "create");
      return { records: 0, skipped: 0, failed: bad };
    }
    const source = ctx.source ? `${ctx.source.owner}/${ctx.source.repo}` : "the source repository";
    let outcome: Awaited<ReturnType<typeof pushAttachmentsBranch>>;
    try {
      ctx.progress({ message: `re-hosting ${files.length} attachment file(s)`, total: files.length });
      outcome = await pushAttachmentsBranch({
        url,
        auth: pushAuth(ctx),
        files,
        sourceName: source,
        dryRun: ctx.options.dryRun,
      });
    } catch (error) {
      ctx.itemFailed(
        `attachments: the branch ${ATTACHMENTS_BRANCH} was not pushed: ${failureText(error, ctx.client.redact)}`,
      );
      return { records: 0, skipped: 0, failed: files.length + bad };
    }
    if (ctx.options.dryRun) {
      plan(outcome.missing, "create");
      plan(outcome.present, "skip");
      return { records: 0, skipped: outcome.present.length, failed: bad };
    }
    ctx.progress({ items: files.length });
    ctx.log.info(
      `${outcome.missing.length} attachment file(s) pushed to ${ATTACHMENTS_BRANCH}, ${outcome.present.length} already there`,
    );
    return { records: outcome.missing.length, skipped: outcome.present.length, failed: bad };
  },
};
