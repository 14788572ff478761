// The restorer registry: one restorer per job name, dependencies that name
// other restorers, and the issue side's order constraints.
import { describe, expect, it } from "vitest";
import { restorersFor } from "../../src/entities/index.js";
import { ENTITY_NAMES } from "../../src/entities/names.js";

const RESTORERS = await restorersFor(new Set(ENTITY_NAMES));

describe("restore registry", () => {
  it("lists each entity once, with dependencies on listed entities", async () => {
    const names = RESTORERS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RESTORERS) for (const d of r.dependsOn) expect(names).toContain(d);
    expect((await restorersFor(new Set(ENTITY_NAMES))).length).toBe(RESTORERS.length);
  });

  it("orders the issue side: labels and milestones, then issues, then comments and sub-issues", async () => {
    const deps = Object.fromEntries(RESTORERS.map((r) => [r.name, [...r.dependsOn].sort()]));
    expect(deps.issues).toEqual(["labels", "milestones"]);
    expect(deps.issue_comments).toEqual(["issues"]);
    expect(deps.sub_issues).toEqual(["issues"]);
    expect((await restorersFor(new Set(["issues"]))).map((r) => r.name)).toEqual(["issues"]);
  });
});
