// `verify` on a folder of the Python github-data tool: structure, JSON and the
// references between its files, with what it cannot check said.
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPythonBackup } from "../../../src/restore/python-verify.js";
import { copyOfPythonFixture } from "../support/python-fixture.js";
import { removeTempDirs } from "../support/setup.js";

afterAll(removeTempDirs);

const copy = () => copyOfPythonFixture("gd-python-verify-");

describe("verify of a Python-format folder", () => {
  it("finds the tool's real output intact, and says what it cannot check", async () => {
    const report = await verifyPythonBackup(copy());
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files).toBe(10);
    expect(report.records).toBeGreaterThan(40);
    expect(report.unchecked.join("\n")).toMatch(/no manifest and no checksums/);
  });

  it("reports an unfinished save, broken JSON and comments on issues the folder lacks", async () => {
    const dir = copy();
    rmSync(join(dir, "releases.json"));
    writeFileSync(join(dir, "pr_reviews.json"), "[{");
    const comments = JSON.parse(readFileSync(join(dir, "comments.json"), "utf8")) as Array<
      Record<string, unknown>
    >;
    (comments[0] as Record<string, unknown>).issue_url = "http://127.0.0.1:1/acme/widgets/issues/999";
    writeFileSync(join(dir, "comments.json"), JSON.stringify(comments));
    const report = await verifyPythonBackup(dir);
    expect(report.ok).toBe(false);
    const text = report.problems.join("\n");
    expect(text).toMatch(/^pr_reviews\.json: /m);
    expect(text).toMatch(/looks unfinished: no releases\.json/);
    expect(text).toMatch(/comments\.json: 1 comment\(s\) on issues the folder does not have: #999/);
  });

  it("refuses a folder holding a symbolic link, without reading its files", async () => {
    const dir = copy();
    rmSync(join(dir, "labels.json"));
    symlinkSync("/etc/hostname", join(dir, "labels.json"));
    const report = await verifyPythonBackup(dir);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(["labels.json: is a symbolic link; a backup holds none"]);
    expect(report.records).toBe(0);
  });
});
