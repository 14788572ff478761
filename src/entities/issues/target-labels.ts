// The target's label names, listed once, so the issue importer can create a
// missing label (with its saved colour) before an import that names it: the
// Issue Import API fails an import whose label does not exist.
import type { LabelRef } from "../../backup/record-parts.js";
import { listAll } from "../../restore/list-target.js";
import type { RestoreContext } from "../../restore/types.js";
import { problemsWith } from "../../restore/validation.js";

export class TargetLabels {
  private names: Set<string> | null = null;

  constructor(private readonly ctx: RestoreContext) {}

  private async load(): Promise<Set<string>> {
    if (this.names) return this.names;
    const names = new Set<string>();
    for await (const item of listAll(this.ctx, "GET /repos/{owner}/{repo}/labels")) {
      if (typeof item.name === "string") names.add(item.name.toLowerCase());
    }
    this.names = names;
    return names;
  }

  async ensure(labels: readonly LabelRef[]): Promise<void> {
    if (labels.length === 0) return;
    const names = await this.load();
    const ctx = this.ctx;
    for (const label of labels) {
      const key = label.name.toLowerCase();
      if (names.has(key)) continue;
      try {
        await ctx.client.octokit.request("POST /repos/{owner}/{repo}/labels", {
          owner: ctx.target.owner,
          repo: ctx.target.repo,
          name: label.name,
          color: label.color,
          description: label.description ?? "",
          request: { signal: ctx.signal },
        });
        if (!ctx.journal.get("label", key))
          await ctx.journal.record({ kind: "label", key, outcome: "created", note: "for an issue" });
      } catch (error) {
        // Someone else made it meanwhile: fine. Anything else surfaces as the import's own failure.
        if (problemsWith(error, "name").length === 0) throw error;
      }
      names.add(key);
    }
  }
}
