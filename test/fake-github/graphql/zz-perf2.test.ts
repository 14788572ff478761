import { test } from "vitest";
import { makeEnv } from "./helpers.js";
test("perf2", async () => {
  const env = makeEnv("large");
  const repo = env.ds.repo;
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    let count = 0;
    for (const issue of repo.issues.values()) if (issue.pull === null) count++;
    const a = performance.now() - t;
    t = performance.now();
    let ok = 0;
    for (const issue of repo.issues.values()) if (repo.issues.get(issue.number) === issue) ok++;
    const b = performance.now() - t;
    t = performance.now();
    let s = 0;
    for (const issue of repo.issues.values()) { const k = [issue.updated_at, issue.number]; s += k.length; }
    const c = performance.now() - t;
    console.log({ count, a, b, c, ok, s, size: repo.issues.size });
  }
});
