// The repository's wiki and its Git LFS files. Both are made from the seed by
// hashing, never from the dataset's PRNG, so every other generated record
// stays the same. The wiki is a bare repository `<repo>.wiki.git` with a few
// pages and some history on `master` (GitHub's wiki branch); the code
// repository tracks `*.bin` with LFS: two objects on the default branch and
// one reachable only from the first pull request's head branch.
import { createHash } from "node:crypto";
import { type BranchSpec, createBareRepoSync } from "../git/create-bare-repo.js";
import type { FakeRepo } from "../store/types.js";

export const LFS_ATTRIBUTES = "*.bin filter=lfs diff=lfs merge=lfs -text\n";

export interface LfsSeedObject {
  path: string;
  oid: string;
  data: Buffer;
}

export interface LfsSeed {
  /** Files of the default branch's first commit: `.gitattributes` and pointers. */
  mainFiles: Record<string, string>;
  /** Pointer files added on the first pull request's head branch. */
  branchFiles: Record<string, string>;
  objects: LfsSeedObject[];
}

/** The pointer file git-lfs writes for `data` (spec v1). */
export function lfsPointer(data: Buffer): string {
  const oid = createHash("sha256").update(data).digest("hex");
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${data.length}\n`;
}

/** Deterministic binary-looking bytes, `size` long. */
function bytesFor(label: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash("sha256").update(label).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at, 0, Math.min(block.length, size - at));
    block = createHash("sha256").update(block).digest();
  }
  return out;
}

export function lfsSeed(seed: number, repoName: string): LfsSeed {
  const make = (path: string, size: number): LfsSeedObject => {
    const data = bytesFor(`${seed}/${repoName}/${path}`, size);
    return { path, oid: createHash("sha256").update(data).digest("hex"), data };
  };
  const onMain = [make("assets/logo.bin", 2048), make("assets/data/sample.bin", 5000)];
  const onBranch = [make("assets/branch-only.bin", 777)];
  const pointers = (list: LfsSeedObject[]) =>
    Object.fromEntries(list.map((o) => [o.path, lfsPointer(o.data)]));
  return {
    mainFiles: { ".gitattributes": LFS_ATTRIBUTES, ...pointers(onMain) },
    branchFiles: pointers(onBranch),
    objects: [...onMain, ...onBranch],
  };
}

/** The wiki's pages, commit by commit (each entry one commit on master). */
function wikiHistory(repoName: string, tricky: boolean): Array<Record<string, string>> {
  const history: Array<Record<string, string>> = [
    { "Home.md": `# ${repoName}\n\nWelcome to the wiki.\n` },
    {
      "Installation.md": "Install with `npm install`.\n",
      "_Sidebar.md": "* [[Home]]\n* [[Installation]]\n",
    },
    {
      "Home.md": `# ${repoName}\n\nWelcome to the wiki. See [[Installation]] and [[Usage Guide]].\n`,
      "Usage-Guide.md": "Run `sample --help`.\n",
    },
  ];
  if (tricky)
    history.push({ "Über-uns.md": "Ünïcödé 🚀 page\r\nwith CRLF\r\n", "Home.md": "# Home\n\nrewritten\n" });
  return history;
}

/** Creates the wiki's bare repository at `dir` (a few pages with history); returns master's sha. */
export function seedWiki(dir: string, repo: FakeRepo, tricky: boolean): string {
  const specs: BranchSpec[] = wikiHistory(repo.name, tricky).map((files, i) =>
    i === 0 ? { name: "master", files } : { name: "master", parent: "master", files },
  );
  const refs = createBareRepoSync(dir, specs);
  repo.wikiGitDir = dir;
  return refs.get("master") ?? "";
}

/**
 * What GitHub does when someone creates a wiki's first page in the web
 * interface: the wiki repository appears, holding that one page on master.
 */
export function createWikiFirstPage(repo: FakeRepo, dir: string): string {
  const refs = createBareRepoSync(dir, [{ name: "master", files: { "Home.md": "Welcome to the wiki!\n" } }]);
  repo.wikiGitDir = dir;
  return refs.get("master") ?? "";
}
