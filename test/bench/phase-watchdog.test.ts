// A benchmark phase in which no request reaches the fake fails with one line
// naming what the restore waited for, and its restore is aborted.
import { describe, expect, it } from "vitest";
import { type PhaseHooks, PhaseStalledError, watchPhase } from "../../bench/phase-watchdog.js";
import type { FakeGitHub } from "../../fake-github/index.js";

function quietFake(): FakeGitHub {
  return { stats: { total: 7, inFlight: 0 } } as unknown as FakeGitHub;
}

describe("watchPhase", () => {
  it("fails a phase without requests, naming the running jobs and the client's last wait", async () => {
    let hooks: PhaseHooks | undefined;
    const phase = watchPhase("the unpaced restore", quietFake(), 50, (given) => {
      hooks = given;
      given.onEvent({ type: "started", job: "labels", attempt: 1, at: new Date() });
      given.onEvent({ type: "started", job: "issues", attempt: 1, at: new Date() });
      given.onEvent({ type: "succeeded", job: "labels", records: 1, durationMs: 1, at: new Date() });
      given.log.debug(
        "Delaying PATCH /repos/{owner}/{repo}/issues/{issue_number} by 60000 ms for the rest budget",
        {
          reason: "budget",
          budget: "rest",
          route: "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
          until: Date.now() + 60_000,
          waitMs: 60_000,
        },
      );
      return new Promise<never>(() => {});
    });
    const error = await phase.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhaseStalledError);
    const line = (error as Error).message;
    expect(line).toMatch(
      /^the unpaced restore: stalled, no request reached the fake for \d+ s \(0 in flight\)/,
    );
    expect(line).toContain("jobs running: issues;");
    expect(line).toContain(
      "PATCH /repos/{owner}/{repo}/issues/{issue_number} held 60.0 s for its rest budget",
    );
    expect(line).not.toContain("\n");
    expect(hooks?.signal.aborted).toBe(true);
  });

  it("returns the phase's result when it ends", async () => {
    await expect(watchPhase("the dry run", quietFake(), 60_000, async () => 42)).resolves.toBe(42);
  });
});
