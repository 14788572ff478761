// GraphQL limits on the number batches: the node cap, a RESOURCE_LIMITS
// answer, partial errors. A batch is split and retried down to one number;
// the files equal a save that met no limit, and a number that cannot be read
// at all fails its job by name.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { entityFiles, saveRequest } from "./helpers.js";

let fake: FakeGitHub;
let root: string;
let clean: Record<string, string>;
const selection = {
  entities: new Set<EntityName>(["issues", "sub_issues", "pull_requests", "pr_reviews"]),
  issues: { kind: "all" as const },
  pullRequests: { kind: "all" as const },
};

async function save(name: string) {
  const dir = join(root, name);
  const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir, { selection }));
  return { dir, result };
}

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 31 });
  root = mkdtempSync(join(tmpdir(), "gd-gql-"));
  const { dir, result } = await save("clean");
  expect(result.exitCode).toBe(0);
  clean = entityFiles(dir);
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  fake.configure({ graphqlMaxNodes: 500_000, script: [] });
  fake.resetStats();
});

const graphqlRequests = () => fake.stats.byRoute["POST /graphql"] ?? 0;

describe("GraphQL limits on number batches", () => {
  it("a batch over the node cap (MAX_NODE_LIMIT_EXCEEDED) is halved until it fits", async () => {
    const { result: plain } = await save("plain");
    expect(plain.exitCode).toBe(0);
    const plainRequests = graphqlRequests();
    fake.resetStats();
    fake.configure({ graphqlMaxNodes: 6_000 });
    const { dir, result } = await save("node-cap");
    expect(result.exitCode).toBe(0);
    expect(graphqlRequests()).toBeGreaterThan(plainRequests);
    expect(entityFiles(dir)).toEqual(clean);
  });

  it.each([
    [
      "RESOURCE_LIMITS",
      { data: null, errors: [{ type: "RESOURCE_LIMITS", message: "Resource limits exceeded" }] },
    ],
    [
      "a partial answer with errors",
      {
        data: { repository: null },
        errors: [{ type: "INTERNAL", message: "Something failed", path: ["repository"] }],
      },
    ],
  ])("%s on the first batches: split and retried, nothing dropped", async (name, body) => {
    fake.configure({ script: [{ route: "POST /graphql", nth: 1, times: 3, status: 200, body }] });
    const { dir, result } = await save(`split-${name.replace(/\W+/g, "-")}`);
    expect(result.exitCode).toBe(0);
    expect(entityFiles(dir)).toEqual(clean);
  });

  it("a number that cannot be read at all fails its job, named", async () => {
    fake.configure({
      script: [
        {
          route: "POST /graphql",
          nth: 1,
          times: 100_000,
          status: 200,
          body: { data: null, errors: [{ type: "RESOURCE_LIMITS", message: "Resource limits exceeded" }] },
        },
      ],
    });
    const { result } = await save("unreadable");
    expect(result.exitCode).toBe(1);
    const issues = result.results.find((r) => r.name === "issues");
    expect(issues?.status).toBe("failed");
    expect(issues?.error).toMatch(/#\d+ could not be read through GraphQL: .*RESOURCE_LIMITS/);
  });
});
