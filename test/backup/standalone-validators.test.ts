// The validators the build generates (Ajv standalone code, used when running
// from dist) must accept and reject exactly what Ajv compiling the schemas at
// run time does (used when running from src), with the same errors.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileValidator,
  loadStandaloneValidator,
  writeStandaloneValidators,
} from "../../src/backup/schemas.js";
import { SCHEMAS } from "../../src/entities/index.js";
import * as f from "./fixtures.js";
import { attachments } from "./fixtures-attachments.js";
import * as fd from "./fixtures-discussions.js";
import * as fs from "./fixtures-settings.js";
import { schemaNamed } from "./helpers.js";

const nodeModules = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A folder outside the repository whose generated code still finds ajv and ajv-formats. */
function generatedDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-validators-"));
  symlinkSync(nodeModules, join(dir, "node_modules"), "dir");
  return dir;
}

const state = {
  format: "github-data-save-state",
  started_at: "2025-05-01T10:00:00Z",
  source: { owner: "o", repo: "r", api_url: "https://api.github.com" },
  selection: { include: ["labels", "issues"], issues: "all", pull_requests: "1-5" },
  jobs: {
    labels: {
      status: "complete",
      files: [{ file: "labels.jsonl", records: 3, bytes: 120, sha256: "a".repeat(64) }],
    },
    issues: { status: "running", cursor: { page: 2 } },
  },
};

const samples: Record<string, readonly unknown[]> = {
  "common.schema.json": [{}, { anything: 1 }],
  "labels.schema.json": [f.label],
  "milestones.schema.json": [f.milestone],
  "issues.schema.json": [f.issue(1), f.issue(2), f.issue(3)],
  "issue_comments.schema.json": [f.issueComment],
  "sub_issues.schema.json": [f.subIssue, f.crossRepoSubIssue],
  "pull_requests.schema.json": [f.pullRequest],
  "pr_comments.schema.json": [f.prComment],
  "pr_reviews.schema.json": [f.prReview],
  "pr_review_comments.schema.json": [f.prReviewComment],
  "issue_events.schema.json": f.issueEvents,
  "reactions.schema.json": f.reactions,
  "releases.schema.json": [
    f.release(9, [f.asset(501, 9, "app.tar.gz", Buffer.from("x"), "0".repeat(64))]),
    f.release(10, [f.asset(502, 10, "skipped.bin", Buffer.from("y"), null)]),
  ],
  "repository.schema.json": [fs.repositorySettings],
  "branch_protection.schema.json": [fs.branchProtection],
  "rulesets.schema.json": [fs.ruleset],
  "collaborators.schema.json": [fs.collaborator],
  "teams.schema.json": [fs.team],
  "webhooks.schema.json": [fs.webhook],
  "security_advisories.schema.json": [fs.securityAdvisory],
  "discussion_categories.schema.json": [fd.discussionCategory],
  "discussions.schema.json": [fd.discussion],
  "discussion_comments.schema.json": fd.discussionComments,
  "attachments.schema.json": attachments,
  "manifest.schema.json": [f.sampleManifest()],
  "save-state.schema.json": [state],
};

// Values that break most fields one way or another; "2025-02-30T00:00:00Z"
// fits the timestamp pattern but not the date-time format (ajv-formats).
const replacements: readonly unknown[] = [
  undefined,
  null,
  "",
  "x",
  -1,
  0,
  1.5,
  true,
  {},
  [],
  "2025-02-30T00:00:00Z",
  "2025-01-01 12:00:00",
  "../etc/passwd",
  "0".repeat(64),
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The document with the value at `path` replaced (undefined: removed), or an extra field added. */
function variants(doc: unknown, depth = 3): unknown[] {
  if (depth === 0) return [];
  const out: unknown[] = [];
  if (isRecord(doc)) {
    out.push({ ...doc, unexpected_field: 1 });
    for (const key of Object.keys(doc)) {
      for (const value of replacements) {
        const copy: Record<string, unknown> = { ...doc };
        if (value === undefined) delete copy[key];
        else copy[key] = value;
        out.push(copy);
      }
      for (const inner of variants(doc[key], depth - 1)) out.push({ ...doc, [key]: inner });
    }
  } else if (Array.isArray(doc) && doc.length > 0) {
    for (const inner of variants(doc[0], depth - 1)) out.push([inner, ...doc.slice(1)]);
    out.push([...doc, null]);
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = generatedDir();
  writeStandaloneValidators(SCHEMAS, dir);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("standalone validators", () => {
  it.each(SCHEMAS.map((ref) => [ref.name, ref] as const))(
    "%s: same verdicts and errors as the compiled schema",
    (file, ref) => {
      const generated = loadStandaloneValidator(ref, dir);
      expect(generated).toBeTypeOf("function");
      const compiled = compileValidator(ref);
      expect(samples[file], `no samples for ${file}`).toBeDefined();
      const docs = (samples[file] ?? []).flatMap((sample) => {
        const plain: unknown = JSON.parse(JSON.stringify(sample));
        return [plain, ...variants(plain)];
      });
      let rejected = 0;
      for (const doc of docs) {
        const expected = compiled(doc);
        const expectedErrors = structuredClone(compiled.errors);
        expect(generated?.(doc), JSON.stringify(doc)).toBe(expected);
        expect(generated?.errors).toEqual(expectedErrors);
        if (!expected) rejected++;
      }
      // The samples themselves pass; the mutations exercise the rejecting paths.
      for (const sample of samples[file] ?? [])
        expect(generated?.(JSON.parse(JSON.stringify(sample)))).toBe(true);
      if (file !== "common.schema.json") expect(rejected).toBeGreaterThan(docs.length / 2);
    },
  );

  it("are not used when missing or made from other schemas", () => {
    const empty = mkdtempSync(join(tmpdir(), "gd-validators-"));
    const stale = generatedDir();
    try {
      expect(loadStandaloneValidator(schemaNamed("labels.schema.json"), empty)).toBeUndefined();
      const source = readFileSync(join(dir, "labels.cjs"), "utf8");
      const restamped = source.replace(/fingerprint = "[0-9a-f]{64}"/, `fingerprint = "${"0".repeat(64)}"`);
      expect(restamped).not.toBe(source);
      writeFileSync(join(stale, "labels.cjs"), restamped);
      expect(loadStandaloneValidator(schemaNamed("labels.schema.json"), stale)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
      rmSync(stale, { recursive: true, force: true });
    }
  });
});
