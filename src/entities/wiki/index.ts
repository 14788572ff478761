import type { JobEntityDescriptor } from "../descriptor.js";

export const wiki: JobEntityDescriptor = {
  kind: "job",
  name: "wiki",
  envVar: "INCLUDE_WIKI",
  // A bare mirror (wiki-repo/), not JSONL: src/backup/git-mirror.ts checks it.
  files: [],
  saver: async () => (await import("./save.js")).wikiSaver,
  restorer: async () => (await import("./restore.js")).wikiRestorer,
  journalKinds: ["wiki_push"],
};
