// Creates the backup's webhooks in the target, inactive, only with --webhooks:
// the backup holds no secret, so the user sets it and turns each hook on. A
// hook whose URL the target already has, or that this restore made before
// (journal), is left alone, so a rerun writes nothing.
import { failItem } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { WEBHOOKS_FILE, type WebhookRecord } from "./record.js";
import { REDACTED } from "./save.js";

/** The query parameters whose values the save redacted. */
function redactedParams(url: string): string[] {
  try {
    return [...new URL(url).searchParams].filter(([, v]) => v === REDACTED).map(([name]) => name);
  } catch {
    return [];
  }
}

async function restoreWebhooks(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const saved: WebhookRecord[] = [];
  for await (const record of ctx.readRecords<WebhookRecord>(WEBHOOKS_FILE)) saved.push(record);
  if (saved.length === 0) return result;
  if (!ctx.options.webhooks) {
    ctx.log.info(`webhooks: ${saved.length} saved, none created (pass --webhooks to create them, inactive)`);
    return { ...result, skipped: saved.length };
  }
  const urls = new Set<string>();
  if (ctx.targetState !== "missing") {
    for await (const hook of listAll(ctx, "GET /repos/{owner}/{repo}/hooks")) {
      const url = (hook.config as { url?: unknown } | undefined)?.url;
      if (typeof url === "string") urls.add(url);
    }
  }
  for (const hook of saved) {
    const url = hook.config.url;
    if (url === null) {
      ctx.warn(`webhook ${hook.id}: no usable URL in the backup; not created`);
      result.skipped++;
      continue;
    }
    if (urls.has(url) || ctx.journal.get("webhook", String(hook.id))) {
      result.skipped++;
      continue;
    }
    if (ctx.options.dryRun) {
      ctx.plan({
        entity: "webhooks",
        action: "create",
        what: `webhook ${url} (inactive)`,
        contentCreating: false,
      });
      continue;
    }
    try {
      const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/hooks", {
        owner: ctx.target.owner,
        repo: ctx.target.repo,
        name: "web",
        active: false,
        events: hook.events,
        config: {
          url,
          ...(hook.config.content_type ? { content_type: hook.config.content_type } : {}),
          ...(hook.config.insecure_ssl ? { insecure_ssl: hook.config.insecure_ssl } : {}),
        },
        request: { signal: ctx.signal },
      });
      const newId = (response.data as { id?: unknown }).id;
      await ctx.journal.record({
        kind: "webhook",
        key: String(hook.id),
        outcome: "created",
        ...(typeof newId === "number" ? { newId } : {}),
        note: "inactive: set its secret and turn it on",
      });
      urls.add(url);
      result.records++;
      const redacted = redactedParams(url);
      if (redacted.length > 0) {
        ctx.warn(
          `webhook ${hook.id}: the backup holds no value for its URL's ${redacted.join(", ")} (possible credentials); set them in the target`,
        );
      }
    } catch (error) {
      failItem(ctx, result, `webhook ${url}`, error);
    }
  }
  if (result.records > 0) {
    ctx.warn(
      `webhooks: ${result.records} created inactive and without secrets; set each secret, then turn them on`,
    );
  }
  return result;
}

export const webhooksRestorer: EntityRestorer = {
  name: "webhooks",
  dependsOn: [],
  files: [WEBHOOKS_FILE],
  restore: restoreWebhooks,
};
