// The executable's handlers import each command's module on first call; they
// must behave exactly like the command functions themselves.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CommandHandlers, lazyCommandHandlers } from "../../src/cli/commands/index.js";
import { restoreCommand } from "../../src/cli/commands/restore/run.js";
import { saveCommand } from "../../src/cli/commands/save/run.js";
import { siteCommand } from "../../src/cli/commands/site/run.js";
import { verifyCommand } from "../../src/cli/commands/verify/run.js";
import { runCli } from "../../src/cli/run-cli.js";
import { memoryStream } from "./helpers.js";

const eager: CommandHandlers = {
  save: saveCommand,
  restore: restoreCommand,
  verify: verifyCommand,
  site: siteCommand,
};
const ENV = { GITHUB_TOKEN: "ghp_lazyCommandsTestToken123" };
const parent = mkdtempSync(join(tmpdir(), "gd-lazy-"));
const missing = join(parent, "missing");

afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
});

async function run(argv: string[], handlers: CommandHandlers) {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const code = await runCli(argv, ENV, { stdout, stderr, isTTY: false }, handlers);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("lazyCommandHandlers", () => {
  it.each([[["verify", missing]], [["restore", missing, "o/r", "--api-url", "http://127.0.0.1:9"]]])(
    "%j: same exit code and output as the command itself",
    async (argv) => {
      const lazy = await run(argv, lazyCommandHandlers);
      expect(lazy.code).toBe(2);
      expect(lazy.stderr).toMatch(/^error: .*missing/);
      expect(lazy).toEqual(await run(argv, eager));
    },
  );
});
