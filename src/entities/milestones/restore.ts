// Restores milestones with their state, description and due date, in
// ascending original number, and journals original number → new number so
// issues and pull requests can point at them. A milestone whose title already
// exists in the target is adopted as it is (titles are unique on GitHub).
import { failItem } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { MILESTONES_FILE, type MilestoneRecord } from "./record.js";

async function targetMilestones(ctx: RestoreContext): Promise<Map<string, number>> {
  const byTitle = new Map<string, number>();
  if (ctx.targetState === "missing") return byTitle;
  for await (const item of listAll(ctx, "GET /repos/{owner}/{repo}/milestones", { state: "all" })) {
    if (typeof item.title === "string" && typeof item.number === "number")
      byTitle.set(item.title, item.number);
  }
  return byTitle;
}

async function restoreMilestones(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const records: MilestoneRecord[] = [];
  for await (const m of ctx.readRecords<MilestoneRecord>(MILESTONES_FILE)) records.push(m);
  records.sort((a, b) => a.number - b.number);
  const pending = records.filter((m) => ctx.journal.get("milestone", String(m.id))?.newNumber === undefined);
  result.skipped += records.length - pending.length;
  const existing = pending.length > 0 ? await targetMilestones(ctx) : new Map<string, number>();
  let done = records.length - pending.length;
  for (const m of pending) {
    const key = String(m.id);
    const title = m.title.trim() || `Milestone ${m.number}`;
    const there = existing.get(title);
    try {
      if (there !== undefined) {
        if (ctx.options.dryRun) {
          ctx.plan({
            entity: "milestones",
            action: "skip",
            what: `milestone ${title} (exists)`,
            contentCreating: false,
          });
        } else {
          await ctx.journal.record({
            kind: "milestone",
            key,
            originalNumber: m.number,
            newNumber: there,
            outcome: "adopted",
            note: "a milestone with this title was already in the target",
          });
        }
        result.skipped++;
      } else if (ctx.options.dryRun) {
        ctx.plan({
          entity: "milestones",
          action: "create",
          what: `milestone ${title}`,
          contentCreating: false,
        });
      } else {
        const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/milestones", {
          owner: ctx.target.owner,
          repo: ctx.target.repo,
          title,
          state: m.state,
          description: m.description ?? "",
          ...(m.due_on ? { due_on: m.due_on } : {}),
          request: { signal: ctx.signal },
        });
        const data = response.data as { id: number; number: number };
        await ctx.journal.record({
          kind: "milestone",
          key,
          originalNumber: m.number,
          newId: data.id,
          newNumber: data.number,
          outcome: "created",
        });
        existing.set(title, data.number);
        result.records++;
      }
    } catch (error) {
      failItem(ctx, result, `milestone ${JSON.stringify(title)}`, error);
    }
    ctx.progress({ items: ++done, total: records.length });
  }
  return result;
}

export const milestonesRestorer: EntityRestorer = {
  name: "milestones",
  dependsOn: [],
  files: [MILESTONES_FILE],
  restore: restoreMilestones,
};
