// The target's branches as the pull-request restore sees them, and the
// restore branches it creates when a PR's own branch is gone:
// `github-data/pr-<N>` at the saved head commit (and `github-data/pr-<N>-base`
// at the saved base commit when the base is gone or already contains the
// head). A commit the backup's mirror holds is pushed (objects included);
// otherwise the ref is created through the API, which works when the target
// already has the commit.

import { statusOf } from "../../github/errors.js";
import { failureText, isRefused } from "../../restore/error-text.js";
import type { RestoreContext } from "../../restore/types.js";
import { hasMirror, Mirror, type PushAuth, remoteRefs } from "../git_repo/mirror.js";
import { pushAuth } from "../git_repo/restore.js";

export const RESTORE_BRANCH_PREFIX = "github-data/pr-";

export function headRestoreBranch(number: number): string {
  return `${RESTORE_BRANCH_PREFIX}${number}`;
}

export function baseRestoreBranch(number: number): string {
  return `${RESTORE_BRANCH_PREFIX}${number}-base`;
}

/** Journal note of a restore branch deleted once its pull request was closed. */
const DELETED_NOTE = "deleted: its pull request is closed";

/**
 * Deletes the restore branches this restore made for pull requests that are
 * now closed in the target: a closed PR keeps its commits without them, and
 * the copy's branches are then the source's. An open PR needs its branch, so
 * it keeps it. Journalled, so a rerun neither deletes twice nor forgets one.
 */
export async function removeRestoreBranches(
  ctx: RestoreContext,
  closed: ReadonlyArray<{ number: number; settled: boolean }>,
): Promise<void> {
  for (const pr of closed) {
    if (!pr.settled) continue;
    for (const name of [headRestoreBranch(pr.number), baseRestoreBranch(pr.number)]) {
      if (ctx.journal.get("branch", name)?.outcome !== "created") continue;
      if (ctx.options.dryRun) {
        ctx.plan({
          entity: "pull_requests",
          action: "delete",
          what: `branch ${name}`,
          contentCreating: false,
        });
        continue;
      }
      try {
        await ctx.client.octokit.request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", {
          owner: ctx.target.owner,
          repo: ctx.target.repo,
          ref: `heads/${name}`,
          request: { signal: ctx.signal },
        });
      } catch (error) {
        // 422: the branch is gone already (an interrupted run deleted it).
        if (statusOf(error) !== 422) {
          if (ctx.signal.aborted) throw error;
          ctx.warn(`could not delete restore branch \`${name}\`: ${failureText(error, ctx.client.redact)}`);
          continue;
        }
      }
      await ctx.journal.record({ kind: "branch", key: name, outcome: "done", note: DELETED_NOTE });
    }
  }
}

export type BranchResult = { ok: true; name: string } | { ok: false; reason: string };

export class TargetBranches {
  private constructor(
    private readonly ctx: RestoreContext,
    /** Branch name → sha in the target (in a dry run: as it would be after the git push). */
    readonly heads: Map<string, string>,
    readonly mirror: Mirror | null,
    private readonly url: string | null,
    private readonly auth: PushAuth,
  ) {}

  static async open(ctx: RestoreContext): Promise<TargetBranches> {
    const mirror = (await hasMirror(ctx.backupDir)) ? await Mirror.open(ctx.backupDir, ctx.signal) : null;
    try {
      const url = ctx.targetRepo?.cloneUrl ?? null;
      const auth = pushAuth(ctx);
      const heads = new Map<string, string>();
      if (ctx.options.dryRun && mirror && ctx.selection.entities.has("git_repo")) {
        for (const [ref, sha] of await mirror.refs())
          if (ref.startsWith("refs/heads/")) heads.set(ref.slice(11), sha);
      }
      if (url) {
        for (const [ref, sha] of await remoteRefs(url, auth)) {
          if (ref.startsWith("refs/heads/")) heads.set(ref.slice(11), sha);
        }
      }
      return new TargetBranches(ctx, heads, mirror, url, auth);
    } catch (error) {
      await mirror?.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.mirror?.close();
  }

  has(name: string): boolean {
    return this.heads.has(name);
  }

  /** Whether a restore branch at `sha` could be made (dry-run prediction). */
  async couldCreate(name: string, sha: string): Promise<boolean> {
    const have = this.heads.get(name);
    if (have !== undefined) return have === sha;
    return (await this.mirror?.hasCommit(sha)) ?? false;
  }

  /**
   * Pushes, in one go, the restore branches whose commits the mirror holds
   * (so a thousand PRs without branches cost a few pushes, not a thousand).
   */
  async pushMany(wanted: ReadonlyArray<{ name: string; sha: string }>): Promise<void> {
    if (!this.mirror || !this.url) return;
    const updates: Array<{ ref: string; sha: string }> = [];
    for (const { name, sha } of wanted) {
      if (this.heads.has(name) || !(await this.mirror.hasCommit(sha))) continue;
      updates.push({ ref: `refs/heads/${name}`, sha });
    }
    if (updates.length === 0) return;
    await this.mirror.push(this.url, updates, this.auth);
    for (const { ref, sha } of updates) await this.created(ref.slice(11), sha);
  }

  /** Makes branch `name` point at `sha` in the target, unless impossible (the reason says why). */
  async ensure(name: string, sha: string): Promise<BranchResult> {
    if (sha === "") return { ok: false, reason: "the backup does not record its commit" };
    const have = this.heads.get(name);
    if (have === sha) return { ok: true, name };
    if (have !== undefined) {
      return { ok: false, reason: `branch \`${name}\` already exists in the target at another commit` };
    }
    if (this.mirror && this.url && (await this.mirror.hasCommit(sha))) {
      await this.mirror.push(this.url, [{ ref: `refs/heads/${name}`, sha }], this.auth);
    } else {
      try {
        await this.ctx.client.octokit.request("POST /repos/{owner}/{repo}/git/refs", {
          owner: this.ctx.target.owner,
          repo: this.ctx.target.repo,
          ref: `refs/heads/${name}`,
          sha,
          request: { signal: this.ctx.signal },
        });
      } catch (error) {
        if (statusOf(error) === 409) return { ok: false, reason: "the target repository has no commits" };
        if (!isRefused(error)) throw error;
        return {
          ok: false,
          reason: `its commit \`${sha}\` is in neither the backup's git mirror nor the target`,
        };
      }
    }
    await this.created(name, sha);
    return { ok: true, name };
  }

  private async created(name: string, sha: string): Promise<void> {
    this.heads.set(name, sha);
    await this.ctx.journal.record({ kind: "branch", key: name, outcome: "created", note: sha });
  }
}
