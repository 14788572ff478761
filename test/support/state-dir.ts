// Every test file gets its own restore state directory, so journals (keyed by
// the target's id, which the fake server's seeded data repeats) never leak
// between files or into the user's ~/.local/state. CLI runs inherit it through
// baseEnv (test/reliability/cli-harness.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "gd-state-"));
process.env.GITHUB_DATA_STATE_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
