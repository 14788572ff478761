import type { RecordFileFormat } from "../../backup/record-files.js";
import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { RELEASE_ASSETS_DIR, RELEASES_FILE, type ReleaseRecord, releaseSortKey } from "./record.js";

const releasesFile: RecordFileFormat<ReleaseRecord> = {
  file: RELEASES_FILE,
  schema: schemaAt(new URL("./releases.schema.json", import.meta.url)),
  sortKey: releaseSortKey,
  // Downloaded assets: under release-assets/<release id>/, of the listed size and sha256.
  linkedFiles: {
    noun: "asset",
    of: (release) => ({ folder: `${RELEASE_ASSETS_DIR}/${release.id}`, files: release.assets }),
  },
  countedFields: [
    {
      field: "assets",
      countField: "reported_counts.assets",
      noun: "assets",
      recordName: (release) => `release ${String(release.tag_name)}`,
    },
  ],
};

export const releases: JobEntityDescriptor = {
  kind: "job",
  name: "releases",
  envVar: "INCLUDE_RELEASES",
  files: [releasesFile],
  saver: async () => (await import("./save.js")).releasesSaver,
  restorer: async () => (await import("./restore.js")).releasesRestorer,
  journalKinds: ["release", "release_asset"],
  bodyEndpoints: {
    release: {
      read: "GET /repos/{owner}/{repo}/releases/{release_id}",
      write: "PATCH /repos/{owner}/{repo}/releases/{release_id}",
      params: (e) => (e.newId === undefined ? null : { release_id: e.newId }),
    },
  },
};
