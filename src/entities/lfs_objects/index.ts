import type { JobEntityDescriptor } from "../descriptor.js";

export const lfsObjects: JobEntityDescriptor = {
  kind: "job",
  name: "lfs_objects",
  envVar: "INCLUDE_LFS_OBJECTS",
  aliases: ["lfs"],
  // Objects inside git-repo/lfs/objects/, not JSONL: src/backup/lfs-objects.ts checks them.
  files: [],
  saver: async () => (await import("./save.js")).lfsObjectsSaver,
  restorer: async () => (await import("./restore.js")).lfsObjectsRestorer,
  journalKinds: ["lfs_push"],
};
