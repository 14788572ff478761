// Build step: replaces dist/src/cli/main.js (the executable) with one ES
// module holding the program and its dependencies, made with esbuild from the
// compiled modules. Node 20 has no compile cache, so every run resolves,
// reads and compiles a few hundred modules (~0.07 s of CPU, a fifth of a
// small save's); one file skips the resolving and reading.
//
// The code finds files beside its modules through `import.meta.url`
// (package.json, the JSON Schemas, the generated validators). In the bundle
// each module's `import.meta.url` is rewritten to the URL its compiled file
// has, relative to the bundle's, so those files are found where the build put
// them and the folder can still be moved as a whole. The other compiled
// modules stay in dist/ for the library entry point (dist/src/index.js).
import { readFile, rename } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";

/** The esbuild module, or null when it is not installed (the unbundled executable then stays). */
export async function loadEsbuild() {
  try {
    return await import("esbuild");
  } catch {
    return null;
  }
}

/** Bundles `entry` (a compiled module) into itself. */
export async function bundleCli(esbuild, entry) {
  const outfile = `${entry}.bundle-tmp`;
  const outDir = dirname(entry);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // CommonJS dependencies bundled into an ES module call `require` for Node's built-ins.
    banner: {
      js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);',
    },
    plugins: [
      {
        name: "module-urls",
        setup(build) {
          build.onLoad({ filter: /\.js$/ }, async (args) => {
            const text = await readFile(args.path, "utf8");
            if (!text.includes("import.meta.url")) return { contents: text, loader: "js" };
            const rel = relative(outDir, args.path).split(sep).join("/");
            const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
            return { contents: text.replaceAll("import.meta.url", url), loader: "js" };
          });
        },
      },
    ],
  });
  await rename(outfile, entry);
}
