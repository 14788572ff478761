// Restores the git mirror: pushes the backup's branches and tags (never
// GitHub's read-only refs/pull/*) to the target, with the token in an
// environment-provided header, never in a URL or a config file. Refs the
// target already holds at the same commit are left alone, so a rerun pushes
// nothing; a target branch that has moved elsewhere is reported, not forced.
import { failureText } from "../../restore/error-text.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { hasMirror, type Mirror, type PushAuth, withMirror } from "./mirror.js";

export const GIT_PUSH_KEY = "git-repo";

export function pushAuth(ctx: RestoreContext): PushAuth {
  return { authHeader: ctx.client.gitAuthHeader(), redact: ctx.client.redact, signal: ctx.signal };
}

export interface PushPlan {
  updates: Array<{ ref: string; sha: string }>;
  upToDate: number;
  /** Refs the target holds at an unrelated commit (`text` says where each is). */
  conflicts: Array<{ ref: string; sha: string; text: string }>;
}

/** Which local refs to push: missing in the target, or a fast-forward of the target's. */
export async function planPush(
  mirror: Mirror,
  local: ReadonlyMap<string, string>,
  remote: ReadonlyMap<string, string>,
): Promise<PushPlan> {
  const plan: PushPlan = { updates: [], upToDate: 0, conflicts: [] };
  for (const [ref, sha] of [...local].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const there = remote.get(ref);
    if (there === sha) plan.upToDate++;
    else if (there === undefined) plan.updates.push({ ref, sha });
    else if (ref.startsWith("refs/heads/") && (await mirror.isAncestor(there, sha)))
      plan.updates.push({ ref, sha });
    else
      plan.conflicts.push({
        ref,
        sha,
        text: `${ref} is at ${there.slice(0, 12)} in the target, ${sha.slice(0, 12)} in the backup`,
      });
  }
  return plan;
}

export function describeRefs(updates: ReadonlyArray<{ ref: string }>): string {
  const branches = updates.filter((u) => u.ref.startsWith("refs/heads/")).length;
  return `${branches} branch(es) and ${updates.length - branches} tag(s)`;
}

async function restoreMirror(ctx: RestoreContext, mirror: Mirror): Promise<EntityRestoreResult> {
  const local = await mirror.refs();
  if (local.size === 0) {
    ctx.warn("the backup's git mirror holds no branches or tags; nothing to push");
    return { records: 0, skipped: 0, failed: 0 };
  }
  if (ctx.journal.get("git_push", GIT_PUSH_KEY)?.outcome === "done") {
    ctx.log.info("git mirror already pushed by an earlier run (journal)");
    return { records: 0, skipped: local.size, failed: 0 };
  }
  const url = ctx.targetRepo?.cloneUrl;
  if (!url) {
    // Dry run for a target that does not exist yet: everything would be pushed.
    const all = [...local].map(([ref, sha]) => ({ ref, sha }));
    ctx.plan({
      entity: "git_repo",
      action: "create",
      what: `push ${describeRefs(all)}`,
      contentCreating: false,
    });
    return { records: 0, skipped: 0, failed: 0 };
  }
  const auth = pushAuth(ctx);
  const remote = await mirror.remoteRefs(url, auth);
  const plan = await planPush(mirror, local, remote);
  for (const conflict of plan.conflicts)
    ctx.itemFailed(`git: not pushed, ${conflict.text} (not overwritten)`);
  if (ctx.options.dryRun) {
    if (plan.updates.length > 0) {
      ctx.plan({
        entity: "git_repo",
        action: "create",
        what: `push ${describeRefs(plan.updates)}`,
        contentCreating: false,
      });
    }
    if (plan.upToDate > 0) {
      ctx.plan({
        entity: "git_repo",
        action: "skip",
        what: `${plan.upToDate} ref(s) already in the target`,
        contentCreating: false,
      });
    }
    return { records: 0, skipped: plan.upToDate, failed: plan.conflicts.length };
  }
  if (plan.updates.length > 0) {
    ctx.progress({ message: `pushing ${describeRefs(plan.updates)}`, total: plan.updates.length });
    try {
      await mirror.push(url, plan.updates, auth);
    } catch (error) {
      ctx.itemFailed(`git: push failed: ${failureText(error, ctx.client.redact)}`);
      return { records: 0, skipped: plan.upToDate, failed: plan.conflicts.length + plan.updates.length };
    }
    ctx.progress({ items: plan.updates.length });
  }
  if (plan.conflicts.length === 0) {
    await ctx.journal.record({
      kind: "git_push",
      key: GIT_PUSH_KEY,
      outcome: "done",
      note: `pushed ${describeRefs(plan.updates)}; ${plan.upToDate} already there`,
    });
  }
  return { records: plan.updates.length, skipped: plan.upToDate, failed: plan.conflicts.length };
}

export const gitRepoRestorer: EntityRestorer = {
  name: "git_repo",
  // LFS objects go first: the branches pushed here point at them.
  dependsOn: ["lfs_objects"],
  async restore(ctx) {
    if (!(await hasMirror(ctx.backupDir))) {
      ctx.warn("the backup holds no git mirror (git-repo/); no branches or tags to push");
      return { records: 0, skipped: 0, failed: 0 };
    }
    return withMirror(ctx.backupDir, ctx.signal, (mirror) => restoreMirror(ctx, mirror));
  },
};
