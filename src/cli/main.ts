#!/usr/bin/env node
// The github-data executable: wires the command line to the use cases. The
// chosen command's code is imported only once the command line is parsed
// (see commands/index.ts), so help, errors and each command start quickly.
import { lazyCommandHandlers } from "./commands/index.js";
import { limitHeapGrowth } from "./heap-growth.js";
import { runCli } from "./run-cli.js";

limitHeapGrowth(process.execArgv, process.env.NODE_OPTIONS);

process.exitCode = await runCli(
  process.argv.slice(2),
  process.env,
  { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY === true },
  lazyCommandHandlers,
);
