// A copy of the Python github-data tool's real backup folder (test/fixtures/README.md).
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./setup.js";

export const PYTHON_FIXTURE = join(
  import.meta.dirname,
  "..",
  "..",
  "fixtures",
  "python-github-data-2.3.0-small",
);

/** A writable copy, with the empty refs/ folders git did not keep (a bare repository has them). */
export function copyOfPythonFixture(prefix: string): string {
  const dir = join(tempDir(prefix), "backup");
  cpSync(PYTHON_FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, "git-repo", "refs", "heads"), { recursive: true });
  mkdirSync(join(dir, "git-repo", "refs", "tags"), { recursive: true });
  return dir;
}
