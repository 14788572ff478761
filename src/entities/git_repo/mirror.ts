// Read access to the backup's git mirror for restore, without trusting it.
// A backup folder may come from elsewhere: its git config could redirect a
// push (url.<x>.insteadOf) and carry our Authorization header to another
// host, and its hooks or core.fsmonitor could run code. So git never runs
// inside the mirror: reads and pushes go through a scratch repository holding
// a copy of the mirror's refs and one objects/info/alternates line
// (src/backup/git-mirror.ts), after the mirror's layout has been checked.
import { access } from "node:fs/promises";
import { join, resolve } from "node:path";
import { GIT_REPO_DIR, type MirrorView, openMirrorView } from "../../backup/git-mirror.js";
import { type GitOptions, runGit } from "../../util/git.js";

const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Refspecs per `git push`, so thousands of branches never overflow a command line. */
const PUSH_BATCH = 200;

/** The refs a restore pushes: branches and tags only, never GitHub's refs/pull/*. */
export function isPushableRef(ref: string): boolean {
  return ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/");
}

/** Parses `git ls-remote --refs` output into ref → sha. */
export function parseLsRemote(output: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of output.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab <= 0) continue;
    refs.set(line.slice(tab + 1).trim(), line.slice(0, tab).trim());
  }
  return refs;
}

export function mirrorPath(backupDir: string, dirName = GIT_REPO_DIR): string {
  return resolve(backupDir, dirName);
}

/** True when the backup holds a git mirror (a bare repository with objects; wiki-repo/ for the wiki). */
export async function hasMirror(backupDir: string, dirName = GIT_REPO_DIR): Promise<boolean> {
  try {
    await access(join(mirrorPath(backupDir, dirName), "HEAD"));
    await access(join(mirrorPath(backupDir, dirName), "objects"));
    return true;
  } catch {
    return false;
  }
}

export interface PushAuth {
  authHeader: string;
  redact: (text: string) => string;
  signal?: AbortSignal;
}

/** The branches and tags of a remote repository (ref → sha), read with the token in a header. */
export async function remoteRefs(url: string, auth: PushAuth): Promise<Map<string, string>> {
  const out = await runGit(["ls-remote", "--refs", url, "refs/heads/*", "refs/tags/*"], {
    authHeader: auth.authHeader,
    redact: auth.redact,
    signal: auth.signal,
  });
  return parseLsRemote(out);
}

/** The mirror, opened for reading and pushing; `close` removes the scratch repository. */
export class Mirror {
  private refsCache: Map<string, string> | null = null;

  private constructor(
    readonly dir: string,
    private readonly view: MirrorView,
    private readonly signal: AbortSignal | undefined,
  ) {}

  static async open(backupDir: string, signal?: AbortSignal, dirName = GIT_REPO_DIR): Promise<Mirror> {
    const dir = mirrorPath(backupDir, dirName);
    return new Mirror(dir, await openMirrorView(dir, signal), signal);
  }

  git(args: string[], extra: GitOptions = {}): Promise<string> {
    return runGit(args, { gitDir: this.view.gitDir, signal: this.signal, ...extra });
  }

  /** The mirror's branches and tags (ref → sha; annotated tags as their tag object). */
  async refs(): Promise<Map<string, string>> {
    if (!this.refsCache) {
      const out = await this.git([
        "for-each-ref",
        "--format=%(objectname)%09%(refname)",
        "refs/heads",
        "refs/tags",
      ]);
      this.refsCache = new Map([...parseLsRemote(out)].filter(([ref]) => isPushableRef(ref)));
    }
    return this.refsCache;
  }

  /** Whether `sha` names a commit the mirror holds (full hex shas only: no revision syntax reaches git). */
  async hasCommit(sha: string): Promise<boolean> {
    if (!FULL_SHA.test(sha)) return false;
    try {
      await this.git(["cat-file", "-e", `${sha}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  /** Whether `older` is an ancestor of (or equal to) `newer`; false when either is unknown here. */
  async isAncestor(older: string, newer: string): Promise<boolean> {
    if (!FULL_SHA.test(older) || !FULL_SHA.test(newer)) return false;
    try {
      await this.git(["merge-base", "--is-ancestor", older, newer]);
      return true;
    } catch {
      return false;
    }
  }

  /** The refs of a remote repository (branches and tags), read with the token in a header. */
  remoteRefs(url: string, auth: PushAuth): Promise<Map<string, string>> {
    return remoteRefs(url, auth);
  }

  /**
   * Pushes `sha:ref` refspecs to `url`, in batches. Forced only where an
   * update says so: otherwise a ref the target holds at an unrelated commit is
   * rejected, not overwritten.
   */
  async push(
    url: string,
    updates: ReadonlyArray<{ sha: string; ref: string; force?: boolean }>,
    auth: PushAuth,
  ): Promise<void> {
    for (let i = 0; i < updates.length; i += PUSH_BATCH) {
      const batch = updates.slice(i, i + PUSH_BATCH).map((u) => `${u.force ? "+" : ""}${u.sha}:${u.ref}`);
      await this.git(["push", "--quiet", "--no-verify", url, ...batch], {
        authHeader: auth.authHeader,
        redact: auth.redact,
      });
    }
  }

  async close(): Promise<void> {
    await this.view.close();
  }
}

/** Opens the mirror for the duration of `fn`. */
export async function withMirror<T>(
  backupDir: string,
  signal: AbortSignal | undefined,
  fn: (mirror: Mirror) => Promise<T>,
  dirName = GIT_REPO_DIR,
): Promise<T> {
  const mirror = await Mirror.open(backupDir, signal, dirName);
  try {
    return await fn(mirror);
  } finally {
    await mirror.close();
  }
}
