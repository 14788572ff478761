// The lines an incremental save ends with: what changed, and what
// --verify-full found that the incremental checks alone would have missed.
import { describe, expect, it } from "vitest";
import { changesLine, verifyLine } from "../../src/cli/commands/save/changes-line.js";

describe("the closing lines of save --incremental", () => {
  const built_on = { started_at: "2026-01-01T00:00:00Z", finished_at: "2026-01-01T00:10:00Z" };

  it("names the types that changed, or says nothing did", () => {
    const base = { built_on, since: "2025-12-31T23:50:00Z", history: [] };
    expect(changesLine({ ...base, changes: { issues: { added: 0, changed: 0, deleted: 0 } } })).toBe(
      "nothing changed since the save of 2026-01-01T00:00:00Z",
    );
    expect(changesLine({ ...base, changes: { issues: { added: 1, changed: 2, deleted: 3 } } })).toBe(
      "changed since the save of 2026-01-01T00:00:00Z: issues +1 ~2 -3",
    );
  });

  it("lists what --verify-full found beyond the incremental checks", () => {
    expect(verifyLine({ issues: [], pull_requests: [], comment_threads: [] })).toBe(
      "verify-full: the full comparison found nothing the incremental checks missed",
    );
    expect(verifyLine({ issues: [4, 9], pull_requests: [], comment_threads: [12] })).toBe(
      "verify-full: read again what the incremental checks missed: issues #4 #9; comment threads #12",
    );
  });
});
