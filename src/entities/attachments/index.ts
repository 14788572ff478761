import type { RecordFileFormat } from "../../backup/record-files.js";
import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { ATTACHMENTS_DIR, ATTACHMENTS_FILE, type AttachmentRecord, attachmentSortKey } from "./record.js";

const attachmentsFile: RecordFileFormat<AttachmentRecord> = {
  file: ATTACHMENTS_FILE,
  schema: schemaAt(new URL("./attachments.schema.json", import.meta.url)),
  sortKey: attachmentSortKey,
  // A saved attachment: under attachments/<its sha256>/, of the listed size and sha256.
  linkedFiles: {
    noun: "attachment",
    of: (record) =>
      record.path === null || record.sha256 === null
        ? { folder: ATTACHMENTS_DIR, files: [] }
        : {
            folder: `${ATTACHMENTS_DIR}/${record.sha256}`,
            files: [{ path: record.path, sha256: record.sha256, size: record.size ?? 0 }],
          },
  },
};

export const attachments: JobEntityDescriptor = {
  kind: "job",
  name: "attachments",
  envVar: "INCLUDE_ATTACHMENTS",
  files: [attachmentsFile],
  saver: async () => (await import("./save.js")).attachmentsSaver,
  restorer: async () => (await import("./restore.js")).attachmentsRestorer,
  journalKinds: [],
  // Reads the bodies saved in this run; keeps the files of links it saved before (incremental.ts).
  incremental: { kind: "own" },
};
