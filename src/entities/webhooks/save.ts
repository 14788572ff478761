import { arr, bool, int, obj, str, strOrNull } from "../shared/fields.js";
import { skipWithoutPermission } from "../shared/permission-skip.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { WEBHOOKS_FILE, type WebhookRecord, webhookSortKey } from "./record.js";

/** What stands in the URL for a query value that may be a credential. */
export const REDACTED = "REDACTED";

/** Query parameters services carry credentials in, by name. */
const SECRET_NAME = /token|secret|key|pass|pwd|auth|sig|credential|session|code|access|jwt|bearer/i;
/** A value that looks like a credential whatever its name: long, letters and digits mixed. */
const SECRET_VALUE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-.~+/=]{20,}$/;

/**
 * The URL without userinfo or fragment, its query kept (services route on it:
 * a channel, a format) but with the value of every parameter that may be a
 * credential replaced by REDACTED; null when it is not a URL at all.
 */
export function publicUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    url.hash = "";
    const params = [...url.searchParams].map(([name, v]): [string, string] => [
      name,
      SECRET_NAME.test(name) || SECRET_VALUE.test(v) ? REDACTED : v,
    ]);
    url.search = params.length > 0 ? new URLSearchParams(params).toString() : "";
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
