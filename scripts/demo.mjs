// npm run demo: starts the fake GitHub server with the built-in `small`
// dataset (on 127.0.0.1, with a little latency so progress is visible) and
// saves it into ./demo-backup with the real CLI, printing its summary.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { startFakeGitHub } = await import(join(root, "dist/fake-github/index.js"));
const out = join(root, "demo-backup");

// Only ever remove a previous demo backup (a folder with a manifest or a save state).
if (existsSync(join(out, "manifest.json")) || existsSync(join(out, ".github-data"))) {
  rmSync(out, { recursive: true, force: true });
}

const fake = await startFakeGitHub({ dataset: "small", seed: 1, git: true, latencyMs: 20, jitterMs: 10 });
const repo = `${fake.dataset.repo.ownerLogin}/${fake.dataset.repo.name}`;
console.error(`demo: fake GitHub at ${fake.url} serving ${repo}`);
const child = spawn(
  process.execPath,
  [join(root, "dist/src/cli/main.js"), "save", repo, "--out", out, "--api-url", fake.url],
  { stdio: "inherit", env: { ...process.env, GITHUB_TOKEN: fake.token } },
);
const code = await new Promise((resolve) => child.on("close", resolve));
await fake.close();
if (code === 0)
  console.error(`demo: backup written to ${out} — check it with: npx github-data verify demo-backup`);
process.exit(code ?? 1);
