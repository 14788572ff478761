// Repository webhooks (the `hook` schema). GitHub never returns a hook's
// secret: it answers "********" in its place.
import type { FakeHook, FakeRepo } from "../../store/types.js";
import { apiRepo } from "./common.js";

export const MASKED_SECRET = "********";

export function serializeHook(repo: FakeRepo, hook: FakeHook, baseUrl: string): Record<string, unknown> {
  const url = `${apiRepo(baseUrl, repo)}/hooks/${hook.id}`;
  const config: Record<string, unknown> = {
    content_type: hook.config.content_type,
    insecure_ssl: hook.config.insecure_ssl,
    url: hook.config.url,
  };
  if (hook.config.secret !== null) config.secret = MASKED_SECRET;
  return {
    type: "Repository",
    id: hook.id,
    name: hook.name,
    active: hook.active,
    events: [...hook.events],
    config,
    updated_at: hook.updated_at,
    created_at: hook.created_at,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: { code: null, status: "unused", message: null },
  };
}
