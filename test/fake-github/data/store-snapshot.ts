// A JSON-able deep copy of a store (Maps → entries, Buffers → hex) for
// comparing two generated stores.
import type { FakeStore } from "../../../fake-github/store/types.js";

function plain(value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [plain(k), plain(v)]);
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v !== "function") out[k] = plain(v);
    return out;
  }
  return value;
}

export function storeSnapshot(store: FakeStore): string {
  return JSON.stringify(plain(store));
}
