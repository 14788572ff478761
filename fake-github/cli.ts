#!/usr/bin/env node
// `fake-github`: runs the fake GitHub server from the command line until
// SIGINT/SIGTERM, e.g.
//   fake-github --dataset medium --seed 1 --port 0 --latency-ms 80 --jitter-ms 20 --git
// and prints one line: "fake-github listening on http://127.0.0.1:PORT token=<token>".
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import { datasetConfigs } from "./data/configs.js";
import type { DatasetName } from "./data/generate.js";
import type { FakeKnobs } from "./limits/knobs.js";
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from "./server.js";

function number(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new InvalidArgumentError("expected a non-negative number");
  return parsed;
}

function probability(value: string): number {
  const parsed = number(value);
  if (parsed > 1) throw new InvalidArgumentError("expected a number from 0 to 1");
  return parsed;
}

interface CliFlags {
  dataset: string;
  seed: number;
  host: string;
  port: number;
  owner?: string;
  repo?: string;
  latencyMs?: number;
  jitterMs?: number;
  rateLimit?: number;
  graphqlRateLimit?: number;
  rateLimitWindowMs?: number;
  rateLimitStatus?: string;
  secondary?: boolean;
  secondaryWindowMs?: number;
  faults?: number;
  resetRate?: number;
  faultSeed?: number;
  listCap?: number;
  git?: boolean;
  gitRoot?: string;
}

function buildProgram(): Command {
  const datasets = [...Object.keys(datasetConfigs), "none"];
  return new Command("fake-github")
    .description("Run the fake GitHub server (REST, GraphQL, git over HTTP) on a generated dataset.")
    .addOption(new Option("--dataset <name>", "dataset to generate").choices(datasets).default("small"))
    .option("--seed <n>", "dataset, jitter and fault seed", number, 1)
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <n>", "port (0 = any free port)", number, 0)
    .option("--owner <login>", "owner of the generated repository")
    .option("--repo <name>", "name of the generated repository")
    .option("--latency-ms <ms>", "time from arrival to every answer, server work included", number)
    .option("--jitter-ms <ms>", "seeded uniform jitter of ± this around the latency", number)
    .option("--rate-limit <n>", "primary limit: core requests per window per user", number)
    .option("--graphql-rate-limit <n>", "primary limit: GraphQL points per window", number)
    .option("--rate-limit-window-ms <ms>", "primary limit window (default one hour)", number)
    .addOption(
      new Option("--rate-limit-status <status>", "status of an exceeded limit").choices(["403", "429"]),
    )
    .option("--secondary", "enable GitHub's secondary limits (100 in flight, 900 points/min/endpoint, ...)")
    .option("--secondary-window-ms <ms>", "length of the secondary limits' minute", number)
    .option("--faults <rate>", "share of requests answered 500/502/503", probability)
    .option("--reset-rate <rate>", "share of requests whose connection is dropped", probability)
    .option("--fault-seed <n>", "seed of the fault sequence (default: --seed)", number)
    .option(
      "--list-cap <n>",
      "items the repo-wide comment lists page through at most (0 = no cap; default 30000)",
      number,
    )
    .option("--git", "serve git repositories over HTTP (bare repos in a temp dir)")
    .option("--git-root <dir>", "directory for the bare repositories (kept on exit)")
    .showHelpAfterError();
}

/** Turns command-line flags into server options; throws (after printing to `writeErr`) on bad flags. */
export function optionsFromArgs(
  argv: string[],
  output: { writeOut?: (text: string) => void; writeErr?: (text: string) => void } = {},
): FakeGitHubOptions {
  const program = buildProgram().exitOverride().configureOutput(output);
  program.parse(argv, { from: "user" });
  const flags = program.opts<CliFlags>();
  const options: FakeGitHubOptions = { host: flags.host, port: flags.port, seed: flags.seed };
  if (flags.dataset !== "none") options.dataset = flags.dataset as DatasetName;
  if (flags.owner) options.owner = flags.owner;
  if (flags.repo) options.repo = flags.repo;
  if (flags.latencyMs !== undefined) options.latencyMs = flags.latencyMs;
  if (flags.jitterMs !== undefined) options.jitterMs = flags.jitterMs;
  if (
    flags.rateLimit !== undefined ||
    flags.graphqlRateLimit !== undefined ||
    flags.rateLimitWindowMs !== undefined
  ) {
    const rateLimit: NonNullable<FakeKnobs["rateLimit"]> = {};
    if (flags.rateLimit !== undefined) rateLimit.limit = flags.rateLimit;
    if (flags.graphqlRateLimit !== undefined) rateLimit.graphqlLimit = flags.graphqlRateLimit;
    if (flags.rateLimitWindowMs !== undefined) rateLimit.windowMs = flags.rateLimitWindowMs;
    options.rateLimit = rateLimit;
  }
  if (flags.rateLimitStatus) options.rateLimitStatus = flags.rateLimitStatus === "429" ? 429 : 403;
  if (flags.secondary || flags.secondaryWindowMs !== undefined)
    options.secondary = flags.secondaryWindowMs !== undefined ? { windowMs: flags.secondaryWindowMs } : {};
  if (flags.faults !== undefined || flags.resetRate !== undefined) {
    options.faults = { rate: flags.faults ?? 0 };
    if (flags.resetRate !== undefined) options.faults.resetRate = flags.resetRate;
    if (flags.faultSeed !== undefined) options.faults.seed = flags.faultSeed;
  }
  if (flags.listCap !== undefined) options.listCapItems = flags.listCap === 0 ? null : flags.listCap;
  if (flags.git) options.git = true;
  if (flags.gitRoot) options.gitRoot = flags.gitRoot;
  return options;
}

export function listeningLine(fake: FakeGitHub): string {
  return `fake-github listening on ${fake.url} token=${fake.token}`;
}

async function main(): Promise<void> {
  let options: FakeGitHubOptions;
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (error) {
    // commander already printed the message (or the help text).
    const code = (error as { exitCode?: number }).exitCode;
    process.exit(typeof code === "number" ? code : 2);
  }
  const fake = await startFakeGitHub(options);
  process.stdout.write(`${listeningLine(fake)}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main().catch((error: unknown) => {
    process.stderr.write(`fake-github: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
