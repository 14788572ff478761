// Saving issue timelines: every modelled event type on every dataset with
// items, the medium dataset compared event by event with the server, and a
// timeline longer than one GraphQL page read to its end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { eventNodeId } from "../../fake-github/store/timeline.js";
import { ISSUE_EVENT_TYPES } from "../../src/entities/issue_events/record.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import * as E from "./expected.js";
import { saveRequest } from "./helpers.js";

const roots: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-events-"));
  roots.push(dir);
  return join(dir, "backup");
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe.each(["small", "tricky", "medium"] as const)("issue events of the %s dataset", (dataset) => {
  it("saves every event of every timeline as the server holds it, every type included", async () => {
    const fake = await startFakeGitHub({ dataset, seed: 5 });
    try {
      const repo = findRepo(fake.store, "octo-org", "sample");
      if (!repo) throw new Error("no sample repository");
      // One issue with a timeline of several GraphQL pages.
      const first = repo.issues.get(1);
      if (!first) throw new Error("no issue #1");
      for (let i = 0; i < 250; i++) {
        const id = fake.store.nextId();
        repo.events.push({
          id,
          node_id: eventNodeId("labeled", id),
          issue_number: 1,
          event: "labeled",
          actorId: first.userId,
          created_at: first.created_at,
          label: { name: `bulk-${i}`, color: "ededed" },
        });
      }
      const dir = freshDir();
      const result = await new SaveRepositoryUseCase().execute(
        saveRequest(fake, dir, { entities: ["issue_events"] }),
      );
      expect(result.results.map((r) => [r.name, r.status])).toEqual([["issue_events", "succeeded"]]);
      const saved = E.readJsonl(dir, "issue_events.jsonl");
      expect(saved.map(E.projectIssueEvent)).toEqual(E.expectedIssueEvents(fake.store, repo));
      expect(saved.filter((r) => r.issue_number === 1).length).toBeGreaterThan(250);
      expect(new Set(saved.map((r) => r.event))).toEqual(new Set(ISSUE_EVENT_TYPES));
    } finally {
      await fake.close();
    }
  });
});
