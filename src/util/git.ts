// Runs the git CLI with a minimal environment and hardening configuration.
// Credentials reach git only through environment-provided configuration
// (GIT_CONFIG_COUNT/KEY/VALUE), which git never writes to the repository's
// config and which does not show in process listings. Nothing of the caller's
// environment that could steer git (GIT_DIR, GIT_CONFIG_*, the token) is
// inherited; repositories are always named explicitly (--git-dir), never found
// from the working directory.
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";

export interface GitOptions {
  /** The repository to run in (passed as --git-dir); omitted for clone, ls-remote, init. */
  gitDir?: string;
  /** An "Authorization: …" header for http.extraHeader. */
  authHeader?: string;
  /**
   * Send `authHeader` only to URLs under this one (http.<url>.extraHeader), not
   * to every host: git-lfs downloads from storage hosts that must not see the token.
   */
  authScope?: string;
  /** More configuration for this run (after the hardening, which it may not loosen). */
  config?: ReadonlyArray<readonly [string, string]>;
  signal?: AbortSignal;
  redact?: (text: string) => string;
  /** Written to git's standard input (e.g. `mktree`); none by default. */
  input?: string;
  /** More environment for this run (settings of a helper git starts, such as git-lfs's Go runtime). */
  env?: Readonly<Record<string, string>>;
}

export class GitError extends Error {}

/** Variables git and its transports may need from the local environment; no GIT_*, no token. */
const INHERITED = [
  "PATH",
  "HOME",
  "TMPDIR",
  "SYSTEMROOT",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "CURL_CA_BUNDLE",
];

/**
 * Configuration given to every git run. Command-line configuration outranks
 * any repository's own config, so a hostile config cannot bring back code
 * execution through these keys; only http(s) transports are allowed (no ext::,
 * file:// or local paths that would run upload-pack in another repository).
 */
export const HARDENING_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ["core.fsmonitor", "false"],
  ["core.hooksPath", "/dev/null"],
  ["core.sshCommand", "false"],
  ["core.gitProxy", ""],
  ["core.askPass", ""],
  ["credential.helper", ""],
  ["protocol.allow", "never"],
  ["protocol.https.allow", "always"],
  ["protocol.http.allow", "always"],
  ["protocol.ext.allow", "never"],
  ["protocol.file.allow", "never"],
  ["safe.bareRepository", "explicit"],
  ["submodule.recurse", "false"],
];

/** The environment of a git child: a few local settings, the hardening config, the auth header. */
export function gitEnvironment(
  authHeader?: string,
  source: NodeJS.ProcessEnv = process.env,
  extra: Pick<GitOptions, "authScope" | "config" | "env"> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...extra.env };
  for (const name of INHERITED) if (source[name] !== undefined) env[name] = source[name];
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_ASKPASS = "";
  env.GIT_NO_REPLACE_OBJECTS = "1";
  env.LC_ALL = "C";
  const config: Array<readonly [string, string]> = [...(extra.config ?? []), ...HARDENING_CONFIG];
  if (authHeader)
    config.push([extra.authScope ? `http.${extra.authScope}.extraHeader` : "http.extraHeader", authHeader]);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

export async function runGit(args: string[], options: GitOptions = {}): Promise<string> {
  return (await runGitBytes(args, options)).toString("utf8");
}

/** `runGit`, its output as bytes (object contents whose lengths git counts in bytes). */
export function runGitBytes(args: string[], options: GitOptions = {}): Promise<Buffer> {
  const env = gitEnvironment(options.authHeader, process.env, options);
  const redact = options.redact ?? ((text: string) => text);
  const fullArgs = options.gitDir ? [`--git-dir=${options.gitDir}`, ...args] : args;
  return new Promise((resolve, reject) => {
    const child = spawn("git", fullArgs, {
      // A neutral working directory: git never discovers a repository from it.
      cwd: tmpdir(),
      env,
      signal: options.signal,
      stdio: ["pipe", "pipe", "pipe"],
    });
    // Standard input is closed at once when there is nothing to write.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) =>
      reject(new GitError(redact(`git ${args[0]} could not run: ${error.message}`))),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else {
        const message = Buffer.concat(err).toString("utf8").trim().split("\n").pop() ?? "";
        reject(new GitError(redact(`git ${args[0]} failed (exit ${code}): ${message}`)));
      }
    });
  });
}
