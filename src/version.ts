// The tool's name and version, read once from package.json so the manifest
// and `--version` cannot disagree with the package. The compiled module
// (dist/src/version.js) and the source (src/version.ts) both sit below the
// package root, one and two levels down.
import { readFileSync } from "node:fs";

function readPackageJson(): { name: string; version: string } {
  for (const rel of ["../package.json", "../../package.json"]) {
    let text: string;
    try {
      text = readFileSync(new URL(rel, import.meta.url), "utf8");
    } catch {
      continue;
    }
    const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (pkg.name === "github-data" && typeof pkg.version === "string") {
      return { name: pkg.name, version: pkg.version };
    }
  }
  // Only a broken install gets here; a made-up version would be written into manifests.
  throw new Error("github-data: package.json not found beside the installed code; reinstall the package");
}

const pkg = readPackageJson();
export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
