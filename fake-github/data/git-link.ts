// Gives the generated repository its branches and commit shas: with a git
// folder, real commits in a bare repository (default branch, one branch per
// live PR head, refs/pull/N/head for a deleted head, refs/pull/N/merge for
// merged PRs, a tag per published release); without one, stable fake shas.
import { type BranchSpec, createBareRepoSync } from "../git/create-bare-repo.js";
import type { GenContext } from "./context.js";
import { fakeSha } from "./context.js";
import { prFileText } from "./text.js";
import type { LfsSeed } from "./wiki-lfs.js";

export function linkGit(ctx: GenContext, gitDir: string | undefined, lfs?: LfsSeed): void {
  const { repo } = ctx;
  const main = repo.default_branch;
  const specs: BranchSpec[] = [
    { name: main, files: { "README.md": `# ${repo.name}\n\nSeeded test data.\n`, ...lfs?.mainFiles } },
  ];
  const headNameOf = new Map<number, string>();
  const pulls = [...repo.issues.values()].filter((i) => i.pull).sort((a, b) => a.number - b.number);
  for (const issue of pulls) {
    const pull = issue.pull;
    if (!pull) continue;
    // A deleted head branch survives only as GitHub's refs/pull/N/head.
    const headName = pull.head.repoFullName === null ? `refs/pull/${issue.number}/head` : pull.head.ref;
    headNameOf.set(issue.number, headName);
    // The first pull request's head also carries an LFS object no other ref reaches.
    const lfsFiles = headNameOf.size === 1 ? lfs?.branchFiles : undefined;
    specs.push({
      name: headName,
      parent: main,
      files: { [`changes/pr-${issue.number}.md`]: prFileText(issue.number), ...lfsFiles },
    });
    if (pull.merged_at !== null)
      specs.push({ name: `refs/pull/${issue.number}/merge`, parent: headName, files: {} });
  }
  for (const release of repo.releases) {
    if (!release.draft) specs.push({ name: `refs/tags/${release.tag_name}`, parent: main });
  }

  const real = gitDir === undefined ? undefined : createBareRepoSync(gitDir, specs);
  if (gitDir !== undefined) repo.gitDir = gitDir;
  if (gitDir !== undefined && lfs) repo.lfsObjects = new Map(lfs.objects.map((o) => [o.oid, o.data]));
  const shaOf = (name: string): string => real?.get(name) ?? fakeSha(ctx.seed, name);

  // Reviews and review comments recorded the provisional head sha; map it to the final one.
  const remap = new Map<string, string>();
  for (const issue of pulls) {
    const pull = issue.pull;
    const headName = headNameOf.get(issue.number);
    if (!pull || headName === undefined) continue;
    const head = shaOf(headName);
    remap.set(pull.head.sha, head);
    pull.head.sha = head;
    pull.base.sha = shaOf(main);
    if (pull.merged_at !== null) pull.merge_commit_sha = shaOf(`refs/pull/${issue.number}/merge`);
  }
  for (const review of repo.reviews) review.commit_id = remap.get(review.commit_id) ?? review.commit_id;
  for (const comment of repo.reviewComments) {
    comment.commit_id = remap.get(comment.commit_id) ?? comment.commit_id;
    comment.original_commit_id = remap.get(comment.original_commit_id) ?? comment.original_commit_id;
  }

  repo.branches.clear();
  for (const spec of specs)
    if (!spec.name.startsWith("refs/")) repo.branches.set(spec.name, shaOf(spec.name));
}
