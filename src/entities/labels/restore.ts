// Restores repository labels under one of five conflict strategies. GitHub
// treats label names case-insensitively, so every comparison here does too.
//   skip              existing names untouched, missing ones created (default)
//   fail-if-existing  any label already in the target → fail before changing anything
//   fail-if-conflict  fail only if an existing label of the same name differs in color/description
//   overwrite         update existing ones in place (PATCH keeps them on their issues), create missing
//   delete-all        delete every existing label, then create
// Labels this restore made earlier (journal) never count as "existing".

import { failItem, failureText } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { LABELS_FILE, type LabelRecord } from "./record.js";

interface TargetLabel {
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

const fold = (name: string) => name.toLowerCase();

function sameLook(
  a: { color: string; description: string | null },
  b: { color: string; description: string | null },
): boolean {
  return a.color.toLowerCase() === b.color.toLowerCase() && (a.description ?? "") === (b.description ?? "");
}

async function targetLabels(ctx: RestoreContext): Promise<Map<string, TargetLabel>> {
  const labels = new Map<string, TargetLabel>();
  if (ctx.targetState === "missing") return labels;
  for await (const item of listAll(ctx, "GET /repos/{owner}/{repo}/labels")) {
    const name = String(item.name ?? "");
    labels.set(fold(name), {
      name,
      color: String(item.color ?? ""),
      description: typeof item.description === "string" ? item.description : null,
      default: item.default === true,
    });
  }
  return labels;
}

function ours(ctx: RestoreContext, name: string): boolean {
  const entry = ctx.journal.get("label", fold(name));
  return entry !== undefined && entry.outcome !== "skipped";
}

class LabelConflictError extends Error {}

async function deleteLabel(ctx: RestoreContext, name: string): Promise<void> {
  await ctx.client.octokit.request("DELETE /repos/{owner}/{repo}/labels/{name}", {
    owner: ctx.target.owner,
    repo: ctx.target.repo,
    name,
    request: { signal: ctx.signal },
  });
}

/** Journal note of a GitHub default label in a repository this restore created: it is ours to change. */
const DEFAULT_NOTE = "GitHub default label";

function isAdoptedDefault(ctx: RestoreContext, name: string): boolean {
  return ctx.journal.get("label", fold(name))?.note?.startsWith(DEFAULT_NOTE) === true;
}

/**
 * GitHub gives a new repository its default labels (bug, documentation, …).
 * In a repository this restore created they are not the user's: they are
 * journalled as ours, so no conflict strategy trips on them, a default the
 * source also has takes the source's color and description, and the others
 * are deleted — the copy's labels are the source's. The journal keeps this
 * across a rerun, which sees the repository as existing.
 */
async function adoptDefaults(ctx: RestoreContext, existing: Map<string, TargetLabel>): Promise<void> {
  for (const l of existing.values()) {
    if (!l.default || ctx.journal.get("label", fold(l.name))) continue;
    await ctx.journal.record({ kind: "label", key: fold(l.name), outcome: "adopted", note: DEFAULT_NOTE });
  }
}

async function deleteUnwantedDefaults(
  ctx: RestoreContext,
  existing: Map<string, TargetLabel>,
  wanted: ReadonlySet<string>,
  result: EntityRestoreResult,
): Promise<void> {
  for (const [key, label] of existing) {
    if (wanted.has(key) || !isAdoptedDefault(ctx, label.name)) continue;
    if (ctx.options.dryRun) {
      ctx.plan({
        entity: "labels",
        action: "delete",
        what: `default label ${label.name}`,
        contentCreating: false,
      });
      continue;
    }
    try {
      await deleteLabel(ctx, label.name);
      existing.delete(key);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.itemFailed(
        `could not delete GitHub's default label ${JSON.stringify(label.name)}: ${failureText(error, ctx.client.redact)}`,
      );
      result.failed++;
    }
  }
}

function list(names: string[]): string {
  const shown = names
    .slice(0, 10)
    .map((n) => JSON.stringify(n))
    .join(", ");
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}

async function restoreLabels(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const wanted: LabelRecord[] = [];
  const seen = new Set<string>();
  for await (const label of ctx.readRecords<LabelRecord>(LABELS_FILE)) {
    if (seen.has(fold(label.name))) continue;
    seen.add(fold(label.name));
    wanted.push(label);
  }
  const existing = await targetLabels(ctx);
  const strategy = ctx.options.labelConflict;
  const dry = ctx.options.dryRun;

  // Decide everything before the first write, so the fail-* strategies change nothing.
  if (ctx.targetState === "created" && !dry) await adoptDefaults(ctx, existing);
  if (strategy === "fail-if-existing") {
    const foreign = [...existing.values()].filter((l) => !ours(ctx, l.name));
    if (foreign.length > 0) {
      throw new LabelConflictError(
        `the target already has ${foreign.length} label(s) (${list(foreign.map((l) => l.name))}); --label-conflict fail-if-existing changes nothing`,
      );
    }
  }
  if (strategy === "fail-if-conflict") {
    const conflicts = wanted.filter((l) => {
      const there = existing.get(fold(l.name));
      return there !== undefined && !ours(ctx, l.name) && !sameLook(there, l);
    });
    if (conflicts.length > 0) {
      throw new LabelConflictError(
        `${conflicts.length} label(s) exist in the target with another color or description: ${list(conflicts.map((l) => l.name))}; --label-conflict fail-if-conflict changes nothing`,
      );
    }
  }

  const total = wanted.length;
  let done = 0;
  const step = () => ctx.progress({ items: ++done, total });

  if (strategy === "delete-all") {
    for (const label of existing.values()) {
      if (ours(ctx, label.name)) continue;
      if (dry) {
        ctx.plan({ entity: "labels", action: "delete", what: `label ${label.name}`, contentCreating: false });
        existing.delete(fold(label.name));
        continue;
      }
      try {
        await deleteLabel(ctx, label.name);
        existing.delete(fold(label.name));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        ctx.itemFailed(
          `could not delete label ${JSON.stringify(label.name)}: ${failureText(error, ctx.client.redact)}`,
        );
      }
    }
  }

  await deleteUnwantedDefaults(ctx, existing, seen, result);

  for (const label of wanted) {
    const key = fold(label.name);
    const there = existing.get(key);
    const recorded = ctx.journal.get("label", key);
    // A label without description is created without one (GitHub then reports null, as in the backup).
    const payload =
      label.description === null
        ? { color: label.color }
        : { color: label.color, description: label.description };
    try {
      if (there === undefined) {
        if (dry) {
          ctx.plan({
            entity: "labels",
            action: "create",
            what: `label ${label.name}`,
            contentCreating: false,
          });
          step();
          continue;
        }
        await ctx.client.octokit.request("POST /repos/{owner}/{repo}/labels", {
          owner: ctx.target.owner,
          repo: ctx.target.repo,
          name: label.name,
          ...payload,
          request: { signal: ctx.signal },
        });
        await ctx.journal.record({ kind: "label", key, outcome: "created" });
        result.records++;
      } else if (
        (strategy === "overwrite" || isAdoptedDefault(ctx, there.name)) &&
        !(there.name === label.name && sameLook(there, label))
      ) {
        if (dry) {
          ctx.plan({
            entity: "labels",
            action: "update",
            what: `label ${label.name}`,
            contentCreating: false,
          });
          step();
          continue;
        }
        await ctx.client.octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
          owner: ctx.target.owner,
          repo: ctx.target.repo,
          name: there.name,
          new_name: label.name,
          color: label.color,
          description: label.description ?? "",
          request: { signal: ctx.signal },
        });
        await ctx.journal.record({ kind: "label", key, outcome: "updated" });
        result.records++;
      } else {
        if (dry)
          ctx.plan({
            entity: "labels",
            action: "skip",
            what: `label ${label.name} (exists)`,
            contentCreating: false,
          });
        else if (!recorded)
          await ctx.journal.record({ kind: "label", key, outcome: "skipped", note: "already in the target" });
        result.skipped++;
      }
    } catch (error) {
      failItem(ctx, result, `label ${JSON.stringify(label.name)}`, error);
    }
    step();
  }
  if (!dry && result.skipped > 0 && strategy !== "overwrite") {
    ctx.log.info(`labels: ${result.skipped} already in the target, left as they are`);
  }
  return result;
}

export const labelsRestorer: EntityRestorer = {
  name: "labels",
  dependsOn: [],
  files: [LABELS_FILE],
  restore: restoreLabels,
};
