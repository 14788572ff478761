// The repository's settings and people on the `small` dataset: what an
// administrator reads, and what GitHub answers a token without admin rights
// (or without push access) on each route.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, addUser, type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import { failure, octokitFor } from "./helpers.js";

let fake: FakeGitHub;
const writerToken = "ghp_test_writer_not_admin_000000000000";
const readerToken = "ghp_test_reader_only_00000000000000000";
const R = "/repos/octo-org/sample";

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 3 });
  const writer = addUser(fake.store, "writer");
  const reader = addUser(fake.store, "reader");
  addToken(fake.store, writerToken, { userId: writer.id, read: "*", write: "*", admin: [] });
  addToken(fake.store, readerToken, { userId: reader.id, read: "*", write: [] });
});
afterAll(() => fake.close());

describe("settings routes for an administrator", () => {
  it("serves topics, protection, rulesets, collaborators, teams, hooks and every advisory", async () => {
    const admin = octokitFor(fake, fake.token);
    const repo = fake.store.repos.get("octo-org/sample");
    expect((await admin.request(`GET ${R}/topics`)).data).toEqual({ names: repo?.settings.topics });
    const protection = await admin.request(`GET ${R}/branches/main/protection`);
    expect(protection.data.required_status_checks.contexts).toEqual(["ci/build", "ci/test"]);
    const branches = await admin.request(`GET ${R}/branches`, { protected: "true" });
    expect(branches.data.map((b: { name: string }) => b.name)).toEqual(["main"]);
    expect((await admin.request(`GET ${R}/rulesets`)).data).toHaveLength(2);
    expect((await admin.request(`GET ${R}/collaborators`)).data).toHaveLength(4);
    expect((await admin.request(`GET ${R}/teams`)).data).toHaveLength(2);
    const hooks = await admin.request(`GET ${R}/hooks`);
    expect(hooks.data.map((h: { config: { secret?: string } }) => h.config.secret)).toEqual([
      "********",
      undefined,
    ]);
    expect((await admin.request(`GET ${R}/security-advisories`)).data).toHaveLength(2);
  });

  it("answers 404 Branch not protected for an unprotected branch", async () => {
    const admin = octokitFor(fake, fake.token);
    const other = [...(fake.store.repos.get("octo-org/sample")?.branches.keys() ?? [])].find(
      (b) => b !== "main",
    );
    const answer = await failure(admin.request(`GET ${R}/branches/{branch}/protection`, { branch: other }));
    expect(answer.status).toBe(404);
    expect(answer.data).toMatchObject({ message: "Branch not protected" });
  });
});

describe("settings routes without admin rights", () => {
  it("hides protection and hooks (404) from a writer, and reports admin: false", async () => {
    const writer = octokitFor(fake, writerToken);
    expect((await writer.request(`GET ${R}`)).data.permissions).toMatchObject({ admin: false, push: true });
    expect((await failure(writer.request(`GET ${R}/branches/main/protection`))).status).toBe(404);
    expect((await failure(writer.request(`GET ${R}/hooks`))).status).toBe(404);
    expect((await writer.request(`GET ${R}/collaborators`)).data).toHaveLength(4);
    const advisories = await writer.request(`GET ${R}/security-advisories`);
    expect(advisories.data.map((a: { state: string }) => a.state)).toEqual(["published"]);
  });

  it("refuses collaborators (403) to a token without push access, and still lists rulesets and teams", async () => {
    const reader = octokitFor(fake, readerToken);
    const refused = await failure(reader.request(`GET ${R}/collaborators`));
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({
      message: "Must have push access to view repository collaborators.",
    });
    expect((await reader.request(`GET ${R}/rulesets`)).data).toHaveLength(2);
    expect((await reader.request(`GET ${R}/teams`)).data).toHaveLength(2);
  });
});
