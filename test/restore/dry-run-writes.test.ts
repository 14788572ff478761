// The dry run counts every content-creating request the restore then makes:
// imports (comments inside them free), continuation comments of texts too long
// for one body, history comments, reviews carrying their comments, links —
// checked against the fake's own count of content-creating requests, on both
// datasets and through both issue paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareTarget } from "../../bench/restore-target.js";
import type { FakeGitHub } from "../../fake-github/index.js";
import { CONTENT_TYPES as CONTENT_SIDE } from "../../src/entities/index.js";
import { parseNumberSpec } from "../../src/selection/number-spec.js";
import {
  makeEveryoneAssignable,
  removeTempDirs,
  restore,
  restoreRequest,
  startFake,
} from "./support/pull-side.js";
import { saveBackup as saveSample } from "./support/setup.js";

afterAll(removeTempDirs);

const UNPACED = { minWriteIntervalMs: 0, contentPerMinute: 1_000_000, contentPerHour: 1_000_000 };

describe.each(["small", "tricky"] as const)("the dry run's write count on %s", (dataset) => {
  let fake: FakeGitHub;
  let backup: string;

  beforeAll(async () => {
    fake = await startFake(dataset, 5);
    makeEveryoneAssignable(fake.store);
    backup = await saveSample(fake, CONTENT_SIDE, { real: true });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
  });

  it.each([
    ["auto", "all"],
    ["never", "all"],
    ["auto", "1-20"],
  ] as const)(
    "equals the restore's content-creating requests (import API %s, numbers %s)",
    async (importApi, numbers) => {
      const target = `counted-${importApi}-${numbers}`;
      // A selection leaves some sub-issue links with an end that is not restored: skipped, not planned.
      const some = numbers === "all" ? ({ kind: "all" } as const) : parseNumberSpec(numbers, "test");
      // The registry's restorers (no `restorers` override): every type as the CLI runs it.
      const { restorers: _, ...request } = restoreRequest(fake, backup, target, {
        importApi,
        selection: {
          entities: new Set(CONTENT_SIDE),
          issues: some,
          pullRequests: some,
        },
        contentLimits: UNPACED,
      });
      // Ready for every content type: discussions on, the wiki's first page made (web-only on GitHub).
      await prepareTarget(fake, "octo-org", target);
      const dry = await restore({ ...request, dryRun: true });
      expect(dry.exitCode).toBe(0);
      const planned = dry.plan?.contentCreating ?? 0;
      fake.resetStats();
      const real = await restore(request);
      expect(real.exitCode).toBe(0);
      expect(planned).toBeGreaterThan(0);
      expect(planned).toBe(fake.stats.contentCreated);
    },
    60_000,
  );
});
