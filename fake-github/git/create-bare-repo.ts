// Builds a bare git repository in one `git fast-import` run, so thousands of
// branches take well under a second. Author, committer and dates are fixed, so
// the same input always yields the same commit shas.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { promisify } from "node:util";

export interface BranchSpec {
  /** A branch name ("main", "feature/x") or a full ref ("refs/tags/v1", "refs/pull/5/head"). */
  name: string;
  /** Name of an earlier entry whose commit is this one's parent; none = a root commit. */
  parent?: string;
  /**
   * Files this commit adds or changes (path → text). With a parent and no
   * `files`, the ref points at the parent's commit itself (no new commit): use
   * that for tags and aliases.
   */
  files?: Record<string, string>;
}

const execFileAsync = promisify(execFile);
const identity = "Fake GitHub <fake-github@example.invalid>";
/** 2026-01-01T00:00:00Z; each commit is one minute later than the previous one. */
const baseEpoch = 1767225600;

/** Environment that keeps git from reading the user's config or prompting. */
export function isolatedGitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Fake GitHub",
    GIT_AUTHOR_EMAIL: "fake-github@example.invalid",
    GIT_COMMITTER_NAME: "Fake GitHub",
    GIT_COMMITTER_EMAIL: "fake-github@example.invalid",
    GIT_AUTHOR_DATE: `${baseEpoch} +0000`,
    GIT_COMMITTER_DATE: `${baseEpoch} +0000`,
  };
}

function refOf(name: string): string {
  return name.startsWith("refs/") ? name : `refs/heads/${name}`;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text, "utf8")}\n${text}\n`;
}

function quotePath(path: string): string {
  if (/^[A-Za-z0-9._/-]+$/.test(path)) return path;
  return JSON.stringify(path);
}

/** The fast-import stream for the branches, in order. */
export function fastImportStream(branches: ReadonlyArray<BranchSpec>): string {
  const parts: string[] = [];
  const markOf = new Map<string, number>();
  let nextMark = 1;
  let commitIndex = 0;
  for (const branch of branches) {
    const ref = refOf(branch.name);
    const parentMark = branch.parent === undefined ? undefined : markOf.get(branch.parent);
    if (branch.parent !== undefined && parentMark === undefined) {
      throw new Error(`createBareRepo: parent "${branch.parent}" of "${branch.name}" is not defined earlier`);
    }
    if (parentMark !== undefined && branch.files === undefined) {
      parts.push(`reset ${ref}\nfrom :${parentMark}\n\n`);
      markOf.set(branch.name, parentMark);
      continue;
    }
    const mark = nextMark++;
    const when = `${baseEpoch + 60 * commitIndex++} +0000`;
    let commit = `commit ${ref}\nmark :${mark}\nauthor ${identity} ${when}\ncommitter ${identity} ${when}\n`;
    commit += data(parentMark === undefined ? `Create ${branch.name}` : `Update ${branch.name}`);
    if (parentMark !== undefined) commit += `from :${parentMark}\n`;
    for (const [path, text] of Object.entries(branch.files ?? {})) {
      commit += `M 100644 inline ${quotePath(path)}\n${data(text)}`;
    }
    parts.push(`${commit}\n`);
    markOf.set(branch.name, mark);
  }
  return parts.join("");
}

function parseRefs(output: string, branches: ReadonlyArray<BranchSpec>): Map<string, string> {
  const shaOfRef = new Map<string, string>();
  for (const line of output.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) shaOfRef.set(line.slice(space + 1), line.slice(0, space));
  }
  const result = new Map<string, string>();
  for (const branch of branches) {
    const sha = shaOfRef.get(refOf(branch.name));
    if (!sha) throw new Error(`createBareRepo: ref for "${branch.name}" missing after import`);
    result.set(branch.name, sha);
  }
  return result;
}

function headRef(branches: ReadonlyArray<BranchSpec>): string | undefined {
  const first = branches.find((b) => !b.name.startsWith("refs/"));
  return first ? refOf(first.name) : undefined;
}

const forEachRefArgs = ["for-each-ref", "--format=%(objectname) %(refname)"];

/** Synchronous variant for callers that cannot await (the dataset generator). */
export function createBareRepoSync(dir: string, branches: ReadonlyArray<BranchSpec>): Map<string, string> {
  const env = isolatedGitEnv();
  mkdirSync(dir, { recursive: true });
  execFileSync("git", ["init", "--bare", "--quiet", dir], { env, stdio: "pipe" });
  const head = headRef(branches);
  if (head) execFileSync("git", ["symbolic-ref", "HEAD", head], { cwd: dir, env, stdio: "pipe" });
  execFileSync("git", ["fast-import", "--quiet", "--done"], {
    cwd: dir,
    env,
    input: `${fastImportStream(branches)}done\n`,
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const refs = execFileSync("git", forEachRefArgs, {
    cwd: dir,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseRefs(refs, branches);
}

/**
 * Creates a bare repository at `dir` holding the given branches (and other
 * refs) and returns each entry's name → commit sha.
 */
export async function createBareRepo(
  dir: string,
  branches: ReadonlyArray<BranchSpec>,
): Promise<Map<string, string>> {
  const env = isolatedGitEnv();
  mkdirSync(dir, { recursive: true });
  await execFileAsync("git", ["init", "--bare", "--quiet", dir], { env });
  const head = headRef(branches);
  if (head) await execFileAsync("git", ["symbolic-ref", "HEAD", head], { cwd: dir, env });
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      "git",
      ["fast-import", "--quiet", "--done"],
      { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 },
      (error) => (error ? reject(error) : resolve()),
    );
    child.stdin?.end(`${fastImportStream(branches)}done\n`);
  });
  const { stdout } = await execFileAsync("git", forEachRefArgs, {
    cwd: dir,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseRefs(stdout, branches);
}
