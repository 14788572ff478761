// Build: compile TypeScript, copy the non-TypeScript assets the runtime reads
// (GraphQL SDL, JSON Schemas), generate the backup format's validators, bundle
// the executable, and mark the bin entries executable.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleCli, loadEsbuild } from "./bundle-cli.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });

const assetExt = [".graphql", ".json"];
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (assetExt.some((ext) => name.endsWith(ext)))
      cpSync(path, join(root, "dist", relative(root, path)));
  }
}
for (const dir of ["src", "fake-github", "bench"]) {
  if (existsSync(join(root, dir))) copyAssets(join(root, dir));
}
// Standalone validator code (dist/src/backup/validators/), so runs from dist
// never compile a JSON Schema; see src/backup/schemas.ts. After the asset copy:
// the generator reads the copied schemas, every one the entity types name.
const schemas = await import(pathToFileURL(join(root, "dist/src/backup/schemas.js")).href);
const entities = await import(pathToFileURL(join(root, "dist/src/entities/index.js")).href);
schemas.writeStandaloneValidators(entities.SCHEMAS);
// The executable as one module (scripts/bundle-cli.mjs), when esbuild is installed.
const esbuild = await loadEsbuild();
if (esbuild) await bundleCli(esbuild, join(root, "dist/src/cli/main.js"));
else console.warn("build: esbuild is not installed; dist/src/cli/main.js stays unbundled (slower start)");
for (const bin of ["dist/src/cli/main.js", "dist/fake-github/cli.js"]) {
  if (existsSync(join(root, bin))) chmodSync(join(root, bin), 0o755);
}
