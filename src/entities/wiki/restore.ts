// Pushes the backup's wiki (wiki-repo/) to the target's wiki repository, the
// way git_repo pushes the code: out of a scratch view of the mirror, with the
// token in an environment-provided header, never forced over real work.
//
// GitHub creates a wiki's repository only when its first page is made in the
// web interface; until then the wiki's git URL answers "not found" and nothing
// can be pushed. The job then says exactly what to do and the rest of the
// restore goes on. That first page is a lone commit with one file on master:
// a branch holding just that is replaced by the backup's (forced), while a
// branch with any other history is reported and left alone.
import { WIKI_REPO_DIR } from "../../backup/git-mirror.js";
import { failureText } from "../../restore/error-text.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { GitError } from "../../util/git.js";
import { hasMirror, type Mirror, withMirror } from "../git_repo/mirror.js";
import { describeRefs, planPush, pushAuth } from "../git_repo/restore.js";
import { isNotFound, wikiUrlOf } from "./url.js";

export const WIKI_PUSH_KEY = "wiki-repo";
const NONE: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };

/** What the user must do before the wiki can be pushed. */
export function createWikiInstruction(htmlUrl: string): string {
  return (
    `the target's wiki does not exist yet, and GitHub creates it only from the web interface. ` +
    `Open ${htmlUrl}/wiki, click "Create the first page" and save it (any content: the restore replaces it), ` +
    `then run this restore command again: it continues where it stopped and pushes the wiki.`
  );
}

/** Whether the target's `ref` (at `sha`) is only the first page GitHub made: one root commit with one file. */
async function isFirstPageOnly(
  mirror: Mirror,
  url: string,
  ref: string,
  ctx: RestoreContext,
): Promise<boolean> {
  const local = `refs/github-data/target/${ref.slice("refs/".length)}`;
  try {
    const auth = pushAuth(ctx);
    await mirror.git(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", url, `+${ref}:${local}`], {
      authHeader: auth.authHeader,
      redact: auth.redact,
    });
    const commits = await mirror.git(["rev-list", "--count", local]);
    const files = await mirror.git(["ls-tree", "-r", "--name-only", local]);
    return commits.trim() === "1" && files.split("\n").filter(Boolean).length === 1;
  } catch {
    return false;
  }
}

async function restoreWiki(ctx: RestoreContext, mirror: Mirror): Promise<EntityRestoreResult> {
  const local = await mirror.refs();
  if (local.size === 0) {
    ctx.warn("the backup's wiki mirror holds no branches; nothing to push");
    return NONE;
  }
  if (ctx.journal.get("wiki_push", WIKI_PUSH_KEY)?.outcome === "done") {
    ctx.log.info("wiki already pushed by an earlier run (journal)");
    return { records: 0, skipped: local.size, failed: 0 };
  }
  const target = ctx.targetRepo;
  if (!target) {
    const all = [...local].map(([ref, sha]) => ({ ref, sha }));
    ctx.plan({
      entity: "wiki",
      action: "create",
      what: `push the wiki's ${describeRefs(all)} (once its first page is created on the web)`,
      contentCreating: false,
    });
    return NONE;
  }
  const url = wikiUrlOf(target.cloneUrl);
  const auth = pushAuth(ctx);
  let remote: Map<string, string>;
  try {
    remote = await mirror.remoteRefs(url, auth);
  } catch (error) {
    if (!(error instanceof GitError) || !isNotFound(error.message)) throw error;
    const instruction = createWikiInstruction(target.htmlUrl);
    if (ctx.options.dryRun) {
      ctx.plan({ entity: "wiki", action: "skip", what: instruction, contentCreating: false });
      return NONE;
    }
    ctx.itemFailed(instruction);
    return { records: 0, skipped: 0, failed: 1 };
  }
  const plan = await planPush(mirror, local, remote);
  const conflicts: string[] = [];
  const updates: Array<{ ref: string; sha: string; force?: boolean }> = [...plan.updates];
  let replaced = 0;
  for (const conflict of plan.conflicts) {
    const { ref, sha } = conflict;
    if (ref.startsWith("refs/heads/") && (await isFirstPageOnly(mirror, url, ref, ctx))) {
      updates.push({ ref, sha, force: true });
      replaced++;
    } else conflicts.push(conflict.text);
  }
  for (const conflict of conflicts) ctx.itemFailed(`not pushed, ${conflict} (not overwritten)`);
  const replacing = replaced > 0 ? ` (replacing the first page made on the web in ${replaced})` : "";
  if (ctx.options.dryRun) {
    if (updates.length > 0)
      ctx.plan({
        entity: "wiki",
        action: "create",
        what: `push the wiki's ${describeRefs(updates)}${replacing}`,
        contentCreating: false,
      });
    if (plan.upToDate > 0)
      ctx.plan({
        entity: "wiki",
        action: "skip",
        what: `${plan.upToDate} wiki ref(s) already in the target`,
        contentCreating: false,
      });
    return { records: 0, skipped: plan.upToDate, failed: conflicts.length };
  }
  if (updates.length > 0) {
    ctx.progress({
      message: `pushing the wiki's ${describeRefs(updates)}${replacing}`,
      total: updates.length,
    });
    try {
      await mirror.push(url, updates, auth);
    } catch (error) {
      ctx.itemFailed(`push failed: ${failureText(error, ctx.client.redact)}`);
      return { records: 0, skipped: plan.upToDate, failed: conflicts.length + updates.length };
    }
    ctx.progress({ items: updates.length });
  }
  if (conflicts.length === 0) {
    await ctx.journal.record({
      kind: "wiki_push",
      key: WIKI_PUSH_KEY,
      outcome: "done",
      note: `pushed the wiki's ${describeRefs(updates)}${replacing}; ${plan.upToDate} already there`,
    });
  }
  return { records: updates.length, skipped: plan.upToDate, failed: conflicts.length };
}

export const wikiRestorer: EntityRestorer = {
  name: "wiki",
  dependsOn: [],
  async restore(ctx) {
    if (!(await hasMirror(ctx.backupDir, WIKI_REPO_DIR))) {
      ctx.log.info("the backup holds no wiki (wiki-repo/); nothing to push");
      return NONE;
    }
    return withMirror(ctx.backupDir, ctx.signal, (mirror) => restoreWiki(ctx, mirror), WIKI_REPO_DIR);
  },
};
