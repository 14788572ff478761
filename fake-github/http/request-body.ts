// Reads a request body and interprets it the way the routes expect: parsed
// JSON for JSON requests, the raw bytes otherwise (asset uploads).
import type { IncomingMessage } from "node:http";

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * JSON when the content type says so (or is absent and the bytes look like
 * JSON); the raw bytes when `rawOnly` (uploads: a ".json" asset stays bytes)
 * or for other types. `ok: false` = malformed JSON (GitHub answers 400).
 */
export function interpretBody(
  raw: Buffer,
  contentType: string | undefined,
  rawOnly: boolean,
): { ok: true; body: unknown } | { ok: false } {
  if (raw.length === 0) return { ok: true, body: undefined };
  if (rawOnly) return { ok: true, body: raw };
  const type = (contentType ?? "").toLowerCase();
  const looksJson =
    type.includes("json") || (type === "" && /^\s*[[{"]/.test(raw.subarray(0, 16).toString()));
  if (!looksJson) return { ok: true, body: raw };
  try {
    return { ok: true, body: JSON.parse(raw.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}
