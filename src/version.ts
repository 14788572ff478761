// The tool's name and version, read once from package.json so they cannot drift.
import { readFileSync } from "node:fs";

function findPackageJson(): { name: string; version: string } {
  // dist/src/version.js and src/version.ts both sit below the package root.
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "github-data" && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // try the next location
    }
  }
  return { name: "github-data", version: "0.0.0" };
}

const pkg = findPackageJson();
export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
