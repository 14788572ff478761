import type { JobEntityDescriptor } from "../descriptor.js";
import { gitRepoRestorer } from "./restore.js";
import { gitRepoSaver } from "./save.js";

export const gitRepo: JobEntityDescriptor = {
  kind: "job",
  name: "git_repo",
  envVar: "INCLUDE_GIT_REPO",
  aliases: ["git_repository"],
  // A bare mirror (git_repo.git/), not JSONL: src/backup/git-mirror.ts checks it.
  files: [],
  saver: gitRepoSaver,
  restorer: gitRepoRestorer,
  journalKinds: ["git_push"],
};
