// Word lists and small text builders for generated titles and bodies. Bodies
// stay short (a sentence or three) so the large dataset keeps a modest footprint.
import type { Prng } from "./prng.js";

const verbs = [
  "Fix",
  "Add",
  "Improve",
  "Remove",
  "Refactor",
  "Document",
  "Speed up",
  "Support",
  "Handle",
  "Update",
];
const nouns = [
  "config loader",
  "login flow",
  "cache layer",
  "CLI help",
  "retry logic",
  "release script",
  "label sync",
  "search index",
  "export job",
  "webhook handler",
  "rate limiter",
  "error messages",
  "pagination",
  "test fixtures",
  "README",
];
const contexts = [
  "on Windows",
  "for large repositories",
  "when the token expires",
  "in CI",
  "after upgrade",
  "with empty input",
  "under load",
  "for organisations",
  "",
];
const sentences = [
  "Steps to reproduce are in the linked log.",
  "This happens every time on a fresh checkout.",
  "I think the root cause is the order of initialisation.",
  "A minimal example is attached below.",
  "Expected the command to finish without errors.",
  "Not sure whether this is intended behaviour.",
  "Happy to send a patch if the approach sounds right.",
  "The workaround is to run it twice.",
  "Tested with Node 20 and 22.",
  "See the discussion in the previous release notes.",
];
const commentSentences = [
  "Thanks for the report!",
  "I can reproduce this.",
  "Could you share the full log?",
  "Fixed in the latest build, please retry.",
  "LGTM.",
  "This looks like a duplicate.",
  "Any update here?",
  "Closing as resolved, feel free to reopen.",
  "+1, same here.",
  "Let's discuss this in the next sync.",
];
const reviewSentences = [
  "Nit: this could be simplified.",
  "Should we add a test for this case?",
  "This branch never runs, I think.",
  "Please rename this variable.",
  "Good catch.",
  "Can this be null here?",
];

const slugWords = ["fix", "feature", "cleanup", "docs", "perf", "deps", "tests", "refactor"];

export function title(prng: Prng): string {
  const context = prng.pick(contexts);
  return `${prng.pick(verbs)} ${prng.pick(nouns)}${context ? ` ${context}` : ""}`;
}

/** A short body; sometimes mentions a user or references an earlier number. */
export function body(prng: Prng, logins: readonly string[], maxNumber: number): string | null {
  const roll = prng.next();
  if (roll < 0.06) return null;
  if (roll < 0.08) return "";
  const parts: string[] = [];
  const count = prng.int(1, 3);
  for (let i = 0; i < count; i++) parts.push(prng.pick(sentences));
  if (maxNumber > 0 && prng.chance(0.15)) parts.push(`Related to #${prng.int(1, maxNumber)}.`);
  if (logins.length > 0 && prng.chance(0.1)) parts.push(`cc @${prng.pick(logins)}`);
  return parts.join(" ");
}

export function commentBody(prng: Prng, logins: readonly string[], maxNumber: number): string {
  const text = prng.pick(commentSentences);
  if (maxNumber > 0 && prng.chance(0.05)) return `${text} See #${prng.int(1, maxNumber)}.`;
  if (logins.length > 0 && prng.chance(0.05)) return `@${prng.pick(logins)} ${text}`;
  return text;
}

export function reviewCommentBody(prng: Prng): string {
  return prng.pick(reviewSentences);
}

export function branchSlug(prng: Prng): string {
  return prng.pick(slugWords);
}

/** The lines of the file a PR branch adds; review comments point into it. */
export const prFileLines = 5;

export function prFileText(number: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= prFileLines; i++) lines.push(`Change ${i} of pull request ${number}.`);
  return `${lines.join("\n")}\n`;
}

/** The diff hunk GitHub shows above a comment on `line` of the added file. */
export function diffHunk(number: number, line: number): string {
  const lines = [`@@ -0,0 +1,${prFileLines} @@`];
  for (let i = 1; i <= line; i++) lines.push(`+Change ${i} of pull request ${number}.`);
  return lines.join("\n");
}

/** An ASCII body of exactly `length` UTF-16 code units (= bytes), multi-line. */
export function exactLengthBody(length: number): string {
  const chunks: string[] = [];
  let size = 0;
  for (let i = 1; size < length; i++) {
    const line = `Line ${String(i).padStart(5, "0")}: the quick brown fox jumps over the lazy dog.\n`;
    chunks.push(line);
    size += line.length;
  }
  return chunks.join("").slice(0, length);
}
