// Round trip of attachments: saved by SaveRepositoryUseCase, re-hosted on the
// target's github-data/attachments branch, and every link of the restored
// bodies pointing there, resolving (through the fake's web host) to the same
// bytes; links that answered 404 and links elsewhere untouched; a rerun
// pushes nothing; a dry run counts the files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import type { AttachmentRecord } from "../../../src/entities/attachments/record.js";
import { ATTACHMENTS_BRANCH } from "../../../src/entities/attachments/rehost.js";
import { attachmentsRestorer } from "../../../src/entities/attachments/restore.js";
import type { EntityName } from "../../../src/entities/names.js";
import { readJsonl } from "../../save/expected.js";
import {
  ISSUE_RESTORERS,
  ISSUE_SIDE,
  makeEveryoneAssignable,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
} from "../support/setup.js";

afterAll(removeTempDirs);

const ENTITIES: EntityName[] = [...ISSUE_SIDE, "attachments"];

/** The bodies of a repository's issues (not pull requests) and of their comments: what this restore writes. */
function issueText(repo: FakeRepo): string {
  const issues = [...repo.issues.values()].filter((i) => i.pull === null);
  const numbers = new Set(issues.map((i) => i.number));
  return [
    ...issues.map((i) => i.body ?? ""),
    ...repo.comments.filter((c) => numbers.has(c.issue_number)).map((c) => c.body),
  ].join("\n");
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe.each(["small", "tricky"] as const)("attachments of the %s dataset, restored", (dataset) => {
  let fake: FakeGitHub;
  let dir: string;
  let records: AttachmentRecord[];
  const request = (extra = {}) =>
    restoreRequest(fake, dir, "restored", {
      importApi: "never",
      selection: { entities: new Set(ENTITIES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      restorers: [...ISSUE_RESTORERS, attachmentsRestorer],
      ...extra,
    });

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 3, git: true });
    makeEveryoneAssignable(fake.store);
    dir = await saveBackup(fake, [...ENTITIES, "pull_requests"], { real: true });
    records = readJsonl(dir, "attachments.jsonl") as unknown as AttachmentRecord[];
  });
  afterAll(() => fake.close());

  it("counts the files a dry run would re-host", async () => {
    const files = new Set(records.flatMap((r) => (r.path ? [r.path] : [])));
    const plan = await restore(request({ dryRun: true }));
    expect(plan.plan?.byEntity.attachments).toMatchObject({ create: files.size, skip: 0 });
  });

  it("re-hosts every file and points every saved link of the restored bodies at it, with the same bytes", async () => {
    const result = await restore(request());
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    const target = repoOf(fake, "restored");
    expect(target.branches.has(ATTACHMENTS_BRANCH)).toBe(true);
    const text = issueText(target);
    const sourceText = issueText(repoOf(fake, "sample"));
    const prefix = `${fake.url}/octo-org/restored/raw/refs/heads/${ATTACHMENTS_BRANCH}/`;
    let resolved = 0;
    for (const record of records) {
      if (record.status !== "saved") {
        // A link that gave no file stays as it was.
        expect(count(text, record.url)).toBe(count(sourceText, record.url));
        continue;
      }
      // No saved link is left pointing at the source.
      expect(text).not.toContain(record.url);
      const rehosted = `${prefix}${(record.path ?? "").split("/").map(encodeURIComponent).join("/")}`;
      // Issues are all restored here (pull requests, and comments on them, are not).
      if (record.referenced_by.some((ref) => ref.type === "issue")) expect(text).toContain(rehosted);
      if (!text.includes(rehosted)) continue;
      const answer = await fetch(rehosted, { headers: { authorization: `token ${fake.token}` } });
      expect(answer.status).toBe(200);
      const bytes = Buffer.from(await answer.arrayBuffer());
      const original = fake.store.attachments.get(new URL(record.url).pathname);
      expect(original && bytes.equals(original.data)).toBe(true);
      resolved++;
    }
    expect(resolved).toBeGreaterThan(0);
    // Links outside the attachment hosts are untouched.
    for (const link of [
      "https://example.com/images/logo.png",
      `${fake.url}/octo-org/sample/blob/main/README.md`,
    ])
      expect(count(text, link)).toBe(count(sourceText, link));
  });

  it("pushes nothing when run again, and a dry run then finds every file there", async () => {
    const target = repoOf(fake, "restored");
    const head = target.branches.get(ATTACHMENTS_BRANCH);
    const again = await restore(request());
    expect(again.exitCode).toBe(0);
    expect(target.branches.get(ATTACHMENTS_BRANCH)).toBe(head);
    const files = new Set(records.flatMap((r) => (r.path ? [r.path] : [])));
    const plan = await restore(request({ dryRun: true }));
    expect(plan.plan?.byEntity.attachments).toMatchObject({ create: 0, skip: files.size });
  });
});
