// The ref names an updated mirror writes straight into packed-refs: every
// name accepted must be one git itself accepts (git reads packed-refs without
// the checks update-ref makes); a name refused sends the save to a full clone.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isPlainRefName } from "../../src/entities/shared/mirror-seed.js";

function gitAccepts(name: string): boolean {
  try {
    execFileSync("git", ["check-ref-format", name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const ACCEPTED = [
  "refs/heads/main",
  "refs/heads/feature/x-1",
  "refs/tags/v1.0.0",
  "refs/pull/12/head",
  "refs/heads/ünïcödé-🚀",
  "refs/heads/a.b",
];
const REFUSED = [
  "HEAD",
  "heads/main",
  "refs/heads/",
  "refs/heads//x",
  "refs/heads/.hidden",
  "refs/heads/x.lock",
  "refs/heads/a..b",
  "refs/heads/x.",
  "refs/heads/a b",
  "refs/heads/a\tb",
  "refs/heads/a\u007fb",
  "refs/heads/a~1",
  "refs/heads/a^",
  "refs/heads/a:b",
  "refs/heads/a?",
  "refs/heads/a*",
  "refs/heads/a[b",
  "refs/heads/a\\b",
  "refs/heads/a@{1}",
];

describe("isPlainRefName", () => {
  it("accepts the names GitHub gives branches, tags and pull requests", () => {
    for (const name of ACCEPTED) expect([name, isPlainRefName(name)]).toEqual([name, true]);
  });
  it("refuses what git refuses, and what is not under refs/", () => {
    for (const name of REFUSED) expect([name, isPlainRefName(name)]).toEqual([name, false]);
  });
  it("never accepts a name git would not", () => {
    for (const name of [...ACCEPTED, ...REFUSED])
      if (isPlainRefName(name)) expect([name, gitAccepts(name)]).toEqual([name, true]);
  });
});
