// The five label conflict strategies, against a target that already holds
// labels: one with the same name in other case and the same look, one with
// the same name and another colour (attached to an issue), and one of its own.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { findRepo } from "../../fake-github/store/create-store.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import type { LabelConflictStrategy } from "../../src/restore/types.js";
import {
  addTargetRepo,
  type EmptyFake,
  handBackup,
  label,
  ME,
  request,
  startEmptyFake,
} from "./support/fixtures.js";
import { removeTempDirs, restore } from "./support/setup.js";

afterAll(removeTempDirs);

const backupLabels = [
  label("bug", "d73a4a", "Broken"),
  label("docs", "0075ca"),
  label("new-one", "00ff00", "n"),
];

function setUpTarget(env: EmptyFake): FakeRepo {
  const repo = addTargetRepo(env.store, "target");
  const add = (name: string, color: string, description: string | null) => {
    const id = env.store.nextId();
    repo.labels.push({ id, node_id: `LA_t${id}`, name, color, description, default: false });
    return id;
  };
  add("Bug", "d73a4a", "Broken");
  const docs = add("docs", "cccccc", null);
  add("wontfix", "ffffff", null);
  const issueId = env.store.nextId();
  repo.issues.set(1, {
    id: issueId,
    node_id: `I_${issueId}`,
    number: 1,
    title: "existing",
    body: null,
    state: "open",
    state_reason: null,
    locked: false,
    active_lock_reason: null,
    userId: env.me.id,
    labelIds: [docs],
    assigneeIds: [],
    milestoneNumber: null,
    created_at: env.store.now(),
    updated_at: env.store.now(),
    closed_at: null,
    closedById: null,
    author_association: "OWNER",
    pull: null,
    subIssueIds: [],
    parentId: null,
  });
  repo.nextIssueNumber = 2;
  return repo;
}

const view = (repo: FakeRepo) =>
  repo.labels.map((l) => `${l.name}:${l.color}:${l.description ?? ""}`).sort((a, b) => a.localeCompare(b));

async function run(env: EmptyFake, strategy: LabelConflictStrategy, labels = backupLabels, backup?: string) {
  const dir = backup ?? (await handBackup({ labels }));
  return restore(
    request(env, dir, "target", {
      labelConflict: strategy,
      selection: { entities: new Set(["labels"]), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    }),
  );
}

describe("label conflict strategies", () => {
  let env: EmptyFake;
  let repo: FakeRepo;
  beforeEach(async () => {
    env = await startEmptyFake();
    repo = setUpTarget(env);
  });
  afterEach(() => env.close());

  it("skip: creates the missing labels and leaves existing ones alone", async () => {
    const result = await run(env, "skip");
    expect(result.exitCode).toBe(0);
    expect(view(repo)).toEqual(["Bug:d73a4a:Broken", "docs:cccccc:", "new-one:00ff00:n", "wontfix:ffffff:"]);
    expect(result.results.find((r) => r.name === "labels")).toMatchObject({ records: 1, skipped: 2 });
  });

  it("fail-if-existing: fails without changing anything", async () => {
    const before = view(repo);
    const result = await run(env, "fail-if-existing");
    expect(result.exitCode).toBe(1);
    expect(result.results.find((r) => r.name === "labels")?.error).toMatch(/already has 3 label/);
    expect(view(repo)).toEqual(before);
  });

  it("fail-if-existing: succeeds on a repository it creates, ignoring GitHub's default labels", async () => {
    const dir = await handBackup({ labels: backupLabels });
    const result = await restore(
      request(env, dir, "fresh", {
        labelConflict: "fail-if-existing",
        selection: { entities: new Set(["labels"]), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      }),
    );
    expect(result.exitCode).toBe(0);
    // And a rerun does not trip over what the first run made.
    const again = await restore(
      request(env, dir, "fresh", {
        labelConflict: "fail-if-existing",
        selection: { entities: new Set(["labels"]), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      }),
    );
    expect(again.exitCode).toBe(0);
  });

  it.each(["skip", "fail-if-existing", "overwrite", "delete-all"] as const)(
    "%s: a repository it creates ends with exactly the source's labels (GitHub's defaults deleted or taken over)",
    async (strategy) => {
      const dir = await handBackup({ labels: [...backupLabels, label("wontfix", "000000", "Source's own")] });
      const result = await restore(
        request(env, dir, `fresh-${strategy}`, {
          labelConflict: strategy,
          selection: {
            entities: new Set(["labels"]),
            issues: { kind: "all" },
            pullRequests: { kind: "all" },
          },
        }),
      );
      expect(result.exitCode).toBe(0);
      const fresh = findRepo(env.store, ME, `fresh-${strategy}`) as FakeRepo;
      const got = fresh.labels.map((l) => `${l.name} ${l.color} ${l.description ?? ""}`).sort();
      expect(got).toEqual(
        ["bug d73a4a Broken", "docs 0075ca ", "new-one 00ff00 n", "wontfix 000000 Source's own"].sort(),
      );
    },
  );

  it("fail-if-conflict: fails on a same-named label that looks different, changing nothing", async () => {
    const before = view(repo);
    const result = await run(env, "fail-if-conflict");
    expect(result.exitCode).toBe(1);
    expect(result.results.find((r) => r.name === "labels")?.error).toMatch(/"docs"/);
    expect(view(repo)).toEqual(before);
  });

  it("fail-if-conflict: a same-named label that looks the same (any case) is no conflict", async () => {
    const result = await run(env, "fail-if-conflict", [
      label("BUG", "D73A4A", "Broken"),
      label("new-one", "00ff00", "n"),
    ]);
    expect(result.exitCode).toBe(0);
    expect(view(repo)).toContain("new-one:00ff00:n");
  });

  it("overwrite: updates in place (keeping issues labelled) and creates the missing", async () => {
    const docsId = repo.labels.find((l) => l.name === "docs")?.id;
    const result = await run(env, "overwrite");
    expect(result.exitCode).toBe(0);
    expect(view(repo)).toEqual(["bug:d73a4a:Broken", "docs:0075ca:", "new-one:00ff00:n", "wontfix:ffffff:"]);
    expect(repo.labels.find((l) => l.name === "docs")?.id).toBe(docsId);
    expect(repo.issues.get(1)?.labelIds).toEqual([docsId]);
  });

  it("delete-all: deletes every existing label, then creates the backup's", async () => {
    const dir = await handBackup({ labels: backupLabels });
    const result = await run(env, "delete-all", backupLabels, dir);
    expect(result.exitCode).toBe(0);
    expect(view(repo)).toEqual(["bug:d73a4a:Broken", "docs:0075ca:", "new-one:00ff00:n"]);
    // Running it again deletes nothing it made itself.
    const ids = repo.labels.map((l) => l.id).sort();
    expect((await run(env, "delete-all", backupLabels, dir)).exitCode).toBe(0);
    expect(repo.labels.map((l) => l.id).sort()).toEqual(ids);
  });
});
