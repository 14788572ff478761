// The reactions of an incremental save. A reaction moves no subject's
// `updatedAt`, so each subject's reactions rollup as GitHub reports it now is
// compared with the reactions the previous save holds for it: a new subject,
// or one whose total differs, is read again; the others keep their saved
// reactions. The totals cost nothing extra: the subject jobs report the
// rollup of every record they read again, and the change plan's sweep asks
// every issue's and pull request's total. A subject that no job read again
// and the sweep does not cover (a comment unchanged since, or a release when
// GitHub answered 304 to the release list, whose ETag covers its rollups)
// keeps its saved reactions, unless its record changed since the previous
// save (its job ran before an interruption, so its rollup is not known here).

import { keptLines } from "../../backup/merge-sorted-lines.js";
import { int, str } from "../shared/fields.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaveResult, SaveContext } from "../types.js";
import { REACTIONS_FILE, type ReactionRecord, reactionSortKey } from "./record.js";
import { readReactions, type Subject, sourcesToRead, subjectsInFile } from "./save.js";

/**
 * A subject's rollup total now: a count, null when GitHub reported none (the
 * subject is read), undefined when nothing was asked about it this run.
 */
export type CurrentTotal = number | null | undefined;

/**
 * Which subjects (by "type:id") to read again and which keep their saved
 * reactions, from each subject's total now, the count of reactions saved
 * for it, and the subjects the previous save had.
 */
export function reactionsToRead(
  current: ReadonlyMap<string, CurrentTotal>,
  saved: ReadonlyMap<string, number>,
  known: ReadonlySet<string>,
): { read: Set<string>; keep: Set<string> } {
  const read = new Set<string>();
  const keep = new Set<string>();
  for (const [key, total] of current) {
    if (total === undefined) (known.has(key) ? keep : read).add(key);
    else if (total === null) read.add(key);
    else if (total === 0) continue;
    else if (known.has(key) && total === (saved.get(key) ?? 0)) keep.add(key);
    else read.add(key);
  }
  return { read, keep };
}

const keyOf = (type: string, id: number) => `${type}:${id}`;

/** The subjects the change plan's sweep counts (by number). */
const SWEPT = new Set(["issue", "pull_request"]);

/** `missing`: as for a full save, the sources whose job did not succeed are left out and named. */
export async function saveReactionsIncrementally(
  ctx: SaveContext,
  missing: Map<string, string>,
): Promise<EntitySaveResult> {
  const source = ctx.incremental;
  if (source === undefined) throw new Error("saveReactionsIncrementally needs an incremental save");
  const selected = sourcesToRead(ctx, missing);
  const swept = selected.some((s) => SWEPT.has(s.type));
  const plan = swept ? await source.plan(ctx) : null;

  const saved = new Map<string, number>();
  for await (const r of source.records(REACTIONS_FILE)) {
    const key = keyOf(str(r.subject_type, "reaction.subject_type"), int(r.subject_id, "reaction.subject_id"));
    saved.set(key, (saved.get(key) ?? 0) + 1);
  }
  const known = new Set<string>();
  const current = new Map<string, CurrentTotal>();
  const subjects = new Map<string, Subject>();
  for (const s of selected) {
    for (const id of await source.ids(s.file)) known.add(keyOf(s.type, int(id, `${s.file}.id`)));
    const reported = ctx.shared.reactionRollups.reported(s.reportedBy);
    for (const subject of await subjectsInFile(ctx, s)) {
      const key = keyOf(s.type, subject.id);
      const byJob = reported.get(key);
      const bySweep =
        subject.number === undefined || !SWEPT.has(s.type) ? undefined : plan?.reactions.get(subject.number);
      // Changed since, yet not reported: its job read it before this run was interrupted and resumed.
      const reread = subject.updatedAt !== null && subject.updatedAt >= source.since ? null : undefined;
      const total = byJob !== undefined ? byJob.total : (bySweep ?? reread);
      current.set(key, total);
      subjects.set(key, { ...subject, total: total ?? null, source: s });
    }
  }
  const { read, keep } = reactionsToRead(current, saved, known);
  ctx.log.info(`reactions: ${read.size} subjects read again, ${keep.size} kept, of ${current.size}`);
  return writeRecords<ReactionRecord>(
    ctx,
    REACTIONS_FILE,
    reactionSortKey,
    (add) =>
      readReactions(
        ctx,
        add,
        [...read].map((key) => subjects.get(key) as Subject),
      ),
    () =>
      keptLines<ReactionRecord>(source.lines(REACTIONS_FILE), (record) =>
        keep.has(keyOf(record.subject_type, record.subject_id)),
      ),
    // Nothing read again and every subject kept: the previous file stands as it is.
    read.size === 0 && [...saved.keys()].every((key) => keep.has(key))
      ? source.wholeFile(REACTIONS_FILE)
      : undefined,
  );
}
