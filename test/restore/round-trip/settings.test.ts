// A round trip of the repository's settings and people on `small` and `tricky` (with git,
// so the protected branch exists in the target): save, restore into a new
// repository with --invite-collaborators and --webhooks, compare, and rerun
// (zero writes). A dry run lists every change; without the opt-in flags no
// one is invited and no webhook is created.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import type { EntityName } from "../../../src/entities/names.js";
import type { RestoreRepositoryRequest } from "../../../src/restore/restore-repository.js";
import { SaveRepositoryUseCase } from "../../../src/save/save-repository.js";
import { saveRequest } from "../../save/helpers.js";
import { restoreInto } from "../support/restore-into.js";

// The git mirror gives the target its branches; the issue side is other tests' business.
const entities = new Set<EntityName>([
  "git_repo",
  "repository",
  "branch_protection",
  "rulesets",
  "collaborators",
  "teams",
  "webhooks",
  "security_advisories",
]);

describe.each(["small", "tricky"] as const)("settings round trip of %s", (dataset) => {
  let fake: FakeGitHub;
  let root: string;
  let backup: string;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 2, git: true });
    root = mkdtempSync(join(tmpdir(), "gd-settings-rt-"));
    backup = join(root, "backup");
    const saved = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, backup, { entities: [...entities] }),
    );
    expect(saved.exitCode).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  const restore = (target: string, extra: Partial<RestoreRepositoryRequest> = {}) =>
    restoreInto(fake, backup, entities, target, extra);

  const repoNamed = (name: string) => fake.store.repos.get(`octo-org/${name}`) as FakeRepo;
  const writes = () =>
    Object.entries(fake.stats.byRoute)
      .filter(([route]) => !route.startsWith("GET ") && route !== "POST /graphql")
      .reduce((sum, [, n]) => sum + n, 0);

  it("restores settings, topics, protection, rulesets, collaborators and inactive webhooks; a rerun writes nothing", async () => {
    const source = repoNamed("sample");
    const first = await restore("copy", { inviteCollaborators: true, webhooks: true });
    expect(first.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(first.exitCode).toBe(0);
    const copy = repoNamed("copy");

    expect(copy.description).toBe(source.description);
    expect({ ...copy.settings, topics: [...copy.settings.topics].sort() }).toEqual({
      ...source.settings,
      topics: [...source.settings.topics].sort(),
    });
    expect([...copy.protections.keys()].sort()).toEqual([...source.protections.keys()].sort());
    // Signed commits included (an endpoint of their own); users and teams are the same (one organisation, one server).
    for (const [branch, protection] of source.protections) {
      expect(copy.protections.get(branch), branch).toEqual(protection);
    }
    if (dataset === "tricky")
      expect([...source.protections.values()].some((p) => p.required_signatures)).toBe(true);
    expect(copy.rulesets.map((r) => [r.name, r.enforcement, r.rules, r.conditions, r.bypass_actors])).toEqual(
      source.rulesets.map((r) => [r.name, r.enforcement, r.rules, r.conditions, r.bypass_actors]),
    );
    // Everyone but the token's own account, which administers the target already.
    const me = fake.dataset?.tokenUser.id;
    expect(copy.collaborators.map((c) => [c.userId, c.role_name]).sort()).toEqual(
      source.collaborators
        .filter((c) => c.userId !== me)
        .map((c) => [c.userId, c.role_name])
        .sort(),
    );
    // Inactive, without secrets, and without the credentials a URL carried (tricky has one).
    // Credentials and token-like query values are not saved; the rest of the query is.
    const withoutCredentials = (url: string) =>
      url.replace(/\/\/[^/@]*@/, "//").replace(/([?&]token=)[^&]*/, "$1REDACTED");
    expect(copy.hooks.map((h) => [h.config.url, h.active, h.config.secret])).toEqual(
      source.hooks.map((h) => [withoutCredentials(h.config.url), false, null]),
    );
    expect(first.warnings.join("\n")).toMatch(/created inactive and without secrets/);

    fake.resetStats();
    const again = await restore("copy", { inviteCollaborators: true, webhooks: true });
    expect(again.exitCode).toBe(0);
    expect(writes()).toBe(0);
  });

  it("lists every change on a dry run, and without the opt-in flags invites no one and creates no webhook", async () => {
    fake.resetStats();
    const dry = await restore("dry", { dryRun: true, inviteCollaborators: true, webhooks: true });
    expect(dry.exitCode).toBe(0);
    expect(writes()).toBe(0);
    const planned = dry.plan?.actions.filter((a) =>
      ["repository", "branch_protection", "rulesets", "collaborators", "webhooks"].includes(a.entity),
    );
    const source = repoNamed("sample");
    const me = fake.dataset?.tokenUser.id;
    const count = (entity: string) => planned?.filter((a) => a.entity === entity).length;
    expect(count("repository"), JSON.stringify(planned)).toBe(2); // settings, topics
    expect(count("branch_protection")).toBe(source.protections.size);
    expect(count("rulesets")).toBe(source.rulesets.length);
    expect(count("collaborators")).toBe(source.collaborators.filter((c) => c.userId !== me).length);
    expect(count("webhooks")).toBe(source.hooks.length);

    const plain = await restore("plain");
    expect(plain.exitCode).toBe(0);
    const copy = repoNamed("plain");
    expect(copy.collaborators).toEqual([]);
    expect(copy.hooks).toEqual([]);
    expect(copy.protections.has("main")).toBe(true);
  });

  it("reports the teams a target under another owner lacks, and restores the rest of the protection", async () => {
    const owner = fake.dataset?.tokenUser.login ?? "";
    const result = await restore("elsewhere", { target: { owner, repo: "elsewhere" } });
    expect(result.exitCode).toBe(0);
    expect(result.warnings.join("\n")).toMatch(
      /protection of main: team core does not exist in the target's organisation; left out/,
    );
    const copy = fake.store.repos.get(`${owner}/elsewhere`.toLowerCase()) as FakeRepo;
    const source = repoNamed("sample");
    expect(copy.protections.get("main")?.restrictions).toEqual({
      userIds: source.protections.get("main")?.restrictions?.userIds,
      teamIds: [],
    });
    expect(copy.rulesets.map((r) => r.bypass_actors.map((a) => a.actor_type))).toEqual(
      source.rulesets.map((r) =>
        r.bypass_actors.filter((a) => a.actor_type !== "Team").map((a) => a.actor_type),
      ),
    );
  });
});
