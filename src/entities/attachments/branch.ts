// Builds and pushes the attachments branch with plain git plumbing in a
// scratch repository of our own (git never runs inside the backup folder):
// the files become blobs, the blobs a tree (attachments/<sha256>/<name> and a
// README), the tree a commit on top of the branch the target already has,
// if any. A file the target's branch already holds at the same path is not
// sent again; when it holds them all, nothing is pushed. The token reaches
// git only as an environment-provided header (src/util/git.ts).
import { runGit } from "../../util/git.js";
import { makeScratchDir, removeScratchDir } from "../../util/scratch-dir.js";
import type { PushAuth } from "../git_repo/mirror.js";
import { ATTACHMENTS_BRANCH } from "./rehost.js";

const REF = `refs/heads/${ATTACHMENTS_BRANCH}`;
const SCRATCH_PREFIX = "github-data-attachments-";
const IDENTITY = ["-c", "user.name=github-data", "-c", "user.email=github-data@users.noreply.github.com"];

export interface BranchFile {
  /** The path in the branch (the backup's path: attachments/<sha256>/<name>). */
  path: string;
  /** The file on disk, checked against its sha256. */
  source: string;
}

export interface PushOutcome {
  /** Files the branch did not hold before (pushed, or in a dry run to push). */
  missing: BranchFile[];
  /** Files it already held. */
  present: BranchFile[];
}

interface Entry {
  mode: string;
  type: "blob" | "tree";
  sha: string;
}

const readme = (sourceName: string) =>
  `# Attachments re-hosted by github-data\n\nThis branch holds the files and images that issues, pull requests, comments and releases of ${sourceName} linked on GitHub's attachment hosts. github-data restore committed them here and pointed every link in the restored texts at them.\n\nKeep this branch: deleting it breaks those links.\n`;

class Scratch {
  private constructor(readonly gitDir: string) {}

  static async create(): Promise<Scratch> {
    const dir = await makeScratchDir(SCRATCH_PREFIX);
    await runGit(["init", "--bare", "--quiet", dir]);
    return new Scratch(dir);
  }

  git(args: string[], extra: { input?: string; auth?: PushAuth } = {}): Promise<string> {
    return runGit(args, {
      gitDir: this.gitDir,
      ...(extra.input === undefined ? {} : { input: extra.input }),
      ...(extra.auth
        ? { authHeader: extra.auth.authHeader, redact: extra.auth.redact, signal: extra.auth.signal }
        : {}),
    });
  }

  /** A tree holding `files` (path → entry), built level by level with mktree. */
  async tree(files: ReadonlyMap<string, Entry>): Promise<string> {
    const here = new Map<string, Entry>();
    const below = new Map<string, Map<string, Entry>>();
    for (const [path, entry] of files) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        here.set(path, entry);
        continue;
      }
      const dir = path.slice(0, slash);
      const sub = below.get(dir) ?? new Map<string, Entry>();
      sub.set(path.slice(slash + 1), entry);
      below.set(dir, sub);
    }
    for (const [dir, sub] of below)
      here.set(dir, { mode: "040000", type: "tree", sha: await this.tree(sub) });
    const input = [...here].map(([name, e]) => `${e.mode} ${e.type} ${e.sha}\t${name}\n`).join("");
    return (await this.git(["mktree"], { input })).trim();
  }

  async close(): Promise<void> {
    await removeScratchDir(this.gitDir);
  }
}

/** The branch's files in the target (path → entry), or null when the target has no such branch. */
async function remoteFiles(
  scratch: Scratch,
  url: string,
  auth: PushAuth,
): Promise<{ head: string; files: Map<string, Entry> } | null> {
  const listed = await scratch.git(["ls-remote", "--refs", url, REF], { auth });
  const head = listed.split("\t")[0]?.trim();
  if (!head) return null;
  await scratch.git(["fetch", "--quiet", "--no-tags", url, `${REF}:${REF}`], { auth });
  const files = new Map<string, Entry>();
  for (const line of (await scratch.git(["ls-tree", "-r", "-z", head])).split("\0")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", sha = ""] = line.slice(0, tab).split(" ");
    if (type === "blob") files.set(line.slice(tab + 1), { mode, type: "blob", sha });
  }
  return { head, files };
}

/**
 * Pushes `files` to the target's attachments branch, adding to what it holds.
 * `dryRun` only reads: it says how many files would be added.
 */
export async function pushAttachmentsBranch(options: {
  url: string;
  auth: PushAuth;
  files: readonly BranchFile[];
  sourceName: string;
  dryRun: boolean;
}): Promise<PushOutcome> {
  const scratch = await Scratch.create();
  try {
    const remote = await remoteFiles(scratch, options.url, options.auth);
    const all = new Map(remote?.files ?? []);
    const missing = options.files.filter((f) => !all.has(f.path));
    const present = options.files.filter((f) => all.has(f.path));
    if (options.dryRun || missing.length === 0) return { missing, present };
    const shas = (
      await scratch.git(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
        input: missing.map((f) => `${f.source}\n`).join(""),
      })
    )
      .trim()
      .split("\n");
    missing.forEach((file, i) => {
      all.set(file.path, { mode: "100644", type: "blob", sha: shas[i] ?? "" });
    });
    if (!all.has("README.md")) {
      const sha = (
        await scratch.git(["hash-object", "-w", "--stdin"], { input: readme(options.sourceName) })
      ).trim();
      all.set("README.md", { mode: "100644", type: "blob", sha });
    }
    const tree = await scratch.tree(all);
    const commit = (
      await scratch.git([
        ...IDENTITY,
        "commit-tree",
        tree,
        ...(remote ? ["-p", remote.head] : []),
        "-m",
        `Re-host ${missing.length} attachment(s) of ${options.sourceName}`,
      ])
    ).trim();
    // A fast-forward of what the target holds (never forced).
    await scratch.git(["push", "--quiet", "--no-verify", options.url, `${commit}:${REF}`], {
      auth: options.auth,
    });
    return { missing, present };
  } finally {
    await scratch.close();
  }
}
