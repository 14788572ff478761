// The LFS objects the mirror's refs point to, found without git-lfs's own
// scan of every ref's history (`git lfs fetch --all`), which costs seconds of
// CPU on a repository of thousands of refs even when nothing is new. git
// lists the blobs small enough to be pointers (git-lfs reads nothing of 1,024
// bytes or more as one) and their contents; every blob with a pointer's oid
// line is a candidate. What git-lfs then fetches is decided by git-lfs itself:
// the candidates whose objects are missing are put into one tree of a commit
// in the scratch view, and `git lfs fetch <url> <commit>` parses them and
// downloads what they name. So only the objects no saved one covers are asked
// for, and a blob git-lfs would not take as a pointer is never fetched.
import { runGit, runGitBytes } from "../../util/git.js";
import type { LfsAuth, LfsView } from "./lfs-view.js";

/** git-lfs reads blobs smaller than this as possible pointers (its blobSizeCutoff). */
const POINTER_SIZE_LIMIT = 1024;
/**
 * The oid line of a pointer: git-lfs accepts no other form, its lines ending
 * in "\n" or "\r\n" (a blob with this line that git-lfs does not take as a
 * pointer is offered to it all the same, and it fetches nothing for it).
 */
const POINTER_OID = /^oid sha256:([0-9a-f]{64})\r?$/m;

/** The oid a possible pointer's text names, or undefined. */
export function pointerOid(text: string): string | undefined {
  return POINTER_OID.exec(text)?.[1];
}
const OBJECT_ID = /^[0-9a-f]{40}$/;
/** Blobs read per `cat-file --batch` (their output at most this × 1 KiB). */
const READ_BATCH = 5000;

/** The candidate pointer blobs of every ref of the view's repository: LFS oid → the blobs naming it. */
export async function pointerBlobs(gitDir: string, signal?: AbortSignal): Promise<Map<string, string[]>> {
  const listed = await runGit(
    [
      "rev-list",
      "--objects",
      "--all",
      "--no-object-names",
      `--filter=combine:object:type=blob+blob:limit=${POINTER_SIZE_LIMIT}`,
    ],
    { gitDir, signal },
  );
  // The filter still lists the commits walked: keep the blobs.
  const typed = await runGit(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    gitDir,
    signal,
    input: listed,
  });
  const blobs = typed
    .split("\n")
    .map((line) => line.split(" "))
    .filter(([id, type]) => type === "blob" && OBJECT_ID.test(id ?? ""))
    .map(([id]) => id as string);
  const byOid = new Map<string, string[]>();
  for (let i = 0; i < blobs.length; i += READ_BATCH) {
    const batch = blobs.slice(i, i + READ_BATCH);
    const out = await runGitBytes(["cat-file", "--batch"], {
      gitDir,
      signal,
      input: batch.map((id) => `${id}\n`).join(""),
    });
    for (const [blob, content] of batchContents(out)) {
      const oid = pointerOid(content);
      if (oid !== undefined) byOid.set(oid, [...(byOid.get(oid) ?? []), blob]);
    }
  }
  return byOid;
}

/** `cat-file --batch` output: each object's id and its content (as Latin-1: pointers are ASCII). */
function* batchContents(out: Buffer): Generator<[string, string]> {
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) return;
    const [id = "", , size] = out.toString("latin1", at, eol).split(" ");
    at = eol + 1;
    if (size === undefined) continue; // "<id> missing"
    const end = at + Number(size);
    yield [id, out.toString("latin1", at, end)];
    at = end + 1;
  }
}

/**
 * Has git-lfs fetch what the pointer blobs `blobs` name into the view's
 * store: they become one commit's tree in the view (never in the mirror),
 * and git-lfs fetches that commit's objects from `url`.
 */
export async function fetchPointed(
  view: LfsView,
  blobs: readonly string[],
  url: string,
  auth: LfsAuth,
): Promise<void> {
  const git = (args: string[], input?: string) =>
    runGit(args, {
      gitDir: view.gitDir,
      ...(auth.signal ? { signal: auth.signal } : {}),
      ...(input === undefined ? {} : { input }),
      config: [
        ["user.name", "github-data"],
        ["user.email", "github-data@localhost"],
      ],
    });
  const tree = (await git(["mktree"], blobs.map((b) => `100644 blob ${b}\t${b}\n`).join(""))).trim();
  const commit = (await git(["commit-tree", tree, "-m", "LFS objects to fetch"])).trim();
  // This commit only: no "recent" history, whatever the user's git config says.
  await view.lfs(["fetch", url, commit], url, auth, [["lfs.fetchrecentalways", "false"]]);
}
