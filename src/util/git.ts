// Runs the git CLI. Credentials reach git only through environment-provided
// configuration (GIT_CONFIG_COUNT/KEY/VALUE), which git never writes to the
// repository's config and which does not show in process listings.
import { spawn } from "node:child_process";

export interface GitOptions {
  cwd?: string;
  /** An "Authorization: …" header for http.extraHeader. */
  authHeader?: string;
  signal?: AbortSignal;
  redact?: (text: string) => string;
}

export class GitError extends Error {}

export function runGit(args: string[], options: GitOptions = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", LC_ALL: "C" };
  if (options.authHeader) {
    env.GIT_CONFIG_COUNT = "1";
    env.GIT_CONFIG_KEY_0 = "http.extraHeader";
    env.GIT_CONFIG_VALUE_0 = options.authHeader;
  }
  const redact = options.redact ?? ((text: string) => text);
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: options.cwd,
      env,
      signal: options.signal,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) =>
      reject(new GitError(redact(`git ${args[0]} could not run: ${error.message}`))),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else {
        const message = Buffer.concat(err).toString("utf8").trim().split("\n").pop() ?? "";
        reject(new GitError(redact(`git ${args[0]} failed (exit ${code}): ${message}`)));
      }
    });
  });
}
