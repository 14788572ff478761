// One line of webhooks.jsonl: a repository webhook without any secret. Only
// the non-secret config fields are kept; the URL loses any credentials
// (user:password@) and its fragment, and the values of query parameters that
// may carry a token are replaced by REDACTED.
import type { SortKey } from "../../backup/sort-key.js";

export const WEBHOOKS_FILE = "webhooks.jsonl";

export interface WebhookRecord {
  id: number;
  name: string;
  active: boolean;
  events: string[];
  config: { url: string | null; content_type: string | null; insecure_ssl: string | null };
  created_at: string | null;
  updated_at: string | null;
}

export function webhookSortKey(record: WebhookRecord): SortKey {
  return [record.id];
}
