// The repository's settings and people, saved end to end against the fake on
// `small` and `tricky`: every file equals the fake's state, and a token
// without admin rights (or without push access) gets clear skips, exit 0.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addToken, addUser, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo, FakeStore } from "../../fake-github/store/types.js";
import { verifyBackup } from "../../src/backup/verify.js";
import { RECORD_FILES } from "../../src/entities/index.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { saveRequest } from "./helpers.js";

const SETTINGS: EntityName[] = [
  "repository",
  "branch_protection",
  "rulesets",
  "collaborators",
  "teams",
  "webhooks",
  "security_advisories",
];

const roots: string[] = [];
const fakes: FakeGitHub[] = [];
afterAll(async () => {
  for (const fake of fakes) await fake.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function savedFrom(dataset: "small" | "tricky", token?: (fake: FakeGitHub) => string) {
  const fake = await startFakeGitHub({ dataset, seed: 6 });
  fakes.push(fake);
  const root = mkdtempSync(join(tmpdir(), "gd-settings-"));
  roots.push(root);
  const out = join(root, "out");
  const result = await new SaveRepositoryUseCase().execute(
    saveRequest(fake, out, { entities: SETTINGS, ...(token ? { token: token(fake) } : {}) }),
  );
  const lines = (file: string) =>
    readFileSync(join(out, file), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  const repo = fake.store.repos.get("octo-org/sample") as FakeRepo;
  return { fake, out, result, lines, repo, store: fake.store };
}

const login = (store: FakeStore, id: number) => store.users.get(id)?.login;
const slug = (store: FakeStore, id: number) => store.teams.find((t) => t.id === id)?.slug;

describe.each(["small", "tricky"] as const)("settings of %s", (dataset) => {
  it("equal the fake's state, file by file, and verify", async () => {
    const { out, result, lines, repo, store } = await savedFrom(dataset);
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(result.exitCode).toBe(0);

    const [saved] = lines("repository.json");
    const { topics, ...settings } = repo.settings;
    expect(saved).toMatchObject({
      ...settings,
      description: repo.description,
      default_branch: repo.default_branch,
    });
    expect(saved.topics).toEqual([...topics].sort());

    const protections = lines("branch_protection.jsonl");
    expect(protections.map((p) => p.branch)).toEqual([...repo.protections.keys()].sort());
    for (const p of protections) {
      const want = repo.protections.get(p.branch)!;
      expect(p.required_status_checks).toEqual(want.required_status_checks);
      expect(p.enforce_admins).toBe(want.enforce_admins);
      expect(p.allow_force_pushes).toBe(want.allow_force_pushes);
      expect(p.required_signatures).toBe(want.required_signatures);
      expect(p.restrictions?.users.map((u: { login: string }) => u.login) ?? null).toEqual(
        want.restrictions?.userIds.map((id) => login(store, id)) ?? null,
      );
      expect(p.restrictions?.teams.map((t: { slug: string }) => t.slug) ?? null).toEqual(
        want.restrictions?.teamIds.map((id) => slug(store, id)) ?? null,
      );
      expect(p.required_pull_request_reviews?.required_approving_review_count ?? null).toBe(
        want.required_pull_request_reviews?.required_approving_review_count ?? null,
      );
    }

    expect(lines("rulesets.jsonl")).toEqual(
      repo.rulesets.map((r) =>
        expect.objectContaining({
          id: r.id,
          name: r.name,
          target: r.target,
          enforcement: r.enforcement,
          conditions: r.conditions,
          rules: r.rules,
          bypass_actors: r.bypass_actors,
        }),
      ),
    );
    expect(lines("collaborators.jsonl").map((c) => [c.login, c.role_name])).toEqual(
      [...repo.collaborators]
        .sort((a, b) => a.userId - b.userId)
        .map((c) => [login(store, c.userId), c.role_name]),
    );
    expect(lines("teams.jsonl").map((t) => [t.slug, t.permission])).toEqual(
      [...repo.teamAccess]
        .sort((a, b) => a.teamId - b.teamId)
        .map((t) => [slug(store, t.teamId), t.permission]),
    );
    expect(lines("webhooks.jsonl").map((h) => [h.id, h.active, h.events, h.config.content_type])).toEqual(
      repo.hooks.map((h) => [h.id, h.active, [...h.events].sort(), h.config.content_type]),
    );
    expect(lines("security_advisories.jsonl").map((a) => [a.ghsa_id, a.state, a.severity])).toEqual(
      [...repo.advisories]
        .sort((a, b) => (a.ghsa_id < b.ghsa_id ? -1 : 1))
        .map((a) => [a.ghsa_id, a.state, a.severity]),
    );

    const verified = await verifyBackup(out, RECORD_FILES);
    expect(verified.problems).toEqual([]);
  });
});

describe("a token without admin rights", () => {
  it("gets a skip naming the permission for protection and webhooks, and the published advisories only", async () => {
    const { out, result, lines } = await savedFrom("small", (fake) => {
      const writer = addUser(fake.store, "writer");
      addToken(fake.store, "ghp_settings_writer_000000000000000000", {
        userId: writer.id,
        read: "*",
        write: "*",
        admin: [],
      });
      return "ghp_settings_writer_000000000000000000";
    });
    expect(result.exitCode).toBe(0);
    const status = Object.fromEntries(result.results.map((r) => [r.name, [r.status, r.error]]));
    expect(status.branch_protection).toEqual([
      "skipped",
      expect.stringMatching(/404: the token needs admin rights/),
    ]);
    expect(status.webhooks).toEqual(["skipped", expect.stringMatching(/404: the token needs admin rights/)]);
    for (const name of ["repository", "rulesets", "collaborators", "teams", "security_advisories"]) {
      expect(status[name]?.[0], name).toBe("succeeded");
    }
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const jobs = Object.fromEntries(manifest.jobs.map((j: { name: string }) => [j.name, j]));
    expect(jobs.webhooks).toMatchObject({
      status: "skipped",
      error: expect.stringMatching(/admin:repo_hook/),
    });
    expect(manifest.files["webhooks.jsonl"]).toBeUndefined();
    expect(manifest.files["branch_protection.jsonl"]).toBeUndefined();
    expect(lines("security_advisories.jsonl").map((a) => a.state)).toEqual(["published"]);
    expect((await verifyBackup(out, RECORD_FILES)).problems).toEqual([]);
  });

  it("without push access also skips collaborators (403), naming push access", async () => {
    const { result } = await savedFrom("small", (fake) => {
      const reader = addUser(fake.store, "reader");
      addToken(fake.store, "ghp_settings_reader_000000000000000000", {
        userId: reader.id,
        read: "*",
        write: [],
      });
      return "ghp_settings_reader_000000000000000000";
    });
    expect(result.exitCode).toBe(0);
    const collaborators = result.results.find((r) => r.name === "collaborators");
    expect(collaborators).toMatchObject({
      status: "skipped",
      error: expect.stringMatching(/403: the token needs push access/),
    });
  });
});
