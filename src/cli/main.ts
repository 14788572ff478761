#!/usr/bin/env node
// The github-data executable: wires the command line to the use cases.
import { restoreCommand } from "./commands/restore.js";
import { saveCommand } from "./commands/save.js";
import { verifyCommand } from "./commands/verify.js";
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(
  process.argv.slice(2),
  process.env,
  { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY === true },
  { save: saveCommand, restore: restoreCommand, verify: verifyCommand },
);
