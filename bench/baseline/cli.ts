// The baseline as a process of its own, so the benchmark measures it exactly
// like github-data's CLI: `node cli.js OWNER/REPO OUT_DIR API_URL CONCURRENCY`,
// token from GITHUB_TOKEN. Job events go to stderr as JSON lines; the result
// goes to stdout as one JSON line.
import { phaseSave } from "./phase-save.js";

const [target, outDir, apiUrl, concurrencyText] = process.argv.slice(2);
const token = process.env.GITHUB_TOKEN ?? "";
const [owner, repo] = (target ?? "").split("/");
if (!owner || !repo || !outDir || !apiUrl || !token) {
  process.stderr.write("usage: GITHUB_TOKEN=… node cli.js OWNER/REPO OUT_DIR API_URL [CONCURRENCY]\n");
  process.exit(2);
}
try {
  const result = await phaseSave({
    repo: { owner, repo },
    outDir,
    token,
    apiUrl,
    concurrency: Number(concurrencyText ?? 10),
    onEvent: (line) => process.stderr.write(`${JSON.stringify(line)}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.exitCode;
} catch (error) {
  process.stderr.write(`baseline failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
