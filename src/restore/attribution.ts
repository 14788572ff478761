// The short attribution every restored body starts with: who wrote the
// original, when, and (for issues) who closed it and why. GitHub does not let a
// client set authors or times, so they are quoted. Numbers and URLs of the
// original go in code spans: GitHub would otherwise link them to the wrong item
// of the target, or add a cross-reference to the source repository.
import type { UserRef } from "../backup/record-parts.js";

export interface OriginInfo {
  /** "Originally", "Comment", "Review" … — the first words of the line. */
  what: string;
  /** The original issue/PR number, shown as `#12`. */
  number?: number | null;
  author: UserRef | null;
  createdAt: string | null;
  closedAt?: string | null;
  closedBy?: UserRef | null;
  /** "completed", "not_planned", … (issues). */
  stateReason?: string | null;
  /** "merged by @x on …" and similar clauses the caller words itself. */
  clauses?: string[];
  /** Web URL of the original. */
  url?: string | null;
  /** Further lines (e.g. "Original review state: APPROVED"). */
  extraLines?: string[];
}

/** "2025-04-01 12:00 UTC" for an ISO timestamp (any offset); the input when it does not parse. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "@login" (a deleted account is GitHub's "@ghost"). Neutralised later with the rest of the body. */
export function who(user: UserRef | null | undefined): string {
  return `@${user?.login ?? "ghost"}`;
}

const REASONS: Record<string, string> = {
  completed: "as completed",
  not_planned: "as not planned",
  duplicate: "as a duplicate",
  reopened: "",
};

/** The attribution lines for BodyRewriter.rewrite/render. */
export function attributionLines(info: OriginInfo): string[] {
  let line = info.what;
  if (info.number !== undefined && info.number !== null) line += ` \`#${info.number}\``;
  line += ` by ${who(info.author)}`;
  if (info.createdAt) line += ` on ${formatTime(info.createdAt)}`;
  if (info.closedAt) {
    line += `, closed`;
    if (info.closedBy) line += ` by ${who(info.closedBy)}`;
    line += ` on ${formatTime(info.closedAt)}`;
    const reason = info.stateReason ? (REASONS[info.stateReason] ?? `as ${info.stateReason}`) : "";
    if (reason) line += ` ${reason}`;
  }
  for (const clause of info.clauses ?? []) line += `, ${clause}`;
  let out = `*${line}*`;
  if (info.url) out += ` · \`${info.url}\``;
  return [out, ...(info.extraLines ?? [])];
}
