// Comparable views of the pull-request side of a fake repository: each
// restored object is matched to its original through the hidden marker, and
// bodies are compared with the restore's decorations stripped.
import { createHash } from "node:crypto";
import type { FakeIssue, FakeRepo, FakeStore } from "../../../fake-github/store/types.js";
import { stripRestoreDecorations } from "../../../src/restore/bodies.js";
import { WORD_JOINER } from "../../../src/restore/mentions.js";
import { rewriteReferences } from "../../../src/restore/references.js";
import { byMarker, pulls, SOURCE } from "./pull-side.js";

export interface Matched {
  source: FakeRepo;
  target: FakeRepo;
  /** Source PR number → the target issue/PR it became. */
  pulls: Map<number, FakeIssue>;
  /** What a source body should read like in the target, decorations stripped. */
  text(body: string | null): string;
}

export function matchPulls(source: FakeRepo, target: FakeRepo, baseUrl: string): Matched {
  const restored = byMarker([...target.issues.values()], "pull_request");
  const map = new Map<number, FakeIssue>();
  for (const pr of pulls(source)) {
    const there = restored.get(String(pr.pull?.id));
    if (there) map.set(pr.number, there);
  }
  const text = (body: string | null) =>
    rewriteReferences(body ?? "", {
      newNumberOf: (n) => map.get(n)?.number,
      isKnown: (n) => source.issues.has(n),
      source: { ...SOURCE, webUrl: `${baseUrl}/${SOURCE.owner}/${SOURCE.repo}` },
      targetWebUrl: `${baseUrl}/${target.ownerLogin}/${target.name}`,
    }).text.replaceAll(WORD_JOINER, "");
  return { source, target, pulls: map, text };
}

export const strip = (body: string | null | undefined): string => stripRestoreDecorations(body);

export function labelsOf(repo: FakeRepo, issue: FakeIssue): string[] {
  return issue.labelIds.map((id) => repo.labels.find((l) => l.id === id)?.name ?? "?").sort();
}

export function milestoneOf(repo: FakeRepo, issue: FakeIssue): string | null {
  return repo.milestones.find((m) => m.number === issue.milestoneNumber)?.title ?? null;
}

export function assigneesOf(store: FakeStore, issue: FakeIssue): string[] {
  return issue.assigneeIds.map((id) => store.users.get(id)?.login ?? "?").sort();
}

export function conversation(repo: FakeRepo, number: number): Array<{ id: number; body: string }> {
  return repo.comments
    .filter((c) => c.issue_number === number)
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
