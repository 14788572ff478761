// Applies the saved settings to the target: description, homepage, features,
// merge settings and topics. Only what differs is written, so a rerun writes
// nothing. Visibility stays as the restore's options made it, and `archived`
// is reported, not applied: an archived target accepts no further restore.
import { failItem } from "../../restore/error-text.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { FEATURE_FIELDS, MERGE_FIELDS, REPOSITORY_FILE, type RepositoryRecord } from "./record.js";

const SETTINGS = ["description", "homepage", "is_template", ...FEATURE_FIELDS, ...MERGE_FIELDS] as const;

function norm(value: unknown): unknown {
  return value === "" || value === undefined ? null : value;
}

async function restoreRepository(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  let saved: RepositoryRecord | undefined;
  for await (const record of ctx.readRecords<RepositoryRecord>(REPOSITORY_FILE)) saved = record;
  if (!saved) return result;
  const target = { owner: ctx.target.owner, repo: ctx.target.repo, request: { signal: ctx.signal } };
  const current: Record<string, unknown> =
    ctx.targetState === "missing"
      ? {}
      : ((await ctx.client.octokit.request("GET /repos/{owner}/{repo}", target)).data as Record<
          string,
          unknown
        >);

  const patch: Record<string, unknown> = {};
  for (const field of SETTINGS) {
    const value = saved[field];
    // null: the source did not report it (merge settings need admin rights there).
    if (value === null && field !== "description" && field !== "homepage") continue;
    if (norm(current[field]) !== norm(value)) patch[field] = value ?? "";
  }
  const topics = [...saved.topics].sort();
  const currentTopics = Array.isArray(current.topics) ? [...(current.topics as string[])].sort() : [];
  const topicsDiffer = topics.join("\n") !== currentTopics.join("\n");
  if (saved.archived)
    ctx.warn("the source repository is archived; archive the target yourself once it is complete");

  const changes = Object.keys(patch);
  if (ctx.options.dryRun) {
    if (changes.length > 0) {
      ctx.plan({
        entity: "repository",
        action: "update",
        what: `settings ${changes.join(", ")}`,
        contentCreating: false,
      });
    }
    if (topicsDiffer) {
      ctx.plan({
        entity: "repository",
        action: "update",
        what: `topics ${topics.join(", ")}`,
        contentCreating: false,
      });
    }
    return result;
  }
  if (changes.length > 0) {
    try {
      await ctx.client.octokit.request("PATCH /repos/{owner}/{repo}", { ...target, ...patch });
      result.records++;
    } catch (error) {
      failItem(ctx, result, `repository settings (${changes.join(", ")})`, error);
    }
  }
  if (topicsDiffer) {
    try {
      await ctx.client.octokit.request("PUT /repos/{owner}/{repo}/topics", { ...target, names: topics });
      result.records++;
    } catch (error) {
      failItem(ctx, result, "repository topics", error);
    }
  }
  return result;
}

export const repositoryRestorer: EntityRestorer = {
  name: "repository",
  dependsOn: [],
  afterContent: true,
  files: [REPOSITORY_FILE],
  restore: restoreRepository,
};
