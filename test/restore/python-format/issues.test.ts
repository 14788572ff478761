// A backup folder of the Python github-data tool (JSON arrays, node ids,
// "2025-01-01 12:00:00+00:00" times, no manifest) restores like ours, as far
// as it carries the data; a broken file stops the restore before any write.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { stripRestoreDecorations } from "../../../src/restore/bodies.js";
import { isoTime, numericId, readPythonRecords } from "../../../src/restore/python-format.js";
import { type EmptyFake, request, startEmptyFake } from "../support/fixtures.js";
import { plainIssues, removeTempDirs, restore, tempDir } from "../support/setup.js";

afterAll(removeTempDirs);

const user = (login: string) => ({
  login,
  id: `U_${login}`,
  avatar_url: "",
  html_url: `https://github.com/${login}`,
});
const milestone = {
  id: "MI_kwDOx1",
  number: 1,
  title: "v1.0",
  description: "First cut",
  state: "closed",
  creator: user("maya"),
  created_at: "2025-02-01 09:00:00+00:00",
  updated_at: "2025-03-01 09:00:00+00:00",
  due_on: "2025-03-01 08:00:00+00:00",
  closed_at: "2025-03-02 10:00:00+00:00",
  open_issues: 4,
  closed_issues: 0,
  html_url: "https://github.com/owner/repo/milestone/1",
};
const issueJson = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `I_kwDOi${n}`,
  number: n,
  title: `Python issue ${n}`,
  body: n === 3 ? "Steps, see #4" : null,
  state: "open",
  user: user("lee"),
  assignees: [],
  labels: [{ name: "bug", color: "d73a4a", description: null, url: "x", id: "LA_kwDOb1" }],
  milestone: n === 3 ? milestone : null,
  created_at: "2025-04-01 12:00:00+00:00",
  updated_at: "2025-04-02 08:30:00+00:00",
  closed_at: null,
  closed_by: null,
  state_reason: null,
  html_url: `https://github.com/owner/repo/issues/${n}`,
  comments_count: 0,
  sub_issues: [],
  ...extra,
});

function writePythonBackup(): string {
  const dir = join(tempDir(), "python-backup");
  mkdirSync(dir, { recursive: true });
  const write = (name: string, value: unknown) =>
    writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  write("labels.json", [
    { name: "bug", color: "d73a4a", description: "Broken behaviour", url: "u", id: "LA_kwDOAbc123" },
  ]);
  write("milestones.json", [milestone]);
  write("issues.json", [
    issueJson(3),
    issueJson(4, { state: "closed", closed_at: "2025-04-05 10:00:00+00:00" }),
  ]);
  write("comments.json", [
    {
      id: "IC_kwDOc9",
      body: "Reproduced on 2.1",
      user: user("sam"),
      created_at: "2025-04-01 13:00:00+00:00",
      updated_at: "2025-04-01 13:00:00+00:00",
      html_url: "https://github.com/owner/repo/issues/3#issuecomment-9001",
      issue_url: "https://api.github.com/repos/owner/repo/issues/3",
    },
  ]);
  write("sub_issues.json", [
    {
      sub_issue_id: "I_kwDOi4",
      sub_issue_number: 4,
      parent_issue_id: "I_kwDOi3",
      parent_issue_number: 3,
      position: 1,
    },
  ]);
  return dir;
}

describe("Python-format backups", () => {
  let env: EmptyFake;
  beforeEach(async () => {
    env = await startEmptyFake();
  });
  afterEach(() => env.close());

  it("adapts its records to ours", async () => {
    const dir = writePythonBackup();
    const issues = (await readPythonRecords(dir, "issues.jsonl")) as Array<Record<string, unknown>>;
    expect(issues[0]).toMatchObject({
      id: numericId("I_kwDOi3"),
      number: 3,
      created_at: "2025-04-01T12:00:00Z",
      milestone: { number: 1, title: "v1.0" },
      user: { login: "lee", type: "User" },
    });
    expect(await readPythonRecords(dir, "pull_requests.jsonl")).toBeNull();
    expect(isoTime("2025-01-01 12:00:00+02:00")).toBe("2025-01-01T10:00:00Z");
    expect(numericId("I_kwDOi3")).toBe(numericId("I_kwDOi3"));
  });

  it("restores labels, milestones, issues, comments and sub-issues from it", async () => {
    const dir = writePythonBackup();
    const result = await restore(request(env, dir, "from-python", { labelConflict: "overwrite" }));
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.warnings.join("\n")).toMatch(/Python github-data tool: it never recorded/);
    const repo = env.store.repos.get("me/from-python") as FakeRepo;
    const [three, four] = plainIssues(repo);
    expect(three?.title).toBe("Python issue 3");
    expect(stripRestoreDecorations(three?.body)).toBe(`Steps, see #${four?.number}`);
    expect(three?.body).toContain("Originally `#3` by @\u2060lee on 2025-04-01 12:00 UTC");
    expect(repo.milestones.find((m) => m.number === three?.milestoneNumber)).toMatchObject({
      title: "v1.0",
      state: "closed",
    });
    expect(four?.state).toBe("closed");
    expect(three?.subIssueIds).toEqual([four?.id]);
    expect(repo.comments.map((c) => stripRestoreDecorations(c.body))).toEqual(["Reproduced on 2.1"]);
    expect(repo.labels.find((l) => l.name === "bug")?.description).toBe("Broken behaviour");
  });

  it("stops before writing anything when a file is not valid JSON", async () => {
    const dir = writePythonBackup();
    writeFileSync(join(dir, "comments.json"), "[{");
    env.fake.resetStats();
    await expect(restore(request(env, dir, "never-made"))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/comments\.json is not valid JSON/),
    });
    expect(env.fake.stats.total).toBe(0);
  });
});
