import { arr, bool, int, obj, str, strOrNull } from "../shared/fields.js";
import { skipWithoutPermission } from "../shared/permission-skip.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { WEBHOOKS_FILE, type WebhookRecord, webhookSortKey } from "./record.js";

/** The URL without userinfo, query or fragment; null when it is not a URL at all. */
export function publicUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.toString();
  } catch {
    return null;
  }
}

function scalar(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

export const webhooksSaver: EntitySaver = {
  name: "webhooks",
  dependsOn: [],
  save: (ctx) =>
    skipWithoutPermission(
      ctx,
      "webhooks",
      "admin rights on the repository (classic: admin:repo_hook or read:repo_hook scope; fine-grained: Webhooks read)",
      () =>
        writePages<WebhookRecord>(ctx, listPages(ctx, "GET /repos/{owner}/{repo}/hooks", { per_page: 100 }), {
          file: WEBHOOKS_FILE,
          sortKey: webhookSortKey,
          map: (hook) => {
            // An allow-list: whatever else GitHub puts into config (secret, tokens of other services) is never read.
            const config = obj(hook.config ?? {}, "hook.config");
            return {
              id: int(hook.id, "hook.id"),
              name: str(hook.name, "hook.name"),
              active: bool(hook.active, "hook.active"),
              events: arr(hook.events ?? [], "hook.events")
                .map((e, i) => str(e, `hook.events[${i}]`))
                .sort(),
              config: {
                url: publicUrl(config.url),
                content_type: scalar(config.content_type),
                insecure_ssl: scalar(config.insecure_ssl),
              },
              created_at: strOrNull(hook.created_at, "hook.created_at"),
              updated_at: strOrNull(hook.updated_at, "hook.updated_at"),
            };
          },
        }),
    ),
};
