import type { JobEntityDescriptor } from "../descriptor.js";

export const gitRepo: JobEntityDescriptor = {
  kind: "job",
  name: "git_repo",
  envVar: "INCLUDE_GIT_REPO",
  aliases: ["git_repository"],
  // A bare mirror (git_repo.git/), not JSONL: src/backup/git-mirror.ts checks it.
  files: [],
  saver: async () => (await import("./save.js")).gitRepoSaver,
  restorer: async () => (await import("./restore.js")).gitRepoRestorer,
  journalKinds: ["git_push"],
};
